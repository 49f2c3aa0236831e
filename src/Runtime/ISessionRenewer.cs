using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SessionSafety;

/// <summary>
/// The app's part of session recovery: puts the current credentials on a request (an access token, a
/// CSRF header) and renews them when the server says they are no longer good (refresh the access
/// token, fetch a fresh CSRF token). The <see cref="SessionRecoveryHandler"/> asks for one renewal at a
/// time, shared by all requests that failed with the same credentials.
/// </summary>
public interface ISessionRenewer
{
    /// <summary>
    /// Puts the current credentials on <paramref name="request"/>, replacing any that are there. Called
    /// before the first send, before the retry, and before a parked request is replayed. Cookies sent by
    /// the handler's cookie container need nothing here.
    /// </summary>
    ValueTask ApplyCredentialsAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>
    /// Renews the credentials after <paramref name="context"/>'s failure; returns whether fresh ones are
    /// available. Return <see langword="false"/> when only the user can help (the refresh token expired
    /// too): the requests are then parked and the app is notified.
    /// </summary>
    ValueTask<bool> RenewAsync(SessionRenewalContext context, CancellationToken cancellationToken);
}

/// <summary>What the renewer is told about the failure it is asked to repair.</summary>
public sealed class SessionRenewalContext
{
    /// <summary>Creates the context.</summary>
    public SessionRenewalContext(HttpStatusCode statusCode, Uri? requestUri, string? wwwAuthenticate)
    {
        StatusCode = statusCode;
        RequestUri = requestUri;
        WwwAuthenticate = wwwAuthenticate;
    }

    /// <summary>401 (typically: renew the access token or session) or 403 (typically: renew the CSRF token).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The request that failed first.</summary>
    public Uri? RequestUri { get; }

    /// <summary>The response's <c>WWW-Authenticate</c> header, if any (e.g. <c>Bearer error="invalid_token"</c>).</summary>
    public string? WwwAuthenticate { get; }
}

/// <summary>Makes an <see cref="ISessionRenewer"/> from two functions.</summary>
public static class SessionRenewer
{
    /// <summary>A renewer that calls <paramref name="renew"/> to renew and <paramref name="applyCredentials"/> (optional) to put the credentials on each request.</summary>
    public static ISessionRenewer Create(
        Func<SessionRenewalContext, CancellationToken, Task<bool>> renew,
        Func<HttpRequestMessage, CancellationToken, Task>? applyCredentials = null) =>
        new DelegateRenewer(renew ?? throw new ArgumentNullException(nameof(renew)), applyCredentials);

    private sealed class DelegateRenewer : ISessionRenewer
    {
        private readonly Func<SessionRenewalContext, CancellationToken, Task<bool>> renew;
        private readonly Func<HttpRequestMessage, CancellationToken, Task>? apply;

        public DelegateRenewer(Func<SessionRenewalContext, CancellationToken, Task<bool>> renew, Func<HttpRequestMessage, CancellationToken, Task>? apply)
        {
            this.renew = renew;
            this.apply = apply;
        }

        public ValueTask ApplyCredentialsAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            apply is null ? default : new ValueTask(apply(request, cancellationToken));

        public ValueTask<bool> RenewAsync(SessionRenewalContext context, CancellationToken cancellationToken) =>
            new(renew(context, cancellationToken));
    }
}
