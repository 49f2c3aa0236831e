using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.JSInterop;
using SessionSafety.Runtime.Tests.Infrastructure;

namespace SessionSafety.Runtime.Tests;

/// <summary>The localStorage store against a fake IJSRuntime that records each call.</summary>
public sealed class BrowserDraftStoreTests
{
    private readonly FakeTimeProvider time = new();
    private readonly RecordingJSRuntime js = new();
    private readonly List<DraftProblemEventArgs> problems = new();

    [Fact]
    public async Task Save_CallsLocalStorageSetItemUnderThePrefixedKey()
    {
        var store = Create();

        await store.SaveAsync("Compose.SendAsync", "typed text");

        var (identifier, args) = js.Calls.Last();
        Assert.Equal("localStorage.setItem", identifier);
        Assert.Equal("SessionSafety.draft:Compose.SendAsync", args[0]);
        Assert.Contains("\"content\":\"typed text\"", (string)args[1]!);
        Assert.Equal("typed text", (await store.TryLoadAsync("Compose.SendAsync"))!.Content);
        Assert.Equal(time.GetUtcNow(), (await store.TryLoadAsync("Compose.SendAsync"))!.SavedAt);
    }

    [Fact]
    public async Task IdenticalContent_IsNotRewritten()
    {
        var store = Create();
        await store.SaveAsync("k", "same");
        time.Advance(TimeSpan.FromMinutes(1));

        await store.SaveAsync("k", "same");

        Assert.Equal(1, js.CountCalls("localStorage.setItem"));
        await store.SaveAsync("k", "changed");
        Assert.Equal(2, js.CountCalls("localStorage.setItem"));
    }

    [Fact]
    public async Task RemoveAndList_Work()
    {
        var store = Create();
        js.SetItem("unrelated", "an app's own item");
        await store.SaveAsync("b", "2");
        await store.SaveAsync("a", "1");

        Assert.Equal(new[] { "a", "b" }, (await store.ListAsync()).Select(d => d.Key));
        Assert.True(await store.RemoveAsync("a"));
        Assert.False(await store.RemoveAsync("a"));
        Assert.Equal(new[] { "b" }, (await store.ListAsync()).Select(d => d.Key));
        Assert.Equal("an app's own item", js.Local["unrelated"]);
    }

    [Fact]
    public async Task ExpiredDrafts_AreNeitherReturnedNorKept()
    {
        var store = Create();
        await store.SaveAsync("old", "x");
        await store.SaveAsync("listed", "y");
        time.Advance(TimeSpan.FromHours(24));

        Assert.Null(await store.TryLoadAsync("old"));
        Assert.Empty(await store.ListAsync());
        Assert.Empty(js.Local);
    }

    [Theory]
    [InlineData("not json at all", DraftProblemKind.Corrupt)]
    [InlineData("", DraftProblemKind.Corrupt)]
    [InlineData("{\"v\":3,\"key\":\"k\",\"savedAt\":0,\"content\":\"x\",\"sha256\":\"00\"}", DraftProblemKind.UnsupportedVersion)]
    [InlineData("{\"v\":2,\"key\":\"k\",\"savedAt\":0,\"content\":\"x\",\"sha256\":\"00\"}", DraftProblemKind.Corrupt)]
    [InlineData("{\"v\":2,\"cipher\":1,\"savedAt\":0,\"sealed\":\"AAAA\"}", DraftProblemKind.EncryptionMismatch)]
    [InlineData("{\"v\":1,\"key\":\"k\",\"savedAt\":0,\"content\":\"x\",\"sha256\":\"00\"}", DraftProblemKind.Corrupt)]
    [InlineData("{\"v\":1,\"key\":\"k\"}", DraftProblemKind.Corrupt)]
    [InlineData("[1,2,3]", DraftProblemKind.Corrupt)]
    public async Task DamagedEntry_IsSetAsideAndReported(string raw, DraftProblemKind kind)
    {
        var store = Create();
        await store.SaveAsync("bystander", "fine");
        js.SetItem("SessionSafety.draft:k", raw);

        Assert.Null(await store.TryLoadAsync("k"));

        var problem = Assert.Single(problems);
        Assert.Equal(kind, problem.Kind);
        Assert.Equal("k", problem.DraftKey);
        Assert.False(js.Local.ContainsKey("SessionSafety.draft:k"));
        Assert.Equal(raw, js.Local[problem.SetAsideLocation!]);
        Assert.StartsWith("SessionSafety.draft.corrupt:", problem.SetAsideLocation);
        Assert.Equal("fine", (await store.TryLoadAsync("bystander"))!.Content);
        Assert.Equal(new[] { "bystander" }, (await store.ListAsync()).Select(d => d.Key));
    }

    [Fact]
    public async Task EntryOfAnotherKey_IsRejected()
    {
        var store = Create();
        await store.SaveAsync("other", "someone else's text");
        js.SetItem("SessionSafety.draft:k", js.Local["SessionSafety.draft:other"]);

        Assert.Null(await store.TryLoadAsync("k"));
        Assert.Equal(DraftProblemKind.WrongKey, Assert.Single(problems).Kind);
    }

