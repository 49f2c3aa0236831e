using System;

namespace SessionSafety;

/// <summary>When the session ends.</summary>
public sealed class SessionExpiryEventArgs : EventArgs
{
    /// <summary>Creates the notification.</summary>
    public SessionExpiryEventArgs(DateTimeOffset expiresAt, TimeSpan remaining)
    {
        ExpiresAt = expiresAt;
        Remaining = remaining;
    }

    /// <summary>When the session ends (or ended).</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The time left when the event was raised (zero once expired).</summary>
    public TimeSpan Remaining { get; }
}
