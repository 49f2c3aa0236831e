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

namespace SessionSafety.Runtime.Tests;

/// <summary>The recovery handler against a real Kestrel API whose session and CSRF token expire.</summary>
public sealed class SessionRecoveryTests : IAsyncLifetime
{
    private readonly ITestOutputHelper output;
    private readonly ConcurrentQueue<SessionExpiredEventArgs> expired = new();
    private SessionApi api = null!;
    private HttpClient refreshClient = null!;
    private TestRenewer renewer = null!;
    private SessionRecovery recovery = null!;
    private HttpClient client = null!;

    public SessionRecoveryTests(ITestOutputHelper output) => this.output = output;

    public async Task InitializeAsync()
    {
        api = await SessionApi.StartAsync();
        refreshClient = new HttpClient { BaseAddress = api.BaseAddress };
        renewer = new TestRenewer(refreshClient, api.AccessToken, api.CsrfToken);
        recovery = new SessionRecovery();
        recovery.SessionExpired += (_, e) => expired.Enqueue(e);
        client = new HttpClient(new SessionRecoveryHandler(recovery, renewer, new SocketsHttpHandler { UseCookies = false }))
        {
            BaseAddress = api.BaseAddress,
        };
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        refreshClient.Dispose();
        await api.DisposeAsync();
    }

    [Fact]
    public async Task FreshSession_PassesStraightThrough()
    {
        using var response = await client.PostAsJsonAsync("api/messages", new SessionApi.Message("m1", "hello"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, api.DeliveriesOf("m1"));
        Assert.Equal(0, api.Renewals);
        Assert.Equal(0, recovery.RenewalCount);
    }

    [Fact]
    public async Task ExpiredSession401_IsRenewedAndRetried()
    {
        api.ExpireSession();

        using var response = await client.PostAsJsonAsync("api/messages", new SessionApi.Message("m1", "typed for an hour"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, api.DeliveriesOf("m1"));
        Assert.Equal(1, api.Rejected401);
        Assert.Equal(1, api.Renewals);
        Assert.Equal(HttpStatusCode.Unauthorized, Assert.Single(renewer.Statuses));
        Assert.Empty(expired);
        Assert.Empty(recovery.ParkedRequests);
    }

    [Fact]
    public async Task ExpiredCsrfToken403_IsRenewedAndRetried()
    {
        api.ExpireCsrf();

        using var response = await client.PostAsJsonAsync("api/messages", new SessionApi.Message("m1", "settings"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, api.DeliveriesOf("m1"));
        Assert.Equal(1, api.Rejected403);
        Assert.Equal(1, api.Renewals);
        Assert.Equal(HttpStatusCode.Forbidden, Assert.Single(renewer.Statuses));
    }

    [Fact]
    public async Task TwentyConcurrentRequests_TriggerOneRenewal()
    {
        api.ExpireSession();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            client.PostAsJsonAsync("api/messages", new SessionApi.Message("c" + i, "text " + i))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, api.Renewals);
        Assert.Equal(1, renewer.RenewCalls);
        Assert.Equal(1, recovery.RenewalCount);
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal(1, api.DeliveriesOf("c" + i)));
        Assert.Equal(20, api.Rejected401);
        output.WriteLine($"20 concurrent requests after expiry: {api.Rejected401} answered 401, {api.Renewals} renewal(s), {api.Deliveries.Count} delivered once each.");
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task RenewalFailure_ParksTheRequestsWithoutCredentials()
    {
        api.RefreshAllowed = false;
        api.ExpireSession();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            client.PostAsJsonAsync("api/messages", new SessionApi.Message("p" + i, "parked text " + i))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal(1, renewer.RenewCalls);
        var parked = recovery.ParkedRequests;
        Assert.Equal(5, parked.Count);
        Assert.Equal(5, expired.Count);
        Assert.Equal(parked.Select(p => p.Id).OrderBy(x => x), expired.Select(e => e.ParkedRequestId!.Value).OrderBy(x => x));
        Assert.All(parked, p =>
        {
            Assert.Equal("POST", p.Method);
            Assert.Equal(new Uri(api.BaseAddress, "api/messages"), p.RequestUri);
            Assert.Equal(HttpStatusCode.Unauthorized, p.StatusCode);
            Assert.Contains(p.ContentHeaders, h => h.Key == "Content-Type" && h.Value.Single().StartsWith("application/json"));
            Assert.StartsWith("{\"id\":\"p", Encoding.UTF8.GetString(p.GetContent()));
        });

        // Everything the parked requests hold, as text: no token, CSRF token or cookie in any of it.
        var everything = Dump(parked);
        Assert.Contains("parked text", everything);
        Assert.DoesNotContain(renewer.AccessToken, everything);
        Assert.DoesNotContain(renewer.CsrfToken, everything);
        Assert.DoesNotContain("access-", everything);
        Assert.DoesNotContain("csrf-", everything);
        Assert.DoesNotContain(TestRenewer.CookieValue, everything);
        Assert.DoesNotContain("Authorization", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Cookie", everything, StringComparison.OrdinalIgnoreCase);
        foreach (var p in parked)
        {
            using var request = p.CreateRequest();
            Assert.Null(request.Headers.Authorization);
            Assert.False(request.Headers.Contains("Cookie"));
            Assert.False(request.Headers.Contains(SessionApi.CsrfHeader));
        }

        Assert.Empty(api.Deliveries);
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task RequestsAfterAFailedRenewal_AreParkedWithoutAskingAgain()
    {
        api.RefreshAllowed = false;
        api.ExpireSession();

        using (await client.PostAsJsonAsync("api/messages", new SessionApi.Message("a", "1")))
        using (await client.PostAsJsonAsync("api/messages", new SessionApi.Message("b", "2")))
        {
        }

        Assert.Equal(1, renewer.RenewCalls);
        Assert.Equal(2, recovery.ParkedRequests.Count);
    }

    [Fact]
    public async Task ReplayAfterSignIn_DeliversEachParkedRequestExactlyOnce()
    {
        api.RefreshAllowed = false;
        api.ExpireSession();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            client.PostAsJsonAsync("api/messages", new SessionApi.Message("r" + i, "text " + i))));
        Assert.Equal(8, recovery.ParkedRequests.Count);

        // The user signs in again (here: the server lets the refresh through again).
        api.RefreshAllowed = true;
        recovery.NotifySignedIn();
        var results = await recovery.ReplayParkedAsync(client);

        Assert.Equal(8, results.Count);
        Assert.All(results, r => Assert.Equal(ReplayOutcome.Delivered, r.Outcome));
        Assert.All(Enumerable.Range(0, 8), i => Assert.Equal(1, api.DeliveriesOf("r" + i)));
        Assert.Empty(recovery.ParkedRequests);
        Assert.Equal(1, api.Renewals);

        var again = await recovery.ReplayParkedAsync(client);
        Assert.Empty(again);
        Assert.All(Enumerable.Range(0, 8), i => Assert.Equal(1, api.DeliveriesOf("r" + i)));

        // The replayed requests carried the fresh credentials the renewer put on, not stale ones.
        Assert.All(api.SeenCookies, c => Assert.Equal(TestRenewer.CookieValue, c));
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task ConcurrentReplays_DeliverEachParkedRequestExactlyOnce()
    {
        api.RefreshAllowed = false;
        api.ExpireSession();
        foreach (var r in await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            client.PostAsJsonAsync("api/messages", new SessionApi.Message("x" + i, "text " + i)))))
        {
            r.Dispose();
        }

        api.RefreshAllowed = true;
        recovery.NotifySignedIn();
        var replays = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => recovery.ReplayParkedAsync(client)));

