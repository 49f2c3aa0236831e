using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SessionSafety.Runtime.Tests.Infrastructure;

namespace SessionSafety.Runtime.Tests;

/// <summary>
/// The code SESS001's and SESS002's fixes generate, written exactly as they write it, compiles and runs
/// against the runtime; and the metadata names the analyzers look for exist.
/// </summary>
[Collection(StaticDefaultsCollection.Name)]
public sealed class GeneratedCodeShapeTests : IAsyncLifetime
{
    private readonly InMemoryDraftStore store = new();
    private KestrelServer server = null!;
    private IDraftStore previous = null!;

    private HttpClient Http { get; set; } = null!;

    public async Task InitializeAsync()
    {
        server = await KestrelServer.StartAsync(app =>
        {
            app.MapPost("/api/messages", () => Results.StatusCode(401));
            app.MapPut("/api/messages/1", () => Results.Ok());
        });
        Http = new HttpClient { BaseAddress = server.BaseAddress };
        previous = DraftStore.Default;
        DraftStore.Default = store;
    }

    public async Task DisposeAsync()
    {
        DraftStore.Default = previous;
        Http.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Sess001FixShapes_CompileAndKeepTheDraft()
    {
        var message = new { Subject = "s", Body = "b" };
        using var cancellation = new CancellationTokenSource();

        var r = await DraftGuard.Default.SendAsync("Compose.SendAsync", message, draft => Http.PostAsJsonAsync("api/messages", draft));
        var r2 = await DraftGuard.Default.SendAsync("Compose.SendWithTokenAsync", message, draft => Http.PostAsJsonAsync("api/messages", draft, cancellation.Token), cancellation.Token);
        var r3 = await DraftGuard.Default.SendAsync("Notes.SaveAsync", new StringContent("note"), content => Http.PostAsync("api/messages", content));
        var r4 = await DraftGuard.Default.SendAsync("Notes.PutAsync", new HttpRequestMessage(HttpMethod.Put, "api/messages/1") { Content = new StringContent("put") }, request => Http.SendAsync(request));

        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, r2.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, r3.StatusCode);
        Assert.Equal(HttpStatusCode.OK, r4.StatusCode);
        Assert.Equal(new[] { "Compose.SendAsync", "Compose.SendWithTokenAsync", "Notes.SaveAsync" }, (await store.ListAsync()).Select(d => d.Key));
    }

    [Fact]
    public async Task Sess002FixShapes_CompileAndStoreTheInput()
    {
        var model = new { Name = "Widget" };
        var text = "typed text";

        await DraftStore.Default.SaveAsync("OrdersController.Create", model);
        await DraftStore.Default.SaveAsync("Compose.OnSend", text);
        DraftStore.Default.Save("OrdersController.Edit", model);
        DraftStore.Default.Save("Compose.OnClick", text);

        Assert.Equal("{\"name\":\"Widget\"}", (await store.TryLoadAsync("OrdersController.Create"))!.Content);
        Assert.Equal("typed text", (await store.TryLoadAsync("Compose.OnSend"))!.Content);
        Assert.Equal("{\"name\":\"Widget\"}", (await store.TryLoadAsync("OrdersController.Edit"))!.Content);
        Assert.Equal("typed text", (await store.TryLoadAsync("Compose.OnClick"))!.Content);
    }

    [Theory]
    [InlineData("SessionSafety.DraftGuard")]
    [InlineData("SessionSafety.IDraftStore")]
    [InlineData("SessionSafety.DraftStore")]
    [InlineData("SessionSafety.DraftStoreExtensions")]
    [InlineData("SessionSafety.SessionRecoveryHandler")]
    [InlineData("SessionSafety.SessionSafetyHttpClientBuilderExtensions")]
    [InlineData("SessionSafety.SessionExpiredEventArgs")]
    public void MetadataNamesTheAnalyzersUse_Exist(string metadataName)
    {
        var type = typeof(DraftGuard).Assembly.GetType(metadataName);

        Assert.NotNull(type);
        Assert.True(type!.IsPublic);
    }

    [Fact]
    public void FixedApi_HasItsShapes()
    {
        var defaultGuard = typeof(DraftGuard).GetProperty(nameof(DraftGuard.Default), BindingFlags.Public | BindingFlags.Static)!;
        Assert.True(defaultGuard.CanRead && defaultGuard.SetMethod!.IsPublic);
        var send = typeof(DraftGuard).GetMethod(nameof(DraftGuard.SendAsync))!;
        Assert.Equal(typeof(Task<HttpResponseMessage>), send.ReturnType);
        Assert.Equal(new[] { "draftKey", "payload", "send", "cancellationToken" }, send.GetParameters().Select(p => p.Name));
        Assert.True(send.GetParameters()[3].HasDefaultValue);
        Assert.Equal(typeof(EventHandler<SessionExpiredEventArgs>), typeof(DraftGuard).GetEvent(nameof(DraftGuard.SessionExpired))!.EventHandlerType);
        Assert.True(typeof(DelegatingHandler).IsAssignableFrom(typeof(SessionRecoveryHandler)));
        var addRecovery = typeof(SessionSafetyHttpClientBuilderExtensions).GetMethods().Where(m => m.Name == "AddSessionRecovery").ToArray();
        Assert.NotEmpty(addRecovery);
        Assert.All(addRecovery, m => Assert.Equal(typeof(IHttpClientBuilder), m.GetParameters()[0].ParameterType));
        var defaultStore = typeof(DraftStore).GetProperty(nameof(DraftStore.Default), BindingFlags.Public | BindingFlags.Static)!;
        Assert.True(defaultStore.CanRead && defaultStore.SetMethod!.IsPublic);
    }
}
