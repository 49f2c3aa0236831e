using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SessionSafety.Internal;
using SessionSafety.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;
using static SessionSafety.Runtime.Tests.Infrastructure.CookieAuthApp;

namespace SessionSafety.Runtime.Tests;

/// <summary>
/// A server app registers SessionSafety once and serves many users: each user's drafts, parked requests
/// and credentials stay theirs. Two real users of an API behind ASP.NET Core's cookie authentication on
/// Kestrel; the app's services are an ASP.NET Core host's, and each user's requests run in their own DI
/// scope (a Blazor circuit, an MVC request), made ambient by <see cref="SessionSafetyScope"/>.
/// </summary>
[Collection(StaticDefaultsCollection.Name)]
public sealed class PerUserServerTests : IAsyncLifetime
{
    private readonly ITestOutputHelper output;
    private readonly TempDirectory temp = new();
    private CookieAuthApp api = null!;
    private WebApplication host = null!;

    public PerUserServerTests(ITestOutputHelper output) => this.output = output;

    public async Task InitializeAsync()
    {
        api = await CookieAuthApp.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddScoped<SignedInUser>();
        builder.Services.AddSessionSafety(options =>
        {
            options.UseFileStore(temp.Path);
            options.UserId = services => services.GetRequiredService<SignedInUser>().Name;
        });
        builder.Services.AddScoped(_ => new UserCookieRenewer(api));
        builder.Services.AddHttpClient("api", client => client.BaseAddress = api.BaseAddress)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseCookies = false })
            .AddSessionRecovery<UserCookieRenewer>();
        host = builder.Build();
    }

    public async Task DisposeAsync()
    {
        ServerHost.ForgetPerUser();
        await host.DisposeAsync();
        await api.DisposeAsync();
        temp.Dispose();
    }

    [Fact]
    public async Task TwoUsers_NeverSeeLoadOrReplayEachOthersParkedRequestsOrDrafts()
    {
        var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("api");
        using var alice = User("alice");
        using var bob = User("bob");
        await InScope(alice, () => alice.ServiceProvider.GetRequiredService<UserCookieRenewer>().SignInAsync("alice"));
        await InScope(bob, () => bob.ServiceProvider.GetRequiredService<UserCookieRenewer>().SignInAsync("bob"));

        // Alice's session expires while she types; her send is redirected to the login page.
        api.ExpireSession("alice");
        var aliceStatus = await InScope(alice, async () =>
        {
            using var response = await DraftGuard.Default.SendAsync("Compose.SendAsync", new Post("a1", "draft of alice"), draft => http.PostAsJsonAsync("api/posts", draft));
            return response.StatusCode;
        });
        Assert.Equal(HttpStatusCode.Unauthorized, aliceStatus);
        var aliceRecovery = alice.ServiceProvider.GetRequiredService<SessionRecovery>();
        Assert.Single(await InScope(alice, () => Task.FromResult(aliceRecovery.ParkedRequests)));

        // Bob, in his own scope: the same key finds nothing of Alice's, and his replay sends nothing of hers.
        var bobSees = await InScope(bob, async () =>
        {
            var draft = await DraftStore.Default.TryLoadAsync("Compose.SendAsync");
            var drafts = await DraftStore.Default.ListAsync();
            var recovery = bob.ServiceProvider.GetRequiredService<SessionRecovery>();
            var replayed = await recovery.ReplayParkedAsync(http);

            // Even Alice's recovery object, reached from Bob's scope, lists and replays nothing of hers.
            var viaAlicesObject = (aliceRecovery.ParkedRequests.Count, (await aliceRecovery.ReplayParkedAsync(http)).Count);
            using var own = await DraftGuard.Default.SendAsync("Compose.SendAsync", new Post("b1", "post of bob"), d => http.PostAsJsonAsync("api/posts", d));
            return (draft, drafts.Count, recovery.ParkedRequests.Count, replayed.Count, viaAlicesObject, own.StatusCode);
        });
        output.WriteLine("After Bob's load, list and replay, the server had received: "
            + (api.Posts.IsEmpty ? "nothing" : string.Join("; ", api.Posts.Select(p => $"{p.Id} with {p.User}'s credentials"))) + ".");
        Assert.Null(bobSees.draft);
        Assert.Equal(0, bobSees.Item2);
        Assert.Equal(0, bobSees.Item3);
        Assert.Equal(0, bobSees.Item4);
        Assert.Equal((0, 0), bobSees.viaAlicesObject);
        Assert.Equal(HttpStatusCode.OK, bobSees.StatusCode);

        // Alice signs in again and replays: her post arrives once, with her credentials.
        var replay = await InScope(alice, async () =>
        {
            await alice.ServiceProvider.GetRequiredService<UserCookieRenewer>().SignInAsync("alice");
            aliceRecovery.NotifySignedIn();
            return await aliceRecovery.ReplayParkedAsync(http);
        });
        Assert.Equal(ReplayOutcome.Delivered, Assert.Single(replay).Outcome);

        var posts = api.Posts.Select(p => (p.Id, p.User, p.Body)).ToArray();
        Assert.Equal(new[] { ("b1", "bob", "{\"id\":\"b1\",\"text\":\"post of bob\"}"), ("a1", "alice", "{\"id\":\"a1\",\"text\":\"draft of alice\"}") }, posts);
        Assert.Null(await InScope(alice, () => DraftStore.Default.TryLoadAsync("Compose.SendAsync").AsTask()));
        Assert.Equal(2, Directory.GetDirectories(Path.Combine(temp.Path, "users")).Length);
        output.WriteLine("Bodies the server received, with the user whose credentials carried each: "
            + string.Join("; ", api.Posts.Select(p => $"{p.Id} by {p.User}")) + $". Alice's parked request reached the server {api.PostsOf("a1").Count} time(s), never with Bob's cookie.");
    }

    [Fact]
    public async Task RequestThroughRecoveryOutsideAUserScope_FailsWithAClearError()
    {
        var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("api");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => http.PostAsJsonAsync("api/posts", new Post("x", "nobody's")));

        Assert.Contains("SessionSafetyScope", error.Message);
        Assert.Empty(api.Posts);
    }

    [Fact]
    public void AddSessionSafety_RegistersPerUserServicesOnAServer_AndSingletonsInAClientApp()
    {
        var server = WebApplication.CreateSlimBuilder().Services.AddSessionSafety();
        var client = new ServiceCollection().AddSessionSafety();

        Assert.All(new[] { typeof(IDraftStore), typeof(DraftGuard), typeof(SessionRecovery) }, type =>
        {
            Assert.Equal(ServiceLifetime.Scoped, server.Last(d => d.ServiceType == type).Lifetime);
            Assert.Equal(ServiceLifetime.Singleton, client.Last(d => d.ServiceType == type).Lifetime);
        });
    }

    [Fact]
    public async Task ScopeWithoutASignedInUser_KeepsItsDraftsToItself()
    {
        using var anonymous1 = User(null);
        using var anonymous2 = User(null);

        await InScope(anonymous1, () => DraftStore.Default.SaveAsync("Contact.Send", "first visitor's message").AsTask());
        var seenBySecond = await InScope(anonymous2, () => DraftStore.Default.TryLoadAsync("Contact.Send").AsTask());

        Assert.Null(seenBySecond);
        Assert.IsType<InMemoryDraftStore>(anonymous1.ServiceProvider.GetRequiredService<IDraftStore>());
    }

    [Fact]
    public void StaticDefaults_InAServerAppOutsideAScope_FailWithAClearError()
    {
        DraftStore.ResetAssigned();
        DraftGuard.ResetAssigned();

        var store = Assert.Throws<InvalidOperationException>(() => DraftStore.Default);
        var guard = Assert.Throws<InvalidOperationException>(() => DraftGuard.Default);

        Assert.Contains("SessionSafetyScope", store.Message);
        Assert.Contains("shared by every user", guard.Message);
        using var alice = User("alice");
        using (SessionSafetyScope.Begin(alice.ServiceProvider))
        {
            Assert.Same(alice.ServiceProvider.GetRequiredService<IDraftStore>(), DraftStore.Default);
            Assert.Same(alice.ServiceProvider.GetRequiredService<DraftGuard>(), DraftGuard.Default);
        }
    }

    private IServiceScope User(string? name)
    {
        var scope = host.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<SignedInUser>().Name = name;
        return scope;
    }

    private static async Task<T> InScope<T>(IServiceScope user, Func<Task<T>> work)
    {
        using (SessionSafetyScope.Begin(user.ServiceProvider))
        {
            return await work();
        }
    }

    private static async Task InScope(IServiceScope user, Func<Task> work)
    {
        using (SessionSafetyScope.Begin(user.ServiceProvider))
        {
            await work();
        }
    }

    /// <summary>Who a scope belongs to, as the app's authentication state would say.</summary>
    private sealed class SignedInUser
    {
        public string? Name { get; set; }
    }

    /// <summary>
    /// One user's credentials for the API, as a server app keeps them per user: the cookies of that user's
    /// session, put on each of that user's requests. Renewing needs the user: it fails.
    /// </summary>
    private sealed class UserCookieRenewer : ISessionRenewer
    {
        private readonly CookieAuthApp api;
        private readonly CookieContainer cookies = new();

        public UserCookieRenewer(CookieAuthApp api) => this.api = api;

        public async Task SignInAsync(string user)
        {
            using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies }) { BaseAddress = api.BaseAddress };
            await api.SignInAsync(client, user);
        }

        public ValueTask ApplyCredentialsAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Remove("Cookie");
            var header = cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }

            return default;
        }

        public ValueTask<bool> RenewAsync(SessionRenewalContext context, CancellationToken cancellationToken) => new(false);
    }
}
