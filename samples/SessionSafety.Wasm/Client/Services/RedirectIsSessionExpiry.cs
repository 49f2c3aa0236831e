using System.Net;

namespace SessionSafety.Wasm.Client.Services;

/// <summary>
/// In WebAssembly, <see cref="HttpClient"/> sends through the browser's fetch, which follows a redirect
/// without telling .NET where it ended: a save that cookie authentication redirected to the login page
/// arrives as "200 OK" with the login page's HTML and its original address, so <see cref="DraftGuard"/>
/// cannot tell it from a success. With redirects not followed (the client's primary handler sets
/// <c>AllowAutoRedirect = false</c>, fetch's <c>redirect: "manual"</c>), fetch answers an "opaque
/// redirect" instead, and this handler turns it into 401: the guard keeps the draft and the page asks
/// the user to sign in again. The API this client calls never redirects a request it accepted.
/// </summary>
public sealed class RedirectIsSessionExpiry : DelegatingHandler
{
    private const string OpaqueRedirect = "opaqueredirect";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == 0 && response.ReasonPhrase == OpaqueRedirect)
        {
            response.StatusCode = HttpStatusCode.Unauthorized;
            response.ReasonPhrase = "Session expired (redirected to the login page)";
        }

        return response;
    }
}
