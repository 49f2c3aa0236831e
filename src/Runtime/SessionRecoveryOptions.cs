using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace SessionSafety;

/// <summary>Settings of a <see cref="SessionRecovery"/>.</summary>
public sealed class SessionRecoveryOptions
{
    /// <summary>Whether requests that could not be recovered are parked for replay after sign-in. On by default.</summary>
    public bool ParkFailedRequests { get; set; } = true;

    /// <summary>
    /// Whether 403 is taken for an expired session (an expired CSRF/antiforgery token answers 403). On by
    /// default; turn it off for an API whose 403 only ever means "not allowed".
    /// </summary>
    public bool RecoverForbidden { get; set; } = true;

    /// <summary>How long one renewal may take before it counts as failed. 30 seconds by default.</summary>
    public TimeSpan RenewalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After a failed renewal, requests that fail with the same credentials are parked without asking the
    /// renewer again for this long (or until <see cref="SessionRecovery.NotifySignedIn"/>). 30 seconds by default.
    /// </summary>
    public TimeSpan RenewalFailureCooldown { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Login path segments: a 2xx whose final URI has one is a redirect to the login page, not a success.</summary>
    public IList<string> LoginPaths { get; } = new List<string>(DraftGuardOptions.DefaultLoginPaths);

    /// <summary>The clock; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where renewals, parking and replays are logged (never with request content). Optional.</summary>
    public ILogger? Logger { get; set; }
}
