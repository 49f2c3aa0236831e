using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.JSInterop;
using SessionSafety.Runtime.Tests.Infrastructure;

namespace SessionSafety.Runtime.Tests;

/// <summary>
/// Code blocked on the runtime's tasks on a UI thread (<c>.Result</c>, <c>.GetAwaiter().GetResult()</c>:
/// what SESS001's fix produces at a blocking call site) completes: no await in the guard, the stores, the
/// recovery handler or autosave needs the blocked thread to go on. Each test blocks a real single-threaded
/// synchronization context, as WPF's and WinForms' are.
/// </summary>
public sealed class UiThreadBlockingTests : IAsyncLifetime
{
    private readonly UiThread ui = new();
    private readonly TempDirectory temp = new();
    private KestrelServer server = null!;
    private HttpClient http = null!;
    private volatile bool expired = true;

    public async Task InitializeAsync()
    {
        server = await KestrelServer.StartAsync(app =>
            app.MapPost("/api/messages", () => expired ? Results.StatusCode(401) : Results.Ok()));
        http = new HttpClient { BaseAddress = server.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        ui.Dispose();
        http.Dispose();
        temp.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task GeneratedGuardCallBlockedOnTheUiThread_WithTheFileStore_Completes()
    {
        var store = new FileDraftStore(temp.Combine("drafts"));
        var raisedOn = new EventRecorder<int>();

        var status = await ui.RunBlockingAsync("DraftGuard.Default.SendAsync(...).Result", () =>
        {
            using (SessionSafetyScope.Begin(store))
            {
                DraftGuard.Default.SessionExpired += (_, _) => raisedOn.Add(null, Environment.CurrentManagedThreadId);

                // Exactly what SESS001's fix writes at a blocking call site.
                using var response = DraftGuard.Default.SendAsync("Compose.Send", new { Text = "typed on the UI thread" }, draft => http.PostAsJsonAsync("api/messages", draft)).Result;
                return response.StatusCode;
            }
        });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("typed on the UI thread", store.TryLoad("Compose.Send")!.Content);

        // The handler ran on the UI thread, once that thread was free again.
        Assert.Equal(ui.ThreadId, await raisedOn.SingleAsync());

        expired = false;
        var delivered = await ui.RunBlockingAsync("a delivered send's .Result", () =>
        {
            using (SessionSafetyScope.Begin(store))
            {
                using var response = DraftGuard.Default.SendAsync("Compose.Send", new { Text = "typed on the UI thread" }, draft => http.PostAsJsonAsync("api/messages", draft)).GetAwaiter().GetResult();
                return response.StatusCode;
            }
        });

        Assert.Equal(HttpStatusCode.OK, delivered);
        Assert.Null(store.TryLoad("Compose.Send"));
    }

    [Fact]
    public async Task GuardBlockedOnTheUiThread_WithAnAsynchronousStore_Completes()
    {
        var js = new SlowJSRuntime();
        var store = new BrowserDraftStore(js);

        var status = await ui.RunBlockingAsync("SendAsync(...).Result over a store that awaits", () =>
        {
            using var response = new DraftGuard(store).SendAsync("Compose.Send", "text", draft => http.PostAsync("api/messages", new StringContent(draft))).Result;
            return response.StatusCode;
        });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("\"content\":\"text\"", js.Local["SessionSafety.draft:Compose.Send"]);
    }

    [Fact]
    public async Task RecoveryHandlerAndReplayBlockedOnTheUiThread_Complete()
    {
        await using var api = await SessionApi.StartAsync();
        api.RefreshDelay = TimeSpan.FromMilliseconds(50);
        using var refresh = new HttpClient { BaseAddress = api.BaseAddress };
        var renewer = new TestRenewer(refresh, api.AccessToken, api.CsrfToken);
        var recovery = new SessionRecovery();
        using var client = new HttpClient(new SessionRecoveryHandler(recovery, renewer, new SocketsHttpHandler())) { BaseAddress = api.BaseAddress };
        var guard = new DraftGuard(new InMemoryDraftStore());
        api.ExpireSession();

        // Renewed and retried, while the UI thread waits.
        var renewed = await ui.RunBlockingAsync("a renewal's .Result", () =>
        {
            using var response = guard.SendAsync("Compose.Send", new SessionApi.Message("u1", "renewed"), draft => client.PostAsJsonAsync("api/messages", draft)).Result;
            return response.StatusCode;
        });

        // Parked, then replayed, while the UI thread waits.
        api.RefreshAllowed = false;
        api.ExpireSession();
        var parked = await ui.RunBlockingAsync("a parked send's .Result", () =>
        {
            using var response = guard.SendAsync("Compose.Send2", new SessionApi.Message("u2", "parked"), draft => client.PostAsJsonAsync("api/messages", draft)).Result;
            return response.StatusCode;
        });
        api.RefreshAllowed = true;
        recovery.NotifySignedIn();
        var replayed = await ui.RunBlockingAsync("ReplayParkedAsync(...).Result", () => recovery.ReplayParkedAsync(client).Result);

        Assert.Equal(HttpStatusCode.OK, renewed);
        Assert.Equal(HttpStatusCode.Unauthorized, parked);
        Assert.Equal(ReplayOutcome.Delivered, Assert.Single(replayed).Outcome);
        Assert.Equal(1, api.DeliveriesOf("u1"));
        Assert.Equal(1, api.DeliveriesOf("u2"));
    }

    [Fact]
    public async Task AutosaveAndTypedSavesBlockedOnTheUiThread_Complete()
    {
        var js = new SlowJSRuntime();
        var browser = new BrowserDraftStore(js);
        var files = new FileDraftStore(temp.Combine("drafts"));

        var done = await ui.RunBlockingAsync("autosave and typed saves' .Result", () =>
        {
            var autosave = new DraftAutosave<string>(browser, "Compose.Body");
            autosave.Update("first");
            var flushed = autosave.FlushAsync().Result;
            autosave.Update("second");
            autosave.DisposeAsync().AsTask().GetAwaiter().GetResult();

            var saved = browser.SaveAsync("Orders.Create", new { Name = "Widget" }).AsTask().Result;
            var loaded = browser.LoadAsync<Order>("Orders.Create").AsTask().Result;
            files.SaveAsync("Orders.Create", new { Name = "Gadget" }).AsTask().Wait();
            var fromFile = files.LoadAsync<Order>("Orders.Create").AsTask().Result;
            var listed = files.ListAsync().AsTask().Result;
            return (flushed, saved, loaded!.Name, fromFile!.Name, listed.Count);
        });

        Assert.Equal((true, true, "Widget", "Gadget", 1), done);
        Assert.Contains("second", js.Local["SessionSafety.draft:Compose.Body"]);
    }

    public sealed record Order(string Name);

    /// <summary>Answers after a delay, as a round trip over a Blazor Server circuit does.</summary>
    private sealed class SlowJSRuntime : RecordingJSRuntime, IJSRuntime
    {
        async ValueTask<TValue> IJSRuntime.InvokeAsync<TValue>(string identifier, object?[]? args)
        {
            await Task.Delay(20).ConfigureAwait(false);
            return await InvokeAsync<TValue>(identifier, args);
        }

        async ValueTask<TValue> IJSRuntime.InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
        {
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            return await InvokeAsync<TValue>(identifier, cancellationToken, args);
        }
    }
}
