using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SessionSafety.Runtime.Tests.Infrastructure;

namespace SessionSafety.Runtime.Tests;

/// <summary>The guard against a real Kestrel server on 127.0.0.1.</summary>
[Collection(StaticDefaultsCollection.Name)]
public sealed class DraftGuardTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> received = new();
    private readonly InMemoryDraftStore store = new();
    private readonly EventRecorder<SessionExpiredEventArgs> expired = new();
    private KestrelServer server = null!;
    private HttpClient http = null!;
    private DraftGuard guard = null!;

    public async Task InitializeAsync()
    {
        server = await KestrelServer.StartAsync(app =>
        {
            app.MapPost("/api/messages", async (HttpRequest request) =>
            {
                received.Enqueue(await new System.IO.StreamReader(request.Body).ReadToEndAsync());
                return Results.Ok(new { id = 42 });
            });
            app.MapPost("/api/expired", () => Results.StatusCode(401));
            app.MapPost("/api/csrf-expired", () => Results.StatusCode(403));
            app.MapPost("/api/broken", () => Results.StatusCode(500));
            app.MapPost("/api/cookie-auth", (HttpContext context) =>
            {
                // What cookie authentication does to an unauthenticated request.
                context.Response.Redirect("/Account/Login?ReturnUrl=%2Fapi%2Fcookie-auth");
                return Task.CompletedTask;
            });
            app.MapGet("/Account/Login", () => Results.Content("<html><form>Sign in</form></html>", "text/html"));
            app.MapPost("/api/slow", async (HttpContext context) =>
            {
                await Task.Delay(5_000, context.RequestAborted);
                return Results.Ok();
            });
        });
        http = new HttpClient { BaseAddress = server.BaseAddress };
        guard = new DraftGuard(store);
        guard.SessionExpired += expired.Add;
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task ConfirmedSuccess_RemovesTheDraftAndReturnsTheResponseUnchanged()
    {
        var message = new Message("Hello", "A long text typed for an hour");

        using var response = await guard.SendAsync("Compose.SendAsync", message, draft => http.PostAsJsonAsync("api/messages", draft));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"id\":42}", await response.Content.ReadAsStringAsync());
        Assert.Null(await store.TryLoadAsync("Compose.SendAsync"));
        Assert.Equal("{\"subject\":\"Hello\",\"body\":\"A long text typed for an hour\"}", Assert.Single(received));
        Assert.Equal(0, expired.Count);
    }

    [Fact]
    public async Task Unauthorized_KeepsTheDraftAndRaisesSessionExpired()
    {
        var message = new Message("Hello", "A long text typed for an hour");

        using var response = await guard.SendAsync("Compose.SendAsync", message, draft => http.PostAsJsonAsync("api/expired", draft));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("{\"subject\":\"Hello\",\"body\":\"A long text typed for an hour\"}", (await store.TryLoadAsync("Compose.SendAsync"))!.Content);
        var e = await expired.SingleAsync();
        Assert.Equal("Compose.SendAsync", e.DraftKey);
        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
        Assert.Equal(SessionExpiryReason.Unauthorized, e.Reason);
        Assert.Equal(new Uri(server.BaseAddress, "api/expired"), e.RequestUri);
        Assert.Equal("Hello", (await store.LoadAsync<Message>("Compose.SendAsync"))!.Subject);
    }

    [Fact]
    public async Task Forbidden_KeepsTheDraftAndRaisesSessionExpired()
    {
        using var response = await guard.SendAsync("Settings.SaveAsync", "my settings text", draft => http.PostAsync("api/csrf-expired", new StringContent(draft)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("my settings text", (await store.TryLoadAsync("Settings.SaveAsync"))!.Content);
        Assert.Equal(SessionExpiryReason.Forbidden, (await expired.SingleAsync()).Reason);
    }

    [Fact]
    public async Task OkThatArrivedByRedirectAtTheLoginPage_IsReturnedAs401AndKeepsTheDraft()
    {
        using var response = await guard.SendAsync("Compose.SendAsync", new Message("S", "B"), draft => http.PostAsJsonAsync("api/cookie-auth", draft));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.IsSuccessStatusCode);
        Assert.Equal("/Account/Login", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.NotNull(await store.TryLoadAsync("Compose.SendAsync"));
        var e = await expired.SingleAsync();
        Assert.Equal(SessionExpiryReason.RedirectedToLogin, e.Reason);
        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
    }

    [Fact]
    public async Task ServerError_KeepsTheDraftWithoutSessionExpired()
    {
        using var response = await guard.SendAsync("Compose.SendAsync", new Message("S", "B"), draft => http.PostAsJsonAsync("api/broken", draft));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.NotNull(await store.TryLoadAsync("Compose.SendAsync"));
        Assert.Equal(0, expired.Count);
    }

    [Fact]
    public async Task ConnectionRefused_KeepsTheDraftAndLetsTheErrorSurface()
    {
        using var offline = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{KestrelServer.UnusedPort()}/") };

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            guard.SendAsync("Compose.SendAsync", new Message("S", "typed offline"), draft => offline.PostAsJsonAsync("api/messages", draft)));

        Assert.Contains("typed offline", (await store.TryLoadAsync("Compose.SendAsync"))!.Content);
        Assert.Equal(0, expired.Count);
    }

    [Fact]
    public async Task Cancellation_KeepsTheDraftAndSurfaces()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            guard.SendAsync("Compose.SendAsync", "text", draft => http.PostAsync("api/slow", new StringContent(draft), cancel.Token), cancel.Token));

        Assert.NotNull(await store.TryLoadAsync("Compose.SendAsync"));
    }

    [Fact]
    public async Task HttpContentPayload_IsKeptAndStillSent()
    {
        var content = new StringContent("{\"text\":\"from HttpContent\"}", Encoding.UTF8, "application/json");
        string? draftDuringSend = null;

        using var response = await guard.SendAsync("Notes.PutAsync", content, async body =>
        {
            draftDuringSend = (await store.TryLoadAsync("Notes.PutAsync"))?.Content;
            return await http.PostAsync("api/messages", body);
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"text\":\"from HttpContent\"}", draftDuringSend);
        Assert.Equal("{\"text\":\"from HttpContent\"}", Assert.Single(received));
        Assert.Null(await store.TryLoadAsync("Notes.PutAsync"));
    }

    [Fact]
    public async Task StreamContentPayload_StaysReadableForTheSend()
    {
        var content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes("streamed text")));

        using var response = await guard.SendAsync("Upload.SendAsync", content, body => http.PostAsync("api/expired", body));

        Assert.Equal("streamed text", (await store.TryLoadAsync("Upload.SendAsync"))!.Content);
        using var ok = await guard.SendAsync("Upload.SendAsync", content, body => http.PostAsync("api/messages", body));
        Assert.Equal("streamed text", Assert.Single(received));
    }

    [Fact]
    public async Task RequestMessagePayload_KeepsItsContent()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/expired") { Content = JsonContent.Create(new Message("R", "request body")) };

        using var response = await guard.SendAsync("Compose.SendAsync", request, r => http.SendAsync(r));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("{\"subject\":\"R\",\"body\":\"request body\"}", (await store.TryLoadAsync("Compose.SendAsync"))!.Content);
    }

    [Fact]
    public async Task DraftChangedDuringTheSend_IsNotRemoved()
    {
        // Autosave stored newer text while the older one was on its way: the newer one stays.
        using var response = await guard.SendAsync("Compose.SendAsync", "version 1", async draft =>
        {
            await store.SaveAsync("Compose.SendAsync", "version 2, typed meanwhile");
            return await http.PostAsync("api/messages", new StringContent(draft));
        });

        Assert.Equal("version 2, typed meanwhile", (await store.TryLoadAsync("Compose.SendAsync"))!.Content);
    }

    [Fact]
    public async Task ThrowingSessionExpiredHandler_DoesNotHideTheResponse()
    {
        guard.SessionExpired += (_, _) => throw new InvalidOperationException("UI bug");

        using var response = await guard.SendAsync("k", "text", draft => http.PostAsync("api/expired", new StringContent(draft)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await expired.SingleAsync();
    }

    [Fact]
    public async Task FailingStore_DoesNotStopTheSave()
    {
        var failing = new DraftGuard(new ThrowingStore());

        using var response = await failing.SendAsync("k", "text", draft => http.PostAsync("api/messages", new StringContent(draft)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text", Assert.Single(received));
    }

    [Fact]
    public async Task DefaultGuard_UsesTheDefaultStoreLookedUpAtEachSave()
    {
        var previous = DraftStore.Default;
        var memory = new InMemoryDraftStore();
        try
        {
            DraftStore.Default = memory;
            using var response = await DraftGuard.Default.SendAsync("Compose.SendAsync", new Message("S", "B"), draft => http.PostAsJsonAsync("api/expired", draft));

            Assert.NotNull(await memory.TryLoadAsync("Compose.SendAsync"));
            Assert.Same(memory, DraftGuard.Default.Store);
        }
        finally
        {
            DraftStore.Default = previous;
        }
    }

    [Fact]
    public async Task SessionExpired_IsRaisedOnTheCallersSynchronizationContext()
    {
        var context = new RecordingSynchronizationContext();
        var raisedOnContext = false;
        guard.SessionExpired += (_, _) => raisedOnContext = SynchronizationContext.Current == context;

        await context.RunAsync(async () =>
        {
            using var response = await guard.SendAsync("k", "text", draft => http.PostAsync("api/expired", new StringContent(draft)));
        });

        Assert.True(raisedOnContext);
    }

    public sealed record Message(string Subject, string Body);

    private sealed class NonSeekableStream : System.IO.MemoryStream
    {
        public NonSeekableStream(byte[] bytes)
            : base(bytes)
        {
        }

        public override bool CanSeek => false;
    }

    private sealed class ThrowingStore : IDraftStore
    {
        public ValueTask SaveAsync(string key, string content, CancellationToken cancellationToken = default) => throw new System.IO.IOException("disk full");

        public ValueTask<Draft?> TryLoadAsync(string key, CancellationToken cancellationToken = default) => throw new System.IO.IOException("disk gone");

        public ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default) => throw new System.IO.IOException("disk gone");

        public ValueTask<IReadOnlyList<DraftInfo>> ListAsync(CancellationToken cancellationToken = default) => throw new System.IO.IOException("disk gone");
    }
}

/// <summary>A single-threaded synchronization context, like a UI thread's.</summary>
public sealed class RecordingSynchronizationContext : SynchronizationContext
{
    private readonly BlockingCollection<(SendOrPostCallback, object?)> queue = new();

    public override void Post(SendOrPostCallback d, object? state) => queue.Add((d, state));

    public Task RunAsync(Func<Task> action)
    {
        var done = new TaskCompletionSource();
        var thread = new Thread(() =>
        {
            SetSynchronizationContext(this);
            var task = action();
            task.ContinueWith(_ => queue.CompleteAdding(), TaskScheduler.Default);
            foreach (var (callback, state) in queue.GetConsumingEnumerable())
            {
                callback(state);
            }

            if (task.IsFaulted)
            {
                done.SetException(task.Exception!.InnerExceptions);
            }
            else
            {
                done.SetResult();
            }
        });
        thread.Start();
        return done.Task;
    }
}
