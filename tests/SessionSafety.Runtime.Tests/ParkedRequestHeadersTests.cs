using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using SessionSafety.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;
using static SessionSafety.Runtime.Tests.Infrastructure.CookieAuthApp;

namespace SessionSafety.Runtime.Tests;

/// <summary>
/// What a parked request keeps (the caller's non-credential headers, an idempotency key) and what it never
/// keeps (credentials, wherever they were put), and how often a replay reaches the server when responses
/// are lost — against ASP.NET Core's cookie authentication on Kestrel.
/// </summary>
public sealed class ParkedRequestHeadersTests : IAsyncLifetime
{
    private readonly ITestOutputHelper output;
    private readonly ConcurrentQueue<SessionExpiredEventArgs> expired = new();
    private CookieAuthApp app = null!;
    private SessionRecovery recovery = null!;
    private HttpClient client = null!;
    private HttpClient signIn = null!;

    public ParkedRequestHeadersTests(ITestOutputHelper output) => this.output = output;

    public async Task InitializeAsync()
    {
        app = await CookieAuthApp.StartAsync();
        recovery = new SessionRecovery();
        recovery.SessionExpired += (_, e) => expired.Enqueue(e);
        var cookies = new CookieContainer();
        client = new HttpClient(new SessionRecoveryHandler(recovery, SessionRenewer.Create((_, _) => Task.FromResult(false)), new SocketsHttpHandler { CookieContainer = cookies }))
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
    public async Task ParkedRequest_KeepsTheCallersHeaders_AndNoCredentialWhereverItWasPut()
    {
        app.ExpireSession("alice");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/posts?page=2&access_token=query-token-5e1")
        {
            Content = JsonContent.Create(new Post("h1", "with headers")),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"v7\"");
        request.Headers.TryAddWithoutValidation("X-Client-Tag", "compose-window");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "bearer-secret-1a2");
        request.Headers.TryAddWithoutValidation("X-Api-Key", "request-api-key-3b4");
        request.Headers.TryAddWithoutValidation("api-key", "request-api-key-5c6");
        request.Headers.TryAddWithoutValidation("Cookie", "manual=cookie-secret-7d8");
        request.Headers.TryAddWithoutValidation("Proxy-Authorization", "Basic proxy-secret-9e0");
        request.Content.Headers.TryAddWithoutValidation("X-Api-Key", "content-api-key-f1f");
        request.Content.Headers.TryAddWithoutValidation("X-Auth-Token", "content-auth-token-2a2");
        request.Content.Headers.TryAddWithoutValidation("Ocp-Apim-Subscription-Key", "content-apim-key-3b3");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var parked = Assert.Single(recovery.ParkedRequests);
        Assert.Equal("\"v7\"", Header(parked, "If-Match"));
        Assert.Equal("compose-window", Header(parked, "X-Client-Tag"));
        Assert.NotNull(parked.IdempotencyKey);
        Assert.Equal(parked.IdempotencyKey, Header(parked, "Idempotency-Key"));
        Assert.Contains(parked.ContentHeaders, h => h.Key == "Content-Type");
        Assert.Equal(new Uri(app.BaseAddress, "api/posts?page=2"), parked.RequestUri);

        var everything = Dump(parked);
        foreach (var secret in new[] { "bearer-secret", "request-api-key", "cookie-secret", "proxy-secret", "content-api-key", "content-auth-token", "content-apim-key", "query-token" })
        {
            Assert.DoesNotContain(secret, everything);
        }

        using var replay = parked.CreateRequest();
        Assert.Null(replay.Headers.Authorization);
        Assert.False(replay.Headers.Contains("X-Api-Key"));
        Assert.False(replay.Content!.Headers.Contains("X-Auth-Token"));
        Assert.Equal("\"v7\"", replay.Headers.GetValues("If-Match").Single());
        Assert.Equal(parked.IdempotencyKey, replay.Headers.GetValues("Idempotency-Key").Single());

        // The event says where the request went, without the token in its query.
        Assert.DoesNotContain("query-token", Assert.Single(expired).RequestUri!.ToString());
    }

