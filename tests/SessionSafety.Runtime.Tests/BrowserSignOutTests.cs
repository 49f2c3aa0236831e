using System;
using System.Linq;
using System.Threading.Tasks;
using SessionSafety.Runtime.Tests.Infrastructure;

namespace SessionSafety.Runtime.Tests;

/// <summary>
/// Sign-out on a shared browser while an autosave still holds text typed a moment before: the WebAssembly
/// sample's order (ClearAsync, UserId = null, then the page is disposed), and the store's other owner changes.
/// </summary>
public sealed class BrowserSignOutTests
{
    private const string Secret = "unsent words of alice";
    private readonly FakeTimeProvider time = new();
    private readonly CapturingLogger log = new();

    [Fact]
    public async Task TextTypedJustBeforeSignOut_IsNotWrittenBackByDispose()
    {
        var js = new RecordingInProcessJSRuntime();
        var store = CreateStore(js, "alice");
        var autosave = CreateAutosave(store);
        autosave.Update(Secret);
        time.Advance(TimeSpan.FromMilliseconds(100));

        await store.ClearAsync();
        store.UserId = null;
        autosave.Dispose();

        AssertNoEntryHolds(js, "unsent");
        Assert.False(autosave.HasPendingChanges);
        Assert.Single(log.Entries, e => e.EventId.Name == "DraftDiscardedSignedOut");
    }

    [Fact]
    public async Task TextTypedJustBeforeSignOut_IsNotWrittenBackByTheTimer()
    {
        var js = new RecordingInProcessJSRuntime();
        var store = CreateStore(js, "alice");
        using var autosave = CreateAutosave(store);
        autosave.Update(Secret);
        time.Advance(TimeSpan.FromMilliseconds(100));

        await store.ClearAsync();
        store.UserId = null;
        Assert.False(autosave.HasPendingChanges);
        time.Advance(TimeSpan.FromSeconds(1));
        await autosave.FlushAsync();

        AssertNoEntryHolds(js, "unsent");
    }

    [Fact]
    public async Task TextTypedJustBeforeSignOut_OnBlazorServer_IsNotWrittenBackByDisposeAsync()
    {
        // Blazor Server: the circuit's user stays set; the app clears at sign-out and the circuit's pages go.
        var js = new RecordingJSRuntime();
        var store = CreateStore(js, "alice");
        var autosave = CreateAutosave(store);
        autosave.Update(Secret);

        await store.ClearAsync();
        await autosave.DisposeAsync();

        AssertNoEntryHolds(js, "unsent");
    }

    [Fact]
    public async Task TextTypedBeforeAnotherUserSignsIn_IsNotSavedAsTheirs()
    {
        // The sample at a change of user without sign-out: every draft goes, then the new user is set.
        var js = new RecordingInProcessJSRuntime();
        var store = CreateStore(js, "alice");
        var autosave = CreateAutosave(store);
        autosave.Update(Secret);

        await store.ClearAllAsync();
        store.UserId = "bob";
        autosave.Dispose();

        AssertNoEntryHolds(js, "unsent");
        Assert.Null(await store.TryLoadAsync("Compose.SendAsync"));
    }

    [Fact]
    public async Task TextTypedAfterSignOut_IsSavedForWhoeverIsCurrent()
    {
        var js = new RecordingInProcessJSRuntime();
        var store = CreateStore(js, "alice");
        using var autosave = CreateAutosave(store);
        autosave.Update(Secret);
        await store.ClearAsync();
        store.UserId = null;

        autosave.Update("typed after signing out");
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("typed after signing out", (await store.TryLoadAsync("Compose.SendAsync"))!.Content);
        AssertNoEntryHolds(js, "unsent");
    }

    [Fact]
    public async Task TheSameUserSigningInAgain_GetsTheirNewTextSaved()
    {
        var js = new RecordingInProcessJSRuntime();
        var store = CreateStore(js, "alice");
        using var autosave = CreateAutosave(store);
        autosave.Update(Secret);
        await store.ClearAsync();
        store.UserId = null;
        store.UserId = "alice";

        // What was typed before the sign-out stays discarded; what is typed now is hers.
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await store.TryLoadAsync("Compose.SendAsync"));
        autosave.Update("alice again");
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("alice again", (await store.TryLoadAsync("Compose.SendAsync"))!.Content);
    }

    [Fact]
    public async Task ClearThenSaveForTheCurrentUser_IsKept()
    {
        // A clear never costs what is saved after it: the store's own saves, and the autosave's next value.
        var js = new RecordingInProcessJSRuntime();
        var store = CreateStore(js, "alice");
        using var autosave = CreateAutosave(store);
        await store.ClearAsync();

        await store.SaveAsync("other", "saved after the clear");
        autosave.Update("typed after the clear");
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("saved after the clear", (await store.TryLoadAsync("other"))!.Content);
        Assert.Equal("typed after the clear", (await store.TryLoadAsync("Compose.SendAsync"))!.Content);
        Assert.DoesNotContain(log.Entries, e => e.EventId.Name == "DraftDiscardedSignedOut");
    }

    [Fact]
    public async Task UserChangeWithoutSignOut_SavesTheTextForTheUserWhoTypedIt()
    {
        var js = new RecordingInProcessJSRuntime();
        var store = CreateStore(js, "alice");
        var autosave = CreateAutosave(store);
        autosave.Update(Secret);

        store.UserId = "bob";
        autosave.Dispose();

        Assert.Null(await store.TryLoadAsync("Compose.SendAsync"));
        store.UserId = "alice";
        Assert.Equal(Secret, (await store.TryLoadAsync("Compose.SendAsync"))!.Content);
    }

    [Fact]
    public async Task AnotherUsersSignOut_LeavesThisUsersPendingTextAlone()
    {
        // Two stores over one browser (two tabs' circuits): bob signing out costs alice nothing.
        var js = new RecordingInProcessJSRuntime();
        var alice = CreateStore(js, "alice");
        var bob = CreateStore(js, "bob");
        var autosave = CreateAutosave(alice);
        autosave.Update(Secret);

        await bob.ClearAsync();
        bob.UserId = null;
        autosave.Dispose();

        Assert.Equal(Secret, (await alice.TryLoadAsync("Compose.SendAsync"))!.Content);
    }

    private static void AssertNoEntryHolds(RecordingJSRuntime js, string word) =>
        Assert.DoesNotContain(js.Local, entry => entry.Value.Contains(word, StringComparison.Ordinal));

    private BrowserDraftStore CreateStore(RecordingJSRuntime js, string? userId) =>
        new(js, new BrowserDraftStoreOptions { TimeProvider = time, UserId = userId, Logger = log });

    private DraftAutosave<string> CreateAutosave(IDraftStore store) =>
        new(store, "Compose.SendAsync", new AutosaveOptions { TimeProvider = time });
}
