using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;
using SessionSafety.Runtime.Tests.Infrastructure;

namespace SessionSafety.Runtime.Tests;

/// <summary>Parked requests are bounded in number, in bytes and in time, and what is not parked is reported.</summary>
public sealed class ParkingLimitsTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<SessionExpiredEventArgs> expired = new();
    private readonly CapturingLogger logger = new();
    private readonly FakeTimeProvider time = new();
    private SessionApi api = null!;
    private HttpClient refreshClient = null!;

    public async Task InitializeAsync()
    {
        api = await SessionApi.StartAsync();
        api.RefreshAllowed = false;
        api.RefreshDelay = TimeSpan.Zero;
        refreshClient = new HttpClient { BaseAddress = api.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        refreshClient.Dispose();
        await api.DisposeAsync();
    }

    [Fact]
    public void Defaults_AreDocumented()
    {
        var options = new SessionRecoveryOptions();

        Assert.Equal(100, options.MaxParkedRequests);
        Assert.Equal(16L * 1024 * 1024, options.MaxParkedBytes);
        Assert.Equal(TimeSpan.FromHours(24), options.ParkedRequestLifetime);
    }

    [Fact]
    public async Task TwentyFailingPosts_WithALimitOfFive_ParkFiveAndReportTheRest()
    {
        var (recovery, client) = Create(new SessionRecoveryOptions { MaxParkedRequests = 5 });
        var guard = new DraftGuard(new InMemoryDraftStore());

        for (var i = 0; i < 20; i++)
        {
            var message = new SessionApi.Message("m" + i, new string('x', 10_000));
            using var response = await guard.SendAsync("Compose.Send" + i, message, draft => client.PostAsJsonAsync("api/messages", draft));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Equal(5, recovery.ParkedRequests.Count);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => "Compose.Send" + i), recovery.ParkedRequests.Select(p => p.DraftKey));
        var refused = expired.Where(e => e.ParkedRequestId is null).ToArray();
        Assert.Equal(15, refused.Length);
        Assert.All(refused, e => Assert.Contains("the limit is 5", e.NotParkedReason));

        // The newest input was not parked, but it was not lost either: the guard's draft holds it, and the app was told.
        Assert.All(refused, e => Assert.True(e.DraftKept));
        Assert.Equal(15, logger.Entries.Count(e => e.EventId.Name == "ParkingRefused"));
    }

    [Fact]
    public async Task ByteLimit_ParksWhatFits()
    {
        var (recovery, client) = Create(new SessionRecoveryOptions { MaxParkedBytes = 25_000 });

        for (var i = 0; i < 5; i++)
        {
            using var response = await client.PostAsJsonAsync("api/messages", new SessionApi.Message("b" + i, new string('y', 10_000)));
        }

        Assert.Equal(2, recovery.ParkedRequests.Count);
        Assert.True(recovery.ParkedRequests.Sum(p => p.ContentLength) <= 25_000);
        Assert.Equal(3, expired.Count(e => e.NotParkedReason is not null));
    }

    [Fact]
    public async Task ParkedRequests_ExpireAfterTheirLifetime()
    {
        var (recovery, client) = Create(new SessionRecoveryOptions { ParkedRequestLifetime = TimeSpan.FromHours(1) });
        using (await client.PostAsJsonAsync("api/messages", new SessionApi.Message("e1", "old")))
        {
        }

        time.Advance(TimeSpan.FromMinutes(59));
        Assert.Single(recovery.ParkedRequests);

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(recovery.ParkedRequests);
        Assert.Empty(await recovery.ReplayParkedAsync(client));
        Assert.Contains(logger.Entries, e => e.EventId.Name == "ParkedRequestExpired");
        Assert.Equal(0, api.DeliveriesOf("e1"));
    }

    [Fact]
    public async Task FailedReplays_DoNotExtendAParkedRequestsLife()
    {
        var (recovery, client) = Create(new SessionRecoveryOptions { ParkedRequestLifetime = TimeSpan.FromHours(1) });
        using (await client.PostAsJsonAsync("api/messages", new SessionApi.Message("e2", "still signed out")))
        {
        }

        time.Advance(TimeSpan.FromMinutes(50));
        Assert.Equal(ReplayOutcome.StillUnauthorized, Assert.Single(await recovery.ReplayParkedAsync(client)).Outcome);
        time.Advance(TimeSpan.FromMinutes(10));

        Assert.Empty(recovery.ParkedRequests);
    }

    private (SessionRecovery Recovery, HttpClient Client) Create(SessionRecoveryOptions options)
    {
        options.TimeProvider = time;
        options.Logger = logger;
        var recovery = new SessionRecovery(options);
        recovery.SessionExpired += (_, e) => expired.Enqueue(e);
        var renewer = new TestRenewer(refreshClient, api.AccessToken, api.CsrfToken);
        api.ExpireSession();
        return (recovery, new HttpClient(new SessionRecoveryHandler(recovery, renewer, new SocketsHttpHandler())) { BaseAddress = api.BaseAddress });
    }
}
