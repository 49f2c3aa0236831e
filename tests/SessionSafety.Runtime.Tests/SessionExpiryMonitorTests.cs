using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SessionSafety.Runtime.Tests.Infrastructure;

namespace SessionSafety.Runtime.Tests;

public sealed class SessionExpiryMonitorTests
{
    private readonly FakeTimeProvider time = new();
    private readonly List<string> events = new();

    [Fact]
    public void IdleSession_WarnsFifteenMinutesAheadThenExpires()
    {
        using var monitor = Create(new SessionExpiryOptions { IdleTimeout = TimeSpan.FromMinutes(60) });
        var start = time.GetUtcNow();
        monitor.Start();

        time.Advance(TimeSpan.FromMinutes(45) - TimeSpan.FromSeconds(1));
        Assert.Empty(events);
        Assert.Equal(SessionExpiryState.Active, monitor.State);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new[] { "expiring at +60 with 15 left" }, Describe(start));
        Assert.Equal(SessionExpiryState.Expiring, monitor.State);

        time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(new[] { "expiring at +60 with 15 left", "expired at +60" }, Describe(start));
        Assert.Equal(SessionExpiryState.Expired, monitor.State);
        Assert.Equal(TimeSpan.Zero, monitor.Remaining);
        Assert.Equal(TimeSpan.FromMinutes(15), new SessionExpiryOptions().WarningLeadTime);
    }

    public static TheoryData<string, TimeSpan?, TimeSpan?> NeverEnding => new()
    {
        { "idle MaxValue", TimeSpan.MaxValue, null },
        { "absolute MaxValue", null, TimeSpan.MaxValue },
        { "idle 10,000 years", TimeSpan.FromDays(3_652_500), null },
        { "absolute 10,000 years, idle 20 min", TimeSpan.FromMinutes(20), TimeSpan.FromDays(3_652_500) },
        { "idle infinite", System.Threading.Timeout.InfiniteTimeSpan, null },
        { "both infinite", System.Threading.Timeout.InfiniteTimeSpan, System.Threading.Timeout.InfiniteTimeSpan },
    };

    [Theory]
    [MemberData(nameof(NeverEnding))]
    public void NeverEndingLifetime_StartsAndNeverExpires(string lifetime, TimeSpan? idle, TimeSpan? absolute)
    {
        using var monitor = Create(new SessionExpiryOptions { IdleTimeout = idle, AbsoluteTimeout = absolute, SlidingRefreshThreshold = 1 });

        monitor.Start();
        time.Advance(TimeSpan.FromDays(1000));
        monitor.RecordActivity();
        time.Advance(TimeSpan.FromDays(1000));

        var ends = idle == TimeSpan.FromMinutes(20);
        Assert.Equal(ends ? SessionExpiryState.Expired : SessionExpiryState.Active, monitor.State);
        Assert.Equal(ends ? 2 : 0, events.Count);
        Assert.True(ends || monitor.ExpiresAt == DateTimeOffset.MaxValue, lifetime);
    }

    [Fact]
    public void ZeroOrNegativeLifetime_IsStillRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionExpiryMonitor(new SessionExpiryOptions { IdleTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionExpiryMonitor(new SessionExpiryOptions { AbsoluteTimeout = TimeSpan.FromMinutes(-5) }));
    }

    [Fact]
    public void Activity_ExtendsASlidingSession()
    {
        using var monitor = Create(new SessionExpiryOptions { IdleTimeout = TimeSpan.FromMinutes(60) });
        var start = time.GetUtcNow();
        monitor.Start();

        time.Advance(TimeSpan.FromMinutes(30));
        monitor.RecordActivity();
        time.Advance(TimeSpan.FromMinutes(44));

        Assert.Empty(events);
        Assert.Equal(start + TimeSpan.FromMinutes(90), monitor.ExpiresAt);
        time.Advance(TimeSpan.FromMinutes(1));
        time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(new[] { "expiring at +90 with 15 left", "expired at +90" }, Describe(start));
    }

    [Fact]
    public void ActivityWhileExpiring_ReturnsToActiveAndWarnsAgainLater()
    {
        using var monitor = Create(new SessionExpiryOptions { IdleTimeout = TimeSpan.FromMinutes(60) });
        var start = time.GetUtcNow();
        monitor.Start();
        time.Advance(TimeSpan.FromMinutes(50));
        Assert.Equal(SessionExpiryState.Expiring, monitor.State);

        monitor.RecordActivity();

        Assert.Equal(SessionExpiryState.Active, monitor.State);
        time.Advance(TimeSpan.FromMinutes(45));
        Assert.Equal(new[] { "expiring at +60 with 15 left", "expiring at +110 with 15 left" }, Describe(start));
    }

    [Fact]
    public void WatchingOnly_NeverExtendsTheSession()
    {
        using var monitor = Create(new SessionExpiryOptions { IdleTimeout = TimeSpan.FromMinutes(60) });
        var start = time.GetUtcNow();
        monitor.Expiring += (_, _) => _ = (monitor.State, monitor.ExpiresAt, monitor.Remaining);
        monitor.Start();

        // Someone watches the countdown every second for two hours and does nothing else.
        for (var second = 0; second < 7_200; second++)
        {
            _ = monitor.Remaining;
            _ = monitor.State;
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(new[] { "expiring at +60 with 15 left", "expired at +60" }, Describe(start));
        Assert.Equal(start + TimeSpan.FromMinutes(60), monitor.ExpiresAt);
    }

    [Fact]
    public void AbsoluteLifetime_IsNotExtendedByActivity()
    {
        using var monitor = Create(new SessionExpiryOptions { IdleTimeout = TimeSpan.FromMinutes(60), AbsoluteTimeout = TimeSpan.FromHours(2) });
        var start = time.GetUtcNow();
        monitor.Start();

        for (var i = 0; i < 12; i++)
        {
            time.Advance(TimeSpan.FromMinutes(10));
            monitor.RecordActivity();
        }

        Assert.Equal(new[] { "expiring at +120 with 15 left", "expired at +120" }, Describe(start));
    }

    [Fact]
    public void ActivityAfterExpiry_DoesNotReviveTheSession_ButStartDoes()
    {
        using var monitor = Create(new SessionExpiryOptions { IdleTimeout = TimeSpan.FromMinutes(30) });
        monitor.Start();
        time.Advance(TimeSpan.FromMinutes(31));

        monitor.RecordActivity();
        Assert.Equal(SessionExpiryState.Expired, monitor.State);

        monitor.Start();
        Assert.Equal(SessionExpiryState.Active, monitor.State);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(30), monitor.ExpiresAt);
    }

    [Fact]
    public void HalfTimeRefresh_ExtendsOnlyPastHalfTheLifetime()
    {
        using var monitor = Create(new SessionExpiryOptions { IdleTimeout = TimeSpan.FromMinutes(60), SlidingRefreshThreshold = 0.5 });
        var start = time.GetUtcNow();
        monitor.Start();

        time.Advance(TimeSpan.FromMinutes(20));
        monitor.RecordActivity();
        Assert.Equal(start + TimeSpan.FromMinutes(60), monitor.ExpiresAt);

        time.Advance(TimeSpan.FromMinutes(11));
        monitor.RecordActivity();
        Assert.Equal(start + TimeSpan.FromMinutes(91), monitor.ExpiresAt);
    }

    [Fact]
    public void ConfiguredLeadTime_IsHonoured()
    {
        using var monitor = Create(new SessionExpiryOptions { IdleTimeout = TimeSpan.FromMinutes(20), WarningLeadTime = TimeSpan.FromMinutes(2) });
        var start = time.GetUtcNow();
        monitor.Start();

        time.Advance(TimeSpan.FromMinutes(18));

        Assert.Equal(new[] { "expiring at +20 with 2 left" }, Describe(start));
    }

    [Fact]
    public void FourHundredDaySession_IsWatchedWithoutTimerOverflow()
    {
        using var monitor = Create(new SessionExpiryOptions { AbsoluteTimeout = TimeSpan.FromDays(400) });
        var start = time.GetUtcNow();
        monitor.Start();

        time.Advance(TimeSpan.FromDays(400));

        Assert.Equal(new[] { "expiring at +576000 with 15 left", "expired at +576000" }, Describe(start));
    }

    [Fact]
    public void Stop_EndsWatching()
    {
        using var monitor = Create(new SessionExpiryOptions { IdleTimeout = TimeSpan.FromMinutes(20) });
        monitor.Start();
        monitor.Stop();

        time.Advance(TimeSpan.FromHours(1));

        Assert.Empty(events);
        Assert.Equal(SessionExpiryState.Stopped, monitor.State);
        Assert.Null(monitor.ExpiresAt);
    }

    [Fact]
    public void Events_ArePostedToTheContextCapturedAtStart()
    {
        var context = new QueueingContext();
        using var monitor = Create(new SessionExpiryOptions { IdleTimeout = TimeSpan.FromMinutes(20) });
        System.Threading.SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            monitor.Start();
        }
        finally
        {
            System.Threading.SynchronizationContext.SetSynchronizationContext(null);
        }

        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(events);
        Assert.Single(context.Posted);
        context.Posted.Dequeue()();
        Assert.Single(events);
    }

    [Fact]
    public void MissingLifetime_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new SessionExpiryMonitor(new SessionExpiryOptions()));
    }

    [Fact]
    public async Task ActivityHandler_RecordsAcceptedRequestsOnly()
    {
        await using var server = await KestrelServer.StartAsync(app =>
        {
            app.MapGet("/ok", () => "fine");
            app.MapGet("/expired", () => Results.StatusCode(401));
            app.MapGet("/cookie", (HttpContext c) => { c.Response.Redirect("/Account/Login"); return Task.CompletedTask; });
            app.MapGet("/Account/Login", () => "login page");
        });
        using var monitor = Create(new SessionExpiryOptions { IdleTimeout = TimeSpan.FromMinutes(60) });
        var start = time.GetUtcNow();
        monitor.Start();
        var handler = monitor.CreateActivityHandler();
        handler.InnerHandler = new SocketsHttpHandler();
        using var client = new HttpClient(handler) { BaseAddress = server.BaseAddress };

        time.Advance(TimeSpan.FromMinutes(10));
        using (await client.GetAsync("expired")) { }
        using (await client.GetAsync("cookie")) { }
        Assert.Equal(start + TimeSpan.FromMinutes(60), monitor.ExpiresAt);

        using (await client.GetAsync("ok")) { }
        Assert.Equal(start + TimeSpan.FromMinutes(70), monitor.ExpiresAt);
    }

    private SessionExpiryMonitor Create(SessionExpiryOptions options)
    {
        options.TimeProvider = time;
        var monitor = new SessionExpiryMonitor(options);
        monitor.Expiring += (_, e) => events.Add($"expiring|{e.ExpiresAt.UtcTicks}|{e.Remaining.TotalMinutes}");
        monitor.Expired += (_, e) => events.Add($"expired|{e.ExpiresAt.UtcTicks}");
        return monitor;
    }

    private string[] Describe(DateTimeOffset start) => events.ConvertAll(e =>
    {
        var parts = e.Split('|');
        var at = (new DateTimeOffset(long.Parse(parts[1]), TimeSpan.Zero) - start).TotalMinutes;
        return parts[0] == "expiring" ? $"expiring at +{at} with {parts[2]} left" : $"expired at +{at}";
    }).ToArray();

    private sealed class QueueingContext : System.Threading.SynchronizationContext
    {
        public Queue<Action> Posted { get; } = new();

        public override void Post(System.Threading.SendOrPostCallback d, object? state) => Posted.Enqueue(() => d(state));
    }
}
