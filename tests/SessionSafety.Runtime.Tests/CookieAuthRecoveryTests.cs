using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Threading.Tasks;
using SessionSafety.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;
using static SessionSafety.Runtime.Tests.Infrastructure.CookieAuthApp;

namespace SessionSafety.Runtime.Tests;

/// <summary>
/// The guard and the recovery handler behind ASP.NET Core's real cookie authentication on Kestrel, where an
/// expired session is a 302 to the login page that .NET's redirect handling follows by rewriting the
/// request in place (POST becomes GET, the content is dropped).
/// </summary>
public sealed class CookieAuthRecoveryTests : IAsyncLifetime
{
    private readonly ITestOutputHelper output;
    private readonly ConcurrentQueue<SessionExpiredEventArgs> expired = new();
    private CookieAuthApp app = null!;
    private SessionRecovery recovery = null!;
    private HttpClient client = null!;
    private HttpClient signIn = null!;
    private int renewCalls;
    private Func<Task<bool>> renew = () => Task.FromResult(false);

    public CookieAuthRecoveryTests(ITestOutputHelper output) => this.output = output;

    public async Task InitializeAsync()
    {
        app = await CookieAuthApp.StartAsync();
        recovery = new SessionRecovery();
        recovery.SessionExpired += (_, e) => expired.Enqueue(e);
        var renewer = SessionRenewer.Create(async (_, _) =>
        {
            System.Threading.Interlocked.Increment(ref renewCalls);
            return await renew();
        });

        // Automatic redirects on (the default): the case the issue reported. The user signs in through a
        // client of their own that shares the cookies, as a browser's sign-in page would.
        var cookies = new CookieContainer();
        client = new HttpClient(new SessionRecoveryHandler(recovery, renewer, new SocketsHttpHandler { CookieContainer = cookies }))
        {
            BaseAddress = app.BaseAddress,
        };
        signIn = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies }) { BaseAddress = app.BaseAddress };
        await app.SignInAsync(signIn, "alice");
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        signIn.Dispose();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task ExpiredCookieSession_RedirectedToLogin_ParksTheOriginalPostAndTheReplayDeliversItsBodyOnce()
    {
        var store = new InMemoryDraftStore();
        var guard = new DraftGuard(store);
        app.ExpireSession("alice");
        var post = new Post("p1", "typed for an hour");

        using var response = await guard.SendAsync("Compose.SendAsync", post, draft => client.PostAsJsonAsync("api/posts", draft));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var parked = Assert.Single(recovery.ParkedRequests);
        Assert.Equal("POST", parked.Method);
        Assert.Equal(new Uri(app.BaseAddress, "api/posts"), parked.RequestUri);
        Assert.Equal("{\"id\":\"p1\",\"text\":\"typed for an hour\"}", Encoding.UTF8.GetString(parked.GetContent()));
        Assert.Contains(parked.ContentHeaders, h => h.Key == "Content-Type" && h.Value.Single().StartsWith("application/json"));
        Assert.Equal(SessionExpiryReason.RedirectedToLogin, Assert.Single(expired).Reason);
        Assert.Empty(app.Posts);
        Assert.Contains(app.Requests, r => r.Method == "GET" && r.Path.StartsWith("/Account/Login?ReturnUrl="));

        await app.SignInAsync(signIn, "alice");
        recovery.NotifySignedIn();
        var results = await recovery.ReplayParkedAsync(client);

        Assert.Equal(ReplayOutcome.Delivered, Assert.Single(results).Outcome);
        var received = Assert.Single(app.Posts);
        Assert.Equal(("alice", "p1", "{\"id\":\"p1\",\"text\":\"typed for an hour\"}"), (received.User, received.Id, received.Body));
        Assert.Null(await store.TryLoadAsync("Compose.SendAsync"));
        Assert.Empty(recovery.ParkedRequests);
        output.WriteLine($"Bodies the server received: {app.Posts.Count} (before the replay: 0); the replay's credentials were {received.User}'s.");
    }

    [Fact]
    public async Task ExpiredCookieSession_RenewedSilently_RetriesTheOriginalPostWithItsBody()
    {
        // A renewer that can sign in again without the user (remembered credentials, a refresh token).
        renew = async () =>
        {
            await app.SignInAsync(signIn, "alice");
            return true;
        };
        app.ExpireSession("alice");

        using var response = await client.PostAsJsonAsync("api/posts", new Post("p2", "kept through the retry"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, renewCalls);
        var received = Assert.Single(app.Posts);
        Assert.Equal(("alice", "{\"id\":\"p2\",\"text\":\"kept through the retry\"}"), (received.User, received.Body));
        Assert.Empty(recovery.ParkedRequests);
        Assert.Empty(expired);
    }

    [Fact]
    public async Task RedirectToLoginWithAutomaticRedirectsOff_IsAnExpiredSessionToo()
    {
        using var manual = new HttpClient(new SessionRecoveryHandler(recovery, SessionRenewer.Create((_, _) => Task.FromResult(false)), new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
        }))
        {
            BaseAddress = app.BaseAddress,
        };
        var guard = new DraftGuard(new InMemoryDraftStore());

        using var response = await guard.SendAsync("Compose.SendAsync", new Post("p3", "no cookie at all"), draft => manual.PostAsJsonAsync("api/posts", draft));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("POST", Assert.Single(recovery.ParkedRequests).Method);
        Assert.Equal(SessionExpiryReason.RedirectedToLogin, Assert.Single(expired).Reason);
    }

    [Fact]
    public async Task SaveToAUrlWithALoginSegment_ThatSucceeds_IsASuccess()
    {
        var store = new InMemoryDraftStore();
        var guard = new DraftGuard(store);
        var guardExpired = new EventRecorder<SessionExpiredEventArgs>();
        guard.SessionExpired += guardExpired.Add;

        using var response = await guard.SendAsync("Posts.SaveLoginPostAsync", new Post("login", "a post about logging in"), draft => client.PostAsJsonAsync("api/posts/login", draft));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(await store.TryLoadAsync("Posts.SaveLoginPostAsync"));
        Assert.Equal(0, guardExpired.Count);
        Assert.Empty(expired);
        Assert.Empty(recovery.ParkedRequests);
        Assert.Equal("alice", Assert.Single(app.Posts).User);
    }

    [Fact]
    public async Task TheAppsOwnSignInPost_IsNeverRenewedNorParked()
    {
        using var wrong = await client.PostAsync("Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = "alice",
            ["password"] = "a typo",
        }));
        using var right = await client.PostAsync("Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = "alice",
            ["password"] = Passwords["alice"],
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(0, renewCalls);
        Assert.Empty(recovery.ParkedRequests);
        Assert.Empty(expired);
    }
}