    [Fact]
    public async Task DisconnectedCircuit_IsReportedNotThrown()
    {
        var store = Create();
        js.Failure = () => new JSDisconnectedException("circuit gone");

        await store.SaveAsync("k", "x");
        Assert.Null(await store.TryLoadAsync("k"));
        Assert.False(await store.RemoveAsync("k"));
        Assert.Empty(await store.ListAsync());

        Assert.Equal(new[] { "save", "load", "remove", "list" }, problems.Select(p => p.Operation));
        Assert.All(problems, p => Assert.Equal(DraftProblemKind.StorageFailure, p.Kind));
    }

    [Fact]
    public async Task PrerenderingAndFullQuota_AreReportedNotThrown()
    {
        var store = Create();
        js.Failure = () => new InvalidOperationException("JavaScript interop calls cannot be issued at this time (prerendering).");
        await store.SaveAsync("k", "x");
        js.Failure = () => new JSException("QuotaExceededError");
        await store.SaveAsync("k", "x");

        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public async Task SessionStorageOption_UsesSessionStorage()
    {
        var store = new BrowserDraftStore(js, new BrowserDraftStoreOptions { UseSessionStorage = true, TimeProvider = time });

        await store.SaveAsync("k", "tab only");

        Assert.Empty(js.Local);
        Assert.Single(js.Session);
        Assert.Equal("tab only", (await store.TryLoadAsync("k"))!.Content);
    }

    [Fact]
    public void InProcessRuntime_SavesSynchronously()
    {
        var wasm = new RecordingInProcessJSRuntime();
        var store = new BrowserDraftStore(wasm, new BrowserDraftStoreOptions { TimeProvider = time });

        store.Save("k", new { Text = "from a sync handler" });

        Assert.True(wasm.SynchronousCalls >= 2);
        Assert.Contains("from a sync handler", wasm.Local["SessionSafety.draft:k"]);
    }

    [Fact]
    public async Task HostileKeys_RoundTrip()
    {
        var store = Create();
        var keys = new[] { "../../x", "a\0b", new string('k', 10_000), "ключ 🔑", "lone \uD800" };

        foreach (var key in keys)
        {
            await store.SaveAsync(key, "v:" + key.Length);
        }

        foreach (var key in keys)
        {
            Assert.Equal("v:" + key.Length, (await store.TryLoadAsync(key))!.Content);
        }

        Assert.Equal(keys.OrderBy(k => k, StringComparer.Ordinal), (await store.ListAsync()).Select(d => d.Key));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task DraftKeyThatLooksLikeASetAsideEntry_IsStillADraft()
    {
        var store = Create();

        await store.SaveAsync("corrupt:1:x", "a real draft");

        Assert.Equal("corrupt:1:x", Assert.Single(await store.ListAsync()).Key);
    }

    [Fact]
    public async Task ContentWithLoneSurrogates_RoundTripsExactly()
    {
        var store = Create();
        var text = "half an emoji: \uD83D alone";

        await store.SaveAsync("k", text);

        Assert.Equal(text, (await store.TryLoadAsync("k"))!.Content);
    }

    [Fact]
    public async Task TwoUsersOfOneBrowser_NeverSeeEachOthersDrafts()
    {
        var alice = new BrowserDraftStore(js, new BrowserDraftStoreOptions { TimeProvider = time, UserId = "alice@example.com" });
        var bob = new BrowserDraftStore(js, new BrowserDraftStoreOptions { TimeProvider = time, UserId = "bob@example.com" });
        var nobody = Create();

        await alice.SaveAsync("Compose.SendAsync", "alice's text");
        await nobody.SaveAsync("Compose.SendAsync", "typed before signing in");

        Assert.Null(await bob.TryLoadAsync("Compose.SendAsync"));
        Assert.Empty(await bob.ListAsync());
        Assert.Equal("alice's text", (await alice.TryLoadAsync("Compose.SendAsync"))!.Content);
        Assert.Equal("typed before signing in", (await nobody.TryLoadAsync("Compose.SendAsync"))!.Content);
        Assert.Single(await nobody.ListAsync());
        Assert.DoesNotContain(js.Local.Keys, k => k.Contains("alice"));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task ClearAsync_AtSignOut_RemovesTheUsersDraftsOnly()
    {
        var alice = new BrowserDraftStore(js, new BrowserDraftStoreOptions { TimeProvider = time, UserId = "alice" });
        var bob = new BrowserDraftStore(js, new BrowserDraftStoreOptions { TimeProvider = time, UserId = "bob" });
        await alice.SaveAsync("a", "1");
        await alice.SaveAsync("lone \uD800", "2");
        js.SetItem(alice.GetStorageKey("broken"), "not json");
        await alice.TryLoadAsync("broken");
        await bob.SaveAsync("a", "bob's");
        js.SetItem("unrelated", "an app's own item");

        var removed = await alice.ClearAsync();

        Assert.Equal(3, removed);
        Assert.Empty(await alice.ListAsync());
        Assert.Equal("bob's", (await bob.TryLoadAsync("a"))!.Content);
        Assert.Equal("an app's own item", js.Local["unrelated"]);
    }

    [Fact]
    public async Task ClearAllAsync_RemovesEveryUsersDrafts()
    {
        var alice = new BrowserDraftStore(js, new BrowserDraftStoreOptions { TimeProvider = time, UserId = "alice" });
        await alice.SaveAsync("a", "1");
        await Create().SaveAsync("a", "2");
        js.SetItem("unrelated", "an app's own item");

        await alice.ClearAllAsync();

        Assert.Equal(new[] { "unrelated" }, js.Local.Keys);
    }

    [Fact]
    public async Task UserIdChange_SwitchesToThatUsersDrafts()
    {
        var store = Create();
        store.UserId = "alice";
        await store.SaveAsync("k", "alice's");

        store.UserId = "bob";
        Assert.Null(await store.TryLoadAsync("k"));

        store.UserId = "alice";
        Assert.Equal("alice's", (await store.TryLoadAsync("k"))!.Content);
    }

    [Theory]
    [InlineData("SessionSafety.draft.corrupt:99999999999999999:x")]
    [InlineData("SessionSafety.draft.corrupt:not-a-time:x")]
    [InlineData("SessionSafety.draft.corrupt::x")]
    [InlineData("SessionSafety.draft.corrupt:")]
    public async Task CraftedSetAsideKey_DoesNotBreakTheList(string crafted)
    {
        var store = Create();
        await store.SaveAsync("kept", "fine");
        js.SetItem(crafted, "whatever");

        var list = await store.ListAsync();

        Assert.Equal(new[] { "kept" }, list.Select(d => d.Key));
        Assert.False(js.Local.ContainsKey(crafted));
    }

    [Fact]
    public async Task DraftOverTheSizeLimit_IsNotStoredAndReported()
    {
        var store = new BrowserDraftStore(js, new BrowserDraftStoreOptions { TimeProvider = time, MaxContentLength = 1_000 });
        store.Problem += (_, e) => problems.Add(e);
        await store.SaveAsync("k", "the previous draft");

        await store.SaveAsync("k", new string('x', 1_001));

        Assert.Equal(DraftProblemKind.TooLarge, Assert.Single(problems).Kind);
        Assert.Equal("the previous draft", (await store.TryLoadAsync("k"))!.Content);
    }

    private BrowserDraftStore Create()
    {
        var store = new BrowserDraftStore(js, new BrowserDraftStoreOptions { TimeProvider = time });
        store.Problem += (_, e) => problems.Add(e);
        return store;
    }
}

/// <summary>The synchronous Save that SESS002's fix may insert in a Blazor Server event handler.</summary>
public sealed class BrowserSynchronousSaveTests
{
    [Fact]
    public async Task SyncSaveOnTheRenderersContext_DoesNotBlockAndCompletesLater()
    {
        var js = new SlowJSRuntime();
        var store = new BrowserDraftStore(js);
        var context = new RecordingSynchronizationContext();
        var storedWhenSaveReturned = true;

        await context.RunAsync(() =>
        {
            store.Save("Compose.Post", new { Text = "kept before the redirect" });
            storedWhenSaveReturned = js.Local.ContainsKey("SessionSafety.draft:Compose.Post");
            return Task.CompletedTask;
        });

        // Blocking the renderer's thread on a circuit round trip would deadlock: Save returned first.
        Assert.False(storedWhenSaveReturned);
        for (var i = 0; i < 100 && !js.Local.ContainsKey("SessionSafety.draft:Compose.Post"); i++)
        {
            await Task.Delay(20);
        }

        Assert.Contains("kept before the redirect", js.Local["SessionSafety.draft:Compose.Post"]);
    }

    [Fact]
    public async Task SyncSaveWithoutAContext_WaitsForTheSave()
    {
        var js = new SlowJSRuntime();
        var store = new BrowserDraftStore(js);

        // A thread-pool thread has no synchronization context (xunit's test thread has one).
        await Task.Run(() => store.Save("k", "console or worker code"));

        Assert.True(js.Local.ContainsKey("SessionSafety.draft:k"));
    }

    /// <summary>Answers after a delay, as a round trip over a circuit does.</summary>
    private sealed class SlowJSRuntime : RecordingJSRuntime, IJSRuntime
    {
        async ValueTask<TValue> IJSRuntime.InvokeAsync<TValue>(string identifier, object?[]? args)
        {
            await Task.Delay(200).ConfigureAwait(false);
            return await InvokeAsync<TValue>(identifier, args);
        }

        async ValueTask<TValue> IJSRuntime.InvokeAsync<TValue>(string identifier, System.Threading.CancellationToken cancellationToken, object?[]? args)
        {
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            return await InvokeAsync<TValue>(identifier, cancellationToken, args);
        }
    }
}
