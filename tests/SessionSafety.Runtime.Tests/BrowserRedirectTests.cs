using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;
using SessionSafety.Runtime.Tests.Infrastructure;
using Message = SessionSafety.Runtime.Tests.DraftGuardTests.Message;

namespace SessionSafety.Runtime.Tests;

/// <summary>
/// What the guard and the recovery decide in the browser, where fetch follows a redirect to the login page
/// and shows it as a 200 of the original address: they ask fetch not to follow (the request option .NET's
/// browser handler reads) and take the opaque redirect for an expired session, keeping the draft. Against
/// <see cref="FakeFetch"/>, a model of that handler; the sample in a real chromium proves the same end to end
/// (tests/SessionSafety.BrowserTests, RedirectingHost_RecommendedPageTellsTheLoginPageFromASuccess).
/// </summary>
public sealed class BrowserRedirectTests
{
    private const string Key = "Compose.SendAsync";
    private static readonly HttpRequestOptionsKey<IDictionary<string, object>> FetchOptions = new("WebAssemblyFetchOptions");
    private static readonly Uri Api = new("https://app.example/api/messages");

    private readonly InMemoryDraftStore store = new();
    private readonly EventRecorder<SessionExpiredEventArgs> guardExpired = new();
    private readonly EventRecorder<SessionExpiredEventArgs> recoveryExpired = new();
    private readonly FakeFetch fetch = new();

