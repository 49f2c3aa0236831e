using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SessionSafety;

/// <summary>
/// Recovers requests that meet an expired session. It buffers the request content and takes a copy of
/// the request as sent (redirect handling rewrites it in place); gives a request that changes something an
/// <c>Idempotency-Key</c>; on 401, 403 (an expired CSRF token) or a redirect to the login page it asks the
/// app's <see cref="ISessionRenewer"/> to renew the credentials — once, shared by every request that failed
/// with the same credentials — and retries the original request once with the fresh ones. If that fails,
/// the original request is parked in its <see cref="SessionRecovery"/> (method, URI, content, non-credential
/// headers; never <c>Authorization</c>, <c>Cookie</c> or an API key), the app is notified through
/// <see cref="SessionRecovery.SessionExpired"/>, and the failed response is returned. Parked requests are
/// replayed with <see cref="SessionRecovery.ReplayParkedAsync"/> after sign-in. Requests to a login page
/// (the app's own sign-in) pass through untouched.
/// </summary>
public sealed class SessionRecoveryHandler : DelegatingHandler
{
    private readonly SessionRecovery? recovery;
    private readonly ISessionRenewer? renewer;
    private readonly Func<(SessionRecovery Recovery, ISessionRenewer Renewer)>? perUser;

    /// <summary>Creates a handler with its own <see cref="SessionRecovery"/>.</summary>
    public SessionRecoveryHandler(ISessionRenewer renewer)
        : this(new SessionRecovery(), renewer)
    {
    }

    /// <summary>Creates a handler that shares <paramref name="recovery"/> with the other handlers of the same API.</summary>
    public SessionRecoveryHandler(SessionRecovery recovery, ISessionRenewer renewer)
    {
        this.recovery = recovery ?? throw new ArgumentNullException(nameof(recovery));
        this.renewer = renewer ?? throw new ArgumentNullException(nameof(renewer));
    }

    /// <summary>Creates a handler in front of <paramref name="innerHandler"/> (for <c>new HttpClient(handler)</c>).</summary>
    public SessionRecoveryHandler(SessionRecovery recovery, ISessionRenewer renewer, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        this.recovery = recovery ?? throw new ArgumentNullException(nameof(recovery));
        this.renewer = renewer ?? throw new ArgumentNullException(nameof(renewer));
    }

    /// <summary>
    /// A handler of a server app, shared by every user's requests (as <c>IHttpClientFactory</c> shares its
    /// handlers): it takes the recovery and the renewer of the user who sends each request.
    /// </summary>
    internal SessionRecoveryHandler(Func<(SessionRecovery Recovery, ISessionRenewer Renewer)> perUser) =>
        this.perUser = perUser;

    /// <summary>The shared renewal state, parked requests and notification (on a server: the current user's).</summary>
    public SessionRecovery Recovery => recovery ?? perUser!().Recovery;

    /// <summary>The app's renewer (on a server: the current user's).</summary>
    public ISessionRenewer Renewer => renewer ?? perUser!().Renewer;

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var (owner, credentials) = recovery is not null ? (recovery, renewer!) : perUser!();
        return owner.SendAsync(request, credentials, (r, c) => base.SendAsync(r, c), cancellationToken);
    }

#if NET8_0_OR_GREATER
    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var (owner, credentials) = recovery is not null ? (recovery, renewer!) : perUser!();
        return owner.SendAsync(request, credentials, (r, c) => Task.FromResult(base.Send(r, c)), cancellationToken).GetAwaiter().GetResult();
    }
#endif
}
