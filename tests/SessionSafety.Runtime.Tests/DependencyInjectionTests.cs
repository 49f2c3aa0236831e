using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using SessionSafety.Runtime.Tests.Infrastructure;

namespace SessionSafety.Runtime.Tests;

[Collection(StaticDefaultsCollection.Name)]
public sealed class DependencyInjectionTests
{
    [Fact]
    public void AddSessionSafety_RegistersStoreGuardAndRecovery()
    {
        using var temp = new TempDirectory();
        var services = new ServiceCollection().AddSessionSafety(o => o.UseFileStore(temp.Path)).BuildServiceProvider();

        var store = Assert.IsType<FileDraftStore>(services.GetRequiredService<IDraftStore>());
        Assert.Equal(temp.Path, store.Directory);
        Assert.Same(store, services.GetRequiredService<DraftGuard>().Store);
        Assert.Same(services.GetRequiredService<SessionRecovery>(), services.GetRequiredService<SessionRecovery>());
        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public async Task ConfiguredTimeToLiveAndClock_ReachTheStore()
    {
        var time = new FakeTimeProvider();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(time)
            .AddSessionSafety(o => { o.UseInMemoryStore(); o.DraftTimeToLive = TimeSpan.FromHours(1); })
            .BuildServiceProvider();
        var store = services.GetRequiredService<IDraftStore>();
        await store.SaveAsync("k", "v");

        time.Advance(TimeSpan.FromHours(1));

        Assert.Null(await store.TryLoadAsync("k"));
    }

    [Fact]
    public void BrowserStorage_IsScopedPerCircuitOnAServer()
    {
        var services = new ServiceCollection()
            .AddScoped<IJSRuntime, RecordingJSRuntime>()
            .AddSessionSafety(o => o.UseBrowserStorage())
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        using var alice = services.CreateScope();
        using var bob = services.CreateScope();

        var aliceStore = alice.ServiceProvider.GetRequiredService<IDraftStore>();
        Assert.IsType<BrowserDraftStore>(aliceStore);
        Assert.NotSame(aliceStore, bob.ServiceProvider.GetRequiredService<IDraftStore>());
        Assert.Same(aliceStore, alice.ServiceProvider.GetRequiredService<DraftGuard>().Store);
        Assert.Throws<InvalidOperationException>(() => services.UseSessionSafetyDefaults());
    }

    [Fact]
    public async Task BrowserStorageKeptPerUser_GivesEachCircuitsStoreItsUser()
    {
        try
        {
            var services = new ServiceCollection()
                .AddScoped<IJSRuntime, RecordingJSRuntime>()
                .AddSessionSafety(o =>
                {
                    o.PerUser = true;
                    o.UseBrowserStorage();
                    o.UserId = sp => sp.GetRequiredService<IJSRuntime>().GetHashCode() % 2 == 0 ? "even" : "odd";
                })
                .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
            using var circuit = services.CreateScope();

            var store = Assert.IsType<BrowserDraftStore>(circuit.ServiceProvider.GetRequiredService<IDraftStore>());
            await store.SaveAsync("k", "v");

            Assert.NotNull(store.UserId);
            Assert.StartsWith("SessionSafety.draft.user-", Assert.Single(((RecordingJSRuntime)circuit.ServiceProvider.GetRequiredService<IJSRuntime>()).Local.Keys));
            Assert.NotSame(circuit.ServiceProvider.GetRequiredService<SessionRecovery>(), services.CreateScope().ServiceProvider.GetRequiredService<SessionRecovery>());
        }
        finally
        {
            Internal.ServerHost.ForgetPerUser();
        }
    }

    [Fact]
    public void UseSessionSafetyDefaults_SetsTheStaticDefaultsOfAClientApp()
    {
        var previousStore = DraftStore.Default;
        var previousGuard = DraftGuard.Default;
        try
        {
            var services = new ServiceCollection().AddSessionSafety(o => o.UseInMemoryStore()).BuildServiceProvider();

            services.UseSessionSafetyDefaults();

            Assert.Same(services.GetRequiredService<IDraftStore>(), DraftStore.Default);
            Assert.Same(services.GetRequiredService<DraftGuard>(), DraftGuard.Default);
        }
        finally
        {
            DraftStore.Default = previousStore;
            DraftGuard.Default = previousGuard;
        }
    }

    [Fact]
    public async Task Scope_MakesEachUsersStoreTheAmbientDefault()
    {
        var services = new ServiceCollection()
            .AddSessionSafety(o => o.UseStore(_ => new InMemoryDraftStore(), ServiceLifetime.Scoped))
            .BuildServiceProvider();
        var seen = new ConcurrentDictionary<string, IDraftStore>();

        async Task UserAsync(string user)
        {
            using var scope = services.CreateScope();
            using (SessionSafetyScope.Begin(scope.ServiceProvider))
            {
                await Task.Yield();
                await DraftStore.Default.SaveAsync("Compose.SendAsync", user + "'s text");
                await Task.Delay(10);
                seen[user] = DraftStore.Default;
                Assert.Same(scope.ServiceProvider.GetRequiredService<DraftGuard>(), DraftGuard.Default);
                Assert.Equal(user + "'s text", (await DraftGuard.Default.Store.TryLoadAsync("Compose.SendAsync"))!.Content);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => UserAsync("user" + i))));

        Assert.Equal(10, seen.Values.Distinct().Count());
        Assert.False(SessionSafetyScope.IsActive);
    }

    [Fact]
    public async Task AddSessionRecovery_PutsTheHandlerInTheClientPipeline()
    {
        await using var api = await SessionApi.StartAsync();
        var refresh = new HttpClient { BaseAddress = api.BaseAddress };
        var renewer = new TestRenewer(refresh, api.AccessToken, api.CsrfToken);
        var services = new ServiceCollection();
        services.AddSessionSafety(o => o.UseInMemoryStore());
        services.AddHttpClient("api", c => c.BaseAddress = api.BaseAddress).AddSessionRecovery(_ => renewer);
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("api");
        api.ExpireSession();

        using var response = await client.PostAsJsonAsync("api/messages", new SessionApi.Message("di", "x"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, api.Renewals);
        Assert.Equal(1, provider.GetRequiredService<SessionRecovery>().RenewalCount);
    }

    [Fact]
    public async Task AddSessionRecoveryOfType_ResolvesTheRenewer()
    {
        await using var api = await SessionApi.StartAsync();
        var services = new ServiceCollection();
        services.AddSingleton(new HttpClient { BaseAddress = api.BaseAddress });
        services.AddSingleton(sp => new TestRenewer(sp.GetRequiredService<HttpClient>(), api.AccessToken, api.CsrfToken));
        services.AddHttpClient("api", c => c.BaseAddress = api.BaseAddress).AddSessionRecovery<TestRenewer>();
        using var provider = services.BuildServiceProvider();
        var renewer = provider.GetRequiredService<TestRenewer>();
        api.ExpireCsrf();

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("api")
            .PostAsJsonAsync("api/messages", new SessionApi.Message("typed", "x"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, renewer.RenewCalls);
        Assert.Equal(1, api.Rejected403);
    }

    [Fact]
    public void PlatformDefault_IsAFileStoreInTheUsersDataFolder()
    {
        var store = DraftStore.CreatePlatformDefault();

        var files = Assert.IsType<FileDraftStore>(store);
        Assert.StartsWith(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), files.Directory);
        Assert.EndsWith("drafts", files.Directory);
        Assert.Contains("SessionSafety", files.Directory);
    }
}
