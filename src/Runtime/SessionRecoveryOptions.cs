using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace SessionSafety;

/// <summary>Settings of a <see cref="SessionRecovery"/>.</summary>
public sealed class SessionRecoveryOptions
{
    /// <summary>The header that carries a request's idempotency key by default.</summary>
    public const string DefaultIdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The default limit on parked requests: 100.</summary>
    public const int DefaultMaxParkedRequests = 100;

    /// <summary>The default limit on the content of all parked requests together: 16 MiB.</summary>
    public const long DefaultMaxParkedBytes = 16L * 1024 * 1024;

    /// <summary>The default time a parked request is kept: 24 hours, as long as a draft.</summary>
    public static readonly TimeSpan DefaultParkedRequestLifetime = TimeSpan.FromHours(24);

    private int maxParkedRequests = DefaultMaxParkedRequests;
    private long maxParkedBytes = DefaultMaxParkedBytes;
    private TimeSpan parkedRequestLifetime = DefaultParkedRequestLifetime;

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

    /// <summary>
    /// Login path segments: a response that a redirect ended on a login page is an expired session, not a
    /// success; a request sent to a login page (the app's own sign-in) is passed through untouched.
    /// </summary>
    public IList<string> LoginPaths { get; } = new List<string>(DraftGuardOptions.DefaultLoginPaths);

    /// <summary>
    /// The header in which each request that changes something (not GET, HEAD, OPTIONS or TRACE) gets an
    /// idempotency key, unless it has one: generated once, sent with the request, its retry and every
    /// replay, so that a server that honours it processes the request at most once.
    /// <c>Idempotency-Key</c> by default; <see langword="null"/> sends none (an API whose CORS policy does not
    /// allow the header, for example).
    /// </summary>
    public string? IdempotencyKeyHeader { get; set; } = DefaultIdempotencyKeyHeader;

    /// <summary>
    /// More header names that carry credentials and must never be kept in a parked request, besides the
    /// built-in ones (<c>Authorization</c>, <c>Cookie</c>, <c>Proxy-Authorization</c>, CSRF and API-key
    /// headers, and any name with a word such as <c>token</c>, <c>auth</c>, <c>secret</c> or <c>session</c>
    /// or ending in <c>key</c>).
    /// </summary>
    public ISet<string> CredentialHeaders { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How many requests may wait for a replay. A request that would go over is not parked: the app is told
    /// (<see cref="SessionExpiredEventArgs.NotParkedReason"/>, a warning in the log) and the guard's draft, if
    /// any, still holds its content. 100 by default; 0 parks nothing.
    /// </summary>
    public int MaxParkedRequests
    {
        get => maxParkedRequests;
        set => maxParkedRequests = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The limit cannot be negative.");
    }

    /// <summary>How many content bytes all parked requests may hold together; a request that would go over is not parked (as for <see cref="MaxParkedRequests"/>). 16 MiB by default.</summary>
    public long MaxParkedBytes
    {
        get => maxParkedBytes;
        set => maxParkedBytes = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The limit cannot be negative.");
    }

    /// <summary>How long a parked request waits for a replay before it is dropped (and logged). 24 hours by default.</summary>
    public TimeSpan ParkedRequestLifetime
    {
        get => parkedRequestLifetime;
        set => parkedRequestLifetime = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The lifetime must be positive.");
    }

    /// <summary>The clock; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where renewals, parking and replays are logged (never with request content). Optional.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>A copy, so that the options handed to DI stay a template for each recovery made from them.</summary>
    internal SessionRecoveryOptions Clone()
    {
        var copy = new SessionRecoveryOptions
        {
            ParkFailedRequests = ParkFailedRequests,
            RecoverForbidden = RecoverForbidden,
            RenewalTimeout = RenewalTimeout,
            RenewalFailureCooldown = RenewalFailureCooldown,
            IdempotencyKeyHeader = IdempotencyKeyHeader,
            MaxParkedRequests = MaxParkedRequests,
            MaxParkedBytes = MaxParkedBytes,
            ParkedRequestLifetime = ParkedRequestLifetime,
            TimeProvider = TimeProvider,
            Logger = Logger,
            RunsInBrowser = RunsInBrowser,
        };
        copy.LoginPaths.Clear();
        foreach (var path in LoginPaths)
        {
            copy.LoginPaths.Add(path);
        }

        copy.CredentialHeaders.UnionWith(CredentialHeaders);
        return copy;
    }

    /// <summary>Whether the recovery runs in a browser (Blazor WebAssembly), where fetch must be told not to follow redirects. Set by tests.</summary>
    internal bool RunsInBrowser { get; set; } = Internal.BrowserFetch.IsBrowser;
}
