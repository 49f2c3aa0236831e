namespace SessionSafety;

/// <summary>Where a monitored session stands.</summary>
public enum SessionExpiryState
{
    /// <summary><see cref="SessionExpiryMonitor.Start()"/> has not been called.</summary>
    NotStarted,

    /// <summary>Signed in, not close to the end.</summary>
    Active,

    /// <summary>Within the warning lead time of the end.</summary>
    Expiring,

    /// <summary>Over: the server will answer 401 (or redirect to the login page).</summary>
    Expired,

    /// <summary>Stopped (signed out).</summary>
    Stopped,
}