    [Fact]
    public async Task AppsOwnIdempotencyKey_IsKept()
    {
        app.ExpireSession("alice");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/posts") { Content = JsonContent.Create(new Post("h2", "x")) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "the-apps-own-key");

        using var response = await client.SendAsync(request);

        Assert.Equal("the-apps-own-key", Assert.Single(recovery.ParkedRequests).IdempotencyKey);
        Assert.Equal("the-apps-own-key", app.Requests.First(r => r.Path == "/api/posts").IdempotencyKey);
    }

    [Fact]
    public async Task ReplaysWhoseResponsesAreLost_ReachTheServerAtMostOncePerReplay_WithTheOriginalsKey()
    {
        app.ExpireSession("alice");
        var ids = new[] { "r1", "r2", "r3" };
        foreach (var id in ids)
        {
            using var failed = await client.PostAsJsonAsync("api/posts", new Post(id, "text of " + id));
        }

        var parked = recovery.ParkedRequests;
        Assert.Equal(3, parked.Count);
        var keys = parked.ToDictionary(p => JsonDocument.Parse(p.GetContent()).RootElement.GetProperty("id").GetString()!, p => p.IdempotencyKey!);

        // The original attempts (answered by the redirect to the login page) carried the same keys.
        Assert.All(ids, id => Assert.Contains(app.Requests, r => r.Path == "/api/posts" && r.IdempotencyKey == keys[id]));
        Assert.Empty(app.Posts);

        await app.SignInAsync(signIn, "alice");
        recovery.NotifySignedIn();
        app.LoseResponses = true;
        var first = await recovery.ReplayParkedAsync(client);

        var afterFirst = app.Posts.Count;
        Assert.All(first, r => Assert.Equal(ReplayOutcome.Failed, r.Outcome));
        Assert.Equal(3, recovery.ParkedRequests.Count);
        Assert.All(ids, id => Assert.Single(app.PostsOf(id)));

        app.LoseResponses = false;
        var second = await recovery.ReplayParkedAsync(client);
        var third = await recovery.ReplayParkedAsync(client);

        Assert.All(second, r => Assert.Equal(ReplayOutcome.Delivered, r.Outcome));
        Assert.Empty(third);
        Assert.Empty(recovery.ParkedRequests);
        foreach (var id in ids)
        {
            var received = app.PostsOf(id);
            Assert.Equal(2, received.Count);
            Assert.All(received, p => Assert.Equal(keys[id], p.IdempotencyKey));
            Assert.All(received, p => Assert.Equal("alice", p.User));
        }

        Assert.Equal(3, app.Processed);
        output.WriteLine($"3 parked; replay 1 (responses lost): {afterFirst} bodies; replay 2: {app.Posts.Count - afterFirst} more; "
            + $"bodies received in all: {app.Posts.Count} ({string.Join(", ", ids.Select(id => id + " x" + app.PostsOf(id).Count))}), "
            + $"distinct idempotency keys: {app.Posts.Select(p => p.IdempotencyKey).Distinct().Count()}, processed once per key: {app.Processed}; "
            + $"credentials of every replay: {string.Join(", ", app.Posts.Select(p => p.User).Distinct())}.");
    }

    private static string? Header(ParkedRequest parked, string name) =>
        parked.Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).SelectMany(h => h.Value).FirstOrDefault();

    /// <summary>Every property and field of a parked request, its headers and content, as text.</summary>
    private static string Dump(ParkedRequest parked)
    {
        var text = new StringBuilder();
        foreach (var property in typeof(ParkedRequest).GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
        {
            text.Append(property.Name).Append('=').Append(property.GetValue(parked)).Append('\n');
        }

        foreach (var header in parked.Headers.Concat(parked.ContentHeaders))
        {
            text.Append(header.Key).Append(": ").Append(string.Join(",", header.Value)).Append('\n');
        }

        return text.Append(parked.RequestUri).Append('\n').Append(Encoding.UTF8.GetString(parked.GetContent())).ToString();
    }
}
