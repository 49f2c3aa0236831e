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
