namespace SessionSafety;

/// <summary>What happened to one parked request when it was replayed.</summary>
public enum ReplayOutcome
{
    /// <summary>The server accepted it (2xx).</summary>
    Delivered,

    /// <summary>The session is still not valid (401/403, or a redirect to the login page): it is parked again.</summary>
    StillUnauthorized,

    /// <summary>The server answered with another error; it is not parked again (the server has seen it).</summary>
    Rejected,

    /// <summary>The request could not be sent (network, timeout); it is parked again, since it may not have arrived.</summary>
    Failed,
}
