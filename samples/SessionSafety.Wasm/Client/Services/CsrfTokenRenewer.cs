using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SessionSafety.Wasm.Client.Services;

/// <summary>
/// The CSRF token of a cookie-authenticated host: sent as a header on every request, fetched again when
/// the host refuses it (403). An expired session (401, or the host's login page) cannot be renewed from
/// script: only the user can sign in again.
/// </summary>
public sealed class CsrfTokenRenewer(HttpClient http) : ISessionRenewer
{
    public const string Header = "X-CSRF-TOKEN";

    private string? token;

    public async ValueTask ApplyCredentialsAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        token ??= await FetchAsync(cancellationToken);
        request.Headers.Remove(Header);
        if (token is not null)
        {
            request.Headers.Add(Header, token);
        }
    }

    public async ValueTask<bool> RenewAsync(SessionRenewalContext context, CancellationToken cancellationToken)
    {
        // The token belongs to the session: after a new sign-in the next request fetches a new one.
        token = null;
        if (context.StatusCode != HttpStatusCode.Forbidden)
        {
            return false;
        }

        token = await FetchAsync(cancellationToken);
        return token is not null;
    }

    private async Task<string?> FetchAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync("api/antiforgery", cancellationToken);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "application/json")
            {
                // Signed out: 401, or a host that redirects script calls answers with its login page.
                return null;
            }

            return (await response.Content.ReadFromJsonAsync<CsrfToken>(cancellationToken))?.Token;
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException)
        {
            return null;
        }
    }

    private sealed record CsrfToken(string Token);
}
