using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SessionSafety.Runtime.Tests.Infrastructure;
using Message = SessionSafety.Runtime.Tests.DraftGuardTests.Message;

namespace SessionSafety.Runtime.Tests;

/// <summary>
/// A save redirected somewhere that is not the sign-in page — an API that moved (301) — against Kestrel on
/// 127.0.0.1: the draft is kept whenever the save did not demonstrably arrive, and a redirect that re-sends
/// the save (307/308) is its success.
/// </summary>
public sealed class RedirectedSaveTests : IAsyncLifetime
{
    private const string Key = "Compose.SendAsync";

    private readonly ConcurrentQueue<string> received = new();
    private readonly InMemoryDraftStore store = new();
    private readonly EventRecorder<SessionExpiredEventArgs> expired = new();
    private KestrelServer server = null!;
    private DraftGuard guard = null!;

    public async Task InitializeAsync()
    {
        server = await KestrelServer.StartAsync(app =>
        {
            // The old address of a moved API; its new one lists messages on GET and takes them on POST.
            app.MapPost("/api/v1/messages", (HttpContext context) => context.Response.Redirect("/api/v2/messages", permanent: true));
            app.MapPost("/api/v1/messages-308", (HttpContext context) => context.Response.Redirect("/api/v2/messages", permanent: true, preserveMethod: true));
            app.MapGet("/api/v2/messages", () => Results.Ok(Array.Empty<string>()));
            app.MapPost("/api/v2/messages", async (HttpRequest request) =>
            {
                received.Enqueue(await new System.IO.StreamReader(request.Body).ReadToEndAsync());
                return Results.Ok(new { id = 42 });
            });
        });
        guard = new DraftGuard(store);
        guard.SessionExpired += expired.Add;
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task MovedApi301_FollowedAsAGet_KeepsTheDraft()
    {
        // HttpClient follows the 301 with a GET of the new address, whose 200 lists messages: the save never arrived.
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await guard.SendAsync(Key, new Message("Hi", "typed for an hour"), draft => http.PostAsJsonAsync("api/v1/messages", draft));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpMethod.Get, response.RequestMessage!.Method);
        Assert.Empty(received);
        Assert.Contains("typed for an hour", (await store.TryLoadAsync(Key))!.Content, StringComparison.Ordinal);
        Assert.Equal(0, expired.Count);
    }

    [Fact]
    public async Task MovedApi301_RequestPayloadFollowedAsAGet_KeepsTheDraft()
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/messages") { Content = JsonContent.Create(new Message("Hi", "typed for an hour")) };

        using var response = await guard.SendAsync(Key, request, r => http.SendAsync(r));

        Assert.Empty(received);
        Assert.NotNull(await store.TryLoadAsync(Key));
    }

    [Fact]
    public async Task MovedApi301_NotFollowed_KeepsTheDraftAndIsNoSuccess()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

        using var response = await guard.SendAsync(Key, new Message("Hi", "typed for an hour"), draft => http.PostAsJsonAsync("api/v1/messages", draft));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Throws<HttpRequestException>(() => response.EnsureSuccessStatusCode());
        Assert.NotNull(await store.TryLoadAsync(Key));
        Assert.Equal(0, expired.Count);
    }

    [Fact]
    public async Task MovedApi308_ResendsTheSave_WhichIsItsSuccess()
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await guard.SendAsync(Key, new Message("Hi", "typed for an hour"), draft => http.PostAsJsonAsync("api/v1/messages-308", draft));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("typed for an hour", Assert.Single(received), StringComparison.Ordinal);
        Assert.Null(await store.TryLoadAsync(Key));
    }
}