        Assert.Equal(12, replays.Sum(r => r.Count));
        Assert.All(Enumerable.Range(0, 12), i => Assert.Equal(1, api.DeliveriesOf("x" + i)));
        Assert.Empty(recovery.ParkedRequests);
    }

    [Fact]
    public async Task ReplayWhileStillSignedOut_ParksAgainUnderTheSameId()
    {
        api.RefreshAllowed = false;
        api.ExpireSession();
        using (await client.PostAsJsonAsync("api/messages", new SessionApi.Message("s", "still"))) { }
        var id = Assert.Single(recovery.ParkedRequests).Id;

        recovery.NotifySignedIn();
        var results = await recovery.ReplayParkedAsync(client);

        Assert.Equal(ReplayOutcome.StillUnauthorized, Assert.Single(results).Outcome);
        Assert.Equal(id, Assert.Single(recovery.ParkedRequests).Id);
        Assert.Equal(0, api.DeliveriesOf("s"));
    }

    [Fact]
    public async Task ReplayThatCannotConnect_ParksAgain()
    {
        api.RefreshAllowed = false;
        api.ExpireSession();
        using (await client.PostAsJsonAsync("api/messages", new SessionApi.Message("n", "network"))) { }
        var parked = Assert.Single(recovery.ParkedRequests);
        using var offline = new HttpClient(new RedirectingHandler(KestrelServer.UnusedPort()));

        var results = await recovery.ReplayParkedAsync(offline);

        Assert.Equal(ReplayOutcome.Failed, Assert.Single(results).Outcome);
        Assert.Equal(parked.Id, Assert.Single(recovery.ParkedRequests).Id);
    }

    [Fact]
    public async Task GuardOverRecovery_KeepsTheDraftUntilTheReplayDelivered()
    {
        var store = new InMemoryDraftStore();
        var guard = new DraftGuard(store);
        var guardExpired = new EventRecorder<SessionExpiredEventArgs>();
        guard.SessionExpired += guardExpired.Add;
        api.RefreshAllowed = false;
        api.ExpireSession();
        var message = new SessionApi.Message("g1", "kept by the guard");

        using var response = await guard.SendAsync("Compose.SendAsync", message, draft => client.PostAsJsonAsync("api/messages", draft));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await guardExpired.SingleAsync();
        Assert.Equal("Compose.SendAsync", Assert.Single(recovery.ParkedRequests).DraftKey);
        Assert.Equal("Compose.SendAsync", Assert.Single(expired).DraftKey);
        Assert.NotNull(await store.TryLoadAsync("Compose.SendAsync"));

        api.RefreshAllowed = true;
        recovery.NotifySignedIn();
        var results = await recovery.ReplayParkedAsync(client);

        Assert.Equal(ReplayOutcome.Delivered, Assert.Single(results).Outcome);
        Assert.Equal(1, api.DeliveriesOf("g1"));
        Assert.Null(await store.TryLoadAsync("Compose.SendAsync"));
    }

    [Fact]
    public async Task RenewerCallingThroughTheSameClient_DoesNotDeadlock()
    {
        SessionRecovery shared = new();
        HttpClient? self = null;
        var token = api.AccessToken;
        var csrf = api.CsrfToken;
        var selfRenewer = SessionRenewer.Create(
            async (_, ct) =>
            {
                using var response = await self!.PostAsync("auth/refresh", null, ct);
                var tokens = await response.Content.ReadFromJsonAsync<SessionApi.Tokens>(ct);
                (token, csrf) = (tokens!.Access, tokens.Csrf);
                return true;
            },
            (request, _) =>
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                request.Headers.Remove(SessionApi.CsrfHeader);
                request.Headers.Add(SessionApi.CsrfHeader, csrf);
                return Task.CompletedTask;
            });
        self = new HttpClient(new SessionRecoveryHandler(shared, selfRenewer, new SocketsHttpHandler())) { BaseAddress = api.BaseAddress };
        api.ExpireSession();

        using var result = await self.PostAsJsonAsync("api/messages", new SessionApi.Message("self", "x")).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        self.Dispose();
    }

    [Fact]
    public async Task ThrowingRenewer_CountsAsFailureAndParks()
    {
        var throwing = SessionRenewer.Create((_, _) => throw new InvalidOperationException("token endpoint unreachable"));
        using var failing = new HttpClient(new SessionRecoveryHandler(recovery, throwing, new SocketsHttpHandler())) { BaseAddress = api.BaseAddress };

        using var response = await failing.PostAsJsonAsync("api/messages", new SessionApi.Message("t", "x"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Single(recovery.ParkedRequests);
    }

    [Fact]
    public async Task ParkingOff_ReturnsTheFailureAndNotifiesWithoutParking()
    {
        var noParking = new SessionRecovery(new SessionRecoveryOptions { ParkFailedRequests = false });
        var notified = 0;
        noParking.SessionExpired += (_, e) => { notified++; Assert.Null(e.ParkedRequestId); };
        using var c = new HttpClient(new SessionRecoveryHandler(noParking, renewer, new SocketsHttpHandler())) { BaseAddress = api.BaseAddress };
        api.RefreshAllowed = false;
        api.ExpireSession();

        using var response = await c.PostAsJsonAsync("api/messages", new SessionApi.Message("o", "x"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(noParking.ParkedRequests);
        Assert.Equal(1, notified);
    }

    /// <summary>Every public property of the parked requests, their content and content headers, as text.</summary>
    private static string Dump(System.Collections.Generic.IEnumerable<ParkedRequest> parked)
    {
        var text = new StringBuilder();
        foreach (var p in parked)
        {
            foreach (var property in typeof(ParkedRequest).GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
            {
                text.Append(property.Name).Append('=').Append(JsonSerializer.Serialize(property.GetValue(p)?.ToString())).Append('\n');
            }

            foreach (var field in typeof(ParkedRequest).GetFields(BindingFlags.NonPublic | BindingFlags.Instance))
            {
                var value = field.GetValue(p);
                text.Append(field.Name).Append('=').Append(value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value?.ToString()).Append('\n');
            }

            foreach (var header in p.ContentHeaders)
            {
                text.Append(header.Key).Append(": ").Append(string.Join(",", header.Value)).Append('\n');
            }

            text.Append(Encoding.UTF8.GetString(p.GetContent())).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Sends every request to a port nothing listens on.</summary>
    private sealed class RedirectingHandler : DelegatingHandler
    {
        private readonly int port;

        public RedirectingHandler(int port)
            : base(new SocketsHttpHandler()) => this.port = port;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
        {
            request.RequestUri = new UriBuilder(request.RequestUri!) { Port = port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
