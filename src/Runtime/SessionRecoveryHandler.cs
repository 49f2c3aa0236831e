using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SessionSafety;

/// <summary>
/// Recovers requests that meet an expired session. It buffers the request content; on 401, 403 (an
/// expired CSRF token) or a redirect to the login page it asks the app's <see cref="ISessionRenewer"/>
/// to renew the credentials — once, shared by every request that failed with the same credentials —
/// and retries once with the fresh ones. If that fails, the request is parked in its
/// <see cref="SessionRecovery"/> (method, URI, content; never <c>Authorization</c> or <c>Cookie</c>),
/// the app is notified through <see cref="SessionRecovery.SessionExpired"/>, and the failed response is
/// returned. Parked requests are replayed with <see cref="SessionRecovery.ReplayParkedAsync"/> after sign-in.
/// </summary>
public sealed class SessionRecoveryHandler : DelegatingHandler
{
    /// <summary>Creates a handler with its own <see cref="SessionRecovery"/>.</summary>
    public SessionRecoveryHandler(ISessionRenewer renewer)
        : this(new SessionRecovery(), renewer)
    {
    }

    /// <summary>Creates a handler that shares <paramref name="recovery"/> with the other handlers of the same API.</summary>
    public SessionRecoveryHandler(SessionRecovery recovery, ISessionRenewer renewer)
    {
        Recovery = recovery ?? throw new ArgumentNullException(nameof(recovery));
        Renewer = renewer ?? throw new ArgumentNullException(nameof(renewer));
    }

    /// <summary>Creates a handler in front of <paramref name="innerHandler"/> (for <c>new HttpClient(handler)</c>).</summary>
    public SessionRecoveryHandler(SessionRecovery recovery, ISessionRenewer renewer, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        Recovery = recovery ?? throw new ArgumentNullException(nameof(recovery));
        Renewer = renewer ?? throw new ArgumentNullException(nameof(renewer));
    }

    /// <summary>The shared renewal state, parked requests and notification.</summary>
    public SessionRecovery Recovery { get; }

    /// <summary>The app's renewer.</summary>
    public ISessionRenewer Renewer { get; }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Recovery.SendAsync(request ?? throw new ArgumentNullException(nameof(request)), Renewer, (r, c) => base.SendAsync(r, c), cancellationToken);

#if NET8_0_OR_GREATER
    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Recovery.SendAsync(request ?? throw new ArgumentNullException(nameof(request)), Renewer, (r, c) => Task.FromResult(base.Send(r, c)), cancellationToken).GetAwaiter().GetResult();
#endif
}
