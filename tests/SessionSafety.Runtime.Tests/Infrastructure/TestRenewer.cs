using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;

namespace SessionSafety.Runtime.Tests.Infrastructure;

/// <summary>
/// The app's renewer as a test would write it: it puts the bearer token, the CSRF header and a
/// hand-made session cookie on each request, and renews tokens at POST /auth/refresh.
/// </summary>
public sealed class TestRenewer : ISessionRenewer
{
    public const string CookieValue = "sid=cookie-secret-0b5e";

    private readonly HttpClient refreshClient;
    private int renewCalls;

    public TestRenewer(HttpClient refreshClient, string accessToken, string csrfToken)
    {
        this.refreshClient = refreshClient;
        AccessToken = accessToken;
        CsrfToken = csrfToken;
    }

    public string AccessToken { get; private set; }

    public string CsrfToken { get; private set; }

    public int RenewCalls => Volatile.Read(ref renewCalls);

    public HttpStatusCodeLog Statuses { get; } = new();

    public ValueTask ApplyCredentialsAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        request.Headers.Remove(SessionApi.CsrfHeader);
        request.Headers.Add(SessionApi.CsrfHeader, CsrfToken);
        request.Headers.Remove("Cookie");
        request.Headers.Add("Cookie", CookieValue);
        return default;
    }

    public async ValueTask<bool> RenewAsync(SessionRenewalContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref renewCalls);
        Statuses.Add(context.StatusCode);
        using var response = await refreshClient.PostAsync("auth/refresh", null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        var tokens = await response.Content.ReadFromJsonAsync<SessionApi.Tokens>(cancellationToken);
        AccessToken = tokens!.Access;
        CsrfToken = tokens.Csrf;
        return true;
    }

    /// <summary>Signs in "by hand" (as the user would in the dialog) with tokens the server issued.</summary>
    public void SignedIn(string accessToken, string csrfToken)
    {
        AccessToken = accessToken;
        CsrfToken = csrfToken;
    }

    public sealed class HttpStatusCodeLog : System.Collections.Concurrent.ConcurrentQueue<System.Net.HttpStatusCode>
    {
        public void Add(System.Net.HttpStatusCode code) => Enqueue(code);
    }
}
