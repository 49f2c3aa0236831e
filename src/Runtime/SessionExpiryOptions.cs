using System;
using Microsoft.Extensions.Logging;

namespace SessionSafety;

/// <summary>Settings of a <see cref="SessionExpiryMonitor"/>.</summary>
public sealed class SessionExpiryOptions
{
    /// <summary>The default warning ahead of expiry: 15 minutes.</summary>
    public static readonly TimeSpan DefaultWarningLeadTime = TimeSpan.FromMinutes(15);

    /// <summary>The sliding (idle) lifetime: the session ends this long after the last activity. Optional.</summary>
    /// <remarks>A lifetime too long to end (<see cref="TimeSpan.MaxValue"/>, 10,000 years) or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> means "never".</remarks>
    public TimeSpan? IdleTimeout { get; set; }

    /// <summary>The absolute lifetime: the session ends this long after sign-in, activity or not. Optional.</summary>
    /// <remarks>A lifetime too long to end (<see cref="TimeSpan.MaxValue"/>, 10,000 years) or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> means "never".</remarks>
    public TimeSpan? AbsoluteTimeout { get; set; }

    /// <summary>How long before the end "expiring" is raised. 15 minutes by default.</summary>
    public TimeSpan WarningLeadTime { get; set; } = DefaultWarningLeadTime;

    /// <summary>
    /// The share of <see cref="IdleTimeout"/> that must have passed since the last extension before
    /// activity extends the session again, as the server does it: 0 (every request extends it) by
    /// default; 0.5 for ASP.NET Core cookie authentication, which renews the cookie only past half-time.
    /// </summary>
    public double SlidingRefreshThreshold { get; set; }

    /// <summary>The clock and timers; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where "expiring" and "expired" are logged. Optional.</summary>
    public ILogger? Logger { get; set; }
}