    [Fact]
    public async Task GuardedRequestInTheBrowser_OpaqueRedirect_IsAnExpiredSessionAndKeepsTheDraft()
    {
        var guard = Guard(inBrowser: true);
        using var http = new HttpClient(fetch);
        using var request = new HttpRequestMessage(HttpMethod.Post, Api) { Content = JsonContent.Create(new Message("Hi", "typed for an hour")) };

        using var response = await guard.SendAsync(Key, request, r => http.SendAsync(r));

        Assert.Equal((HttpMethod.Post, "manual"), Assert.Single(fetch.Sent));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.IsSuccessStatusCode);
        Assert.Contains("typed for an hour", (await store.TryLoadAsync(Key))!.Content, StringComparison.Ordinal);
        var expired = Assert.Single(await guardExpired.WaitForAsync());
        Assert.Equal(SessionExpiryReason.RedirectedToLogin, expired.Reason);
        Assert.True(expired.DraftKept);
    }

    [Fact]
    public async Task GuardedSaveThroughTheRecoveryHandlerInTheBrowser_OpaqueRedirect_KeepsTheDraftAndParksTheOriginal()
    {
        var guard = Guard(inBrowser: true);
        var recovery = Recovery(inBrowser: true);
        using var http = new HttpClient(new SessionRecoveryHandler(recovery, CannotRenew(), fetch));

        using var response = await guard.SendAsync(Key, new Message("Hi", "typed for an hour"), draft => http.PostAsJsonAsync(Api, draft));

        // The save and nothing else went to fetch, told not to follow; the renewer could not help.
        Assert.Equal((HttpMethod.Post, "manual"), Assert.Single(fetch.Sent));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotNull(await store.TryLoadAsync(Key));
        var parked = Assert.Single(recovery.ParkedRequests);
        Assert.Equal("POST", parked.Method);
        Assert.Contains("typed for an hour", System.Text.Encoding.UTF8.GetString(parked.GetContent()), StringComparison.Ordinal);
        var fromRecovery = Assert.Single(recoveryExpired.All);
        Assert.Equal(SessionExpiryReason.RedirectedToLogin, fromRecovery.Reason);
        Assert.Equal(Key, fromRecovery.DraftKey);
        Assert.Single(await guardExpired.WaitForAsync());
    }

    [Fact]
    public async Task GuardedSaveInTheBrowser_Accepted_RemovesTheDraft()
    {
        fetch.Redirects = false;
        var guard = Guard(inBrowser: true);
        using var http = new HttpClient(new SessionRecoveryHandler(Recovery(inBrowser: true), CannotRenew(), fetch));

        using var response = await guard.SendAsync(Key, new Message("Hi", "typed for an hour"), draft => http.PostAsJsonAsync(Api, draft));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(await store.TryLoadAsync(Key));
        Assert.Equal(0, guardExpired.Count);
    }

    [Fact]
    public async Task SaveWithoutTheRuntimeInThePipelineInTheBrowser_LogsThatRedirectsAreInvisible()
    {
        // A plain client: nothing of the runtime sees the request, fetch follows, the login page looks like success.
        var logger = new CapturingLogger();
        var guard = new DraftGuard(new DraftGuardOptions { Store = store, Logger = logger, RunsInBrowser = true });
        using var http = new HttpClient(fetch);

        using var first = await guard.SendAsync(Key, new Message("Hi", "one"), draft => http.PostAsJsonAsync(Api, draft));
        using var second = await guard.SendAsync(Key, new Message("Hi", "two"), draft => http.PostAsJsonAsync(Api, draft));

        Assert.Equal((HttpMethod.Post, null), fetch.Sent.First());
        Assert.Single(logger.Entries, e => e.EventId.Name == "RedirectsInvisible");
    }

    [Fact]
    public async Task RecoveryInTheBrowser_LeavesGetsToFollowRedirects()
    {
        fetch.Redirects = false;
        using var http = new HttpClient(new SessionRecoveryHandler(Recovery(inBrowser: true), CannotRenew(), fetch));

        using var response = await http.GetAsync(Api);

        Assert.Equal((HttpMethod.Get, null), Assert.Single(fetch.Sent));
    }

    [Fact]
    public async Task OutsideTheBrowser_NoFetchOptionIsSet()
    {
        fetch.Redirects = false;
        var guard = Guard(inBrowser: false);
        using var http = new HttpClient(new SessionRecoveryHandler(Recovery(inBrowser: false), CannotRenew(), fetch));
        using var request = new HttpRequestMessage(HttpMethod.Post, Api) { Content = JsonContent.Create(new Message("Hi", "x")) };

        using var viaHandler = await guard.SendAsync(Key, new Message("Hi", "y"), draft => http.PostAsJsonAsync(Api, draft));
        using var asRequest = await guard.SendAsync(Key, request, r => http.SendAsync(r));

        Assert.All(fetch.Sent, s => Assert.Null(s.Redirect));
        Assert.False(request.Options.TryGetValue(FetchOptions, out _));
    }

    [Fact]
    public async Task AppsOwnFetchOptions_AreKept_AndItsRedirectModeWins()
    {
        fetch.Redirects = false;
        var guard = Guard(inBrowser: true);
        using var http = new HttpClient(fetch);
        var shared = new Dictionary<string, object>(StringComparer.Ordinal) { ["credentials"] = "include" };
        using var withCredentials = new HttpRequestMessage(HttpMethod.Post, Api) { Content = JsonContent.Create(new Message("Hi", "x")) };
        withCredentials.Options.Set(FetchOptions, shared);
        using var chosen = new HttpRequestMessage(HttpMethod.Post, Api) { Content = JsonContent.Create(new Message("Hi", "y")) };
        chosen.Options.Set(FetchOptions, new Dictionary<string, object> { ["redirect"] = "follow" });

        using var first = await guard.SendAsync(Key, withCredentials, r => http.SendAsync(r));
        using var second = await guard.SendAsync(Key + "2", chosen, r => http.SendAsync(r));

        Assert.True(withCredentials.Options.TryGetValue(FetchOptions, out var sent));
        Assert.Equal("include", sent["credentials"]);
        Assert.Equal("manual", sent["redirect"]);
        Assert.False(shared.ContainsKey("redirect")); // the app's dictionary, perhaps shared by other requests, is not changed
        Assert.Equal(new[] { "manual", "follow" }, fetch.Sent.Select(s => s.Redirect));
    }

    [Fact]
    public async Task OpaqueResponseThatIsNoRedirect_KeepsTheDraftWithoutSessionExpired()
    {
        // Status 0 without "opaqueredirect": fetch's answer to a no-cors request. Not a success, not a sign-in.
        var guard = Guard(inBrowser: true);

        using var response = await guard.SendAsync(Key, new Message("Hi", "typed"), _ =>
            Task.FromResult(new HttpResponseMessage(0) { RequestMessage = new HttpRequestMessage(HttpMethod.Post, Api) }));

        Assert.Equal((HttpStatusCode)0, response.StatusCode);
        Assert.NotNull(await store.TryLoadAsync(Key));
        Assert.Equal(0, guardExpired.Count);
    }

    private static ISessionRenewer CannotRenew() => SessionRenewer.Create((_, _) => Task.FromResult(false));

    private DraftGuard Guard(bool inBrowser)
    {
        var guard = new DraftGuard(new DraftGuardOptions { Store = store, RunsInBrowser = inBrowser });
        guard.SessionExpired += guardExpired.Add;
        return guard;
    }

    private SessionRecovery Recovery(bool inBrowser)
    {
        var recovery = new SessionRecovery(new SessionRecoveryOptions { RunsInBrowser = inBrowser });
        recovery.SessionExpired += recoveryExpired.Add;
        return recovery;
    }
}
