using Microsoft.Extensions.DependencyInjection;

namespace SessionSafety.Wasm.Client.Services;

/// <summary>What the client registers: docs/runtime.md's Blazor WebAssembly set-up, for a cookie-authenticated host.</summary>
public static class ClientServices
{
    /// <summary>The name of the <see cref="HttpClient"/> that recovers an expired CSRF token.</summary>
    public const string Api = "api";

    public static void Add(IServiceCollection services, Uri site)
    {
        services.AddSessionSafety(options =>
        {
            // localStorage: a singleton in WebAssembly, where the process is one tab. Each user's drafts are kept
            // under keys of their own: DraftOwner names the user (BrowserDraftStore.UserId) as sign-ins come and go.
            options.UseBrowserStorage();

            // The draft in localStorage is the copy of a failed save that survives a reload, and the page
            // sends it after sign-in; a parked request beside it could reach the server a second time.
            options.Recovery.ParkFailedRequests = false;
        });

        // The plain client, as the Blazor WebAssembly template registers it (the naive page and the
        // account calls use it; the browser sends the host's cookies with every same-origin request).
        services.AddScoped(_ => new HttpClient { BaseAddress = site });
        services.AddScoped<AccountClient>();
        services.AddSingleton<DraftOwner>();

        // The recommended page's client: puts the CSRF token on every request and, when a save answers
        // 403, fetches a fresh token and sends it once more. A 401 needs the user: the guard reports it.
        // A host that redirects script calls to its login page is seen as 401 too: in the browser the
        // recovery handler asks fetch not to follow the redirect of a save, and takes it for an expired session.
        services.AddScoped<CsrfTokenRenewer>();
        services.AddHttpClient(Api, client => client.BaseAddress = site)
            .AddSessionRecovery<CsrfTokenRenewer>();
    }
}
