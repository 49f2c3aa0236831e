using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SessionSafety.Runtime.Tests.Infrastructure;

namespace SessionSafety.Runtime.Tests;

public sealed class FileDraftStoreTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly FakeTimeProvider time = new();
    private readonly List<DraftProblemEventArgs> problems = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task SaveThenLoad_ReturnsContentAndSaveTime()
    {
        var store = CreateStore();

        await store.SaveAsync("Compose.SendAsync", "Dear team, …");
        var draft = await store.TryLoadAsync("Compose.SendAsync");

        Assert.NotNull(draft);
        Assert.Equal("Compose.SendAsync", draft!.Key);
        Assert.Equal("Dear team, …", draft.Content);
        Assert.Equal(time.GetUtcNow(), draft.SavedAt);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task LoadOfUnknownKey_ReturnsNull()
    {
        var store = CreateStore();

        Assert.Null(await store.TryLoadAsync("nothing"));
        Assert.False(await store.RemoveAsync("nothing"));
        Assert.Empty(await store.ListAsync());
    }

    [Fact]
    public async Task Remove_DeletesTheFile()
    {
        var store = CreateStore();
        await store.SaveAsync("k", "v");

        Assert.True(await store.RemoveAsync("k"));
        Assert.Null(await store.TryLoadAsync("k"));
        Assert.False(File.Exists(store.GetPath("k")));
    }

    [Fact]
    public async Task List_ReturnsKeysAndTimesWithoutContent()
    {
        var store = CreateStore();
        await store.SaveAsync("b", "2");
        time.Advance(TimeSpan.FromMinutes(1));
        await store.SaveAsync("a", "1");

        var list = await store.ListAsync();

        Assert.Equal(new[] { "a", "b" }, list.Select(d => d.Key));
        Assert.Equal(time.GetUtcNow(), list[0].SavedAt);
        Assert.Equal(time.GetUtcNow() - TimeSpan.FromMinutes(1), list[1].SavedAt);
    }

    [Fact]
    public async Task IdenticalContent_IsNotRewritten()
    {
        var store = CreateStore();
        await store.SaveAsync("k", "same text");
        var path = store.GetPath("k");
        var firstBytes = File.ReadAllBytes(path);
        var firstWrite = File.GetLastWriteTimeUtc(path);
        time.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(20);

        await store.SaveAsync("k", "same text");

        Assert.Equal(firstBytes, File.ReadAllBytes(path));
        Assert.Equal(firstWrite, File.GetLastWriteTimeUtc(path));
        Assert.Equal(time.GetUtcNow() - TimeSpan.FromMinutes(5), (await store.TryLoadAsync("k"))!.SavedAt);
    }

    [Fact]
    public async Task ChangedContent_IsRewrittenWithNewTime()
    {
        var store = CreateStore();
        await store.SaveAsync("k", "first");
        time.Advance(TimeSpan.FromMinutes(5));

        await store.SaveAsync("k", "second");

        var draft = await store.TryLoadAsync("k");
        Assert.Equal("second", draft!.Content);
        Assert.Equal(time.GetUtcNow(), draft.SavedAt);
    }

    [Fact]
    public async Task DraftOlderThan24Hours_IsNeitherReturnedNorKept()
    {
        var store = CreateStore();
        await store.SaveAsync("old", "text");
        await store.SaveAsync("listed", "text");

        time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        Assert.NotNull(await store.TryLoadAsync("old"));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await store.TryLoadAsync("old"));
        Assert.False(File.Exists(store.GetPath("old")));
        Assert.Empty(await store.ListAsync());
        Assert.False(File.Exists(store.GetPath("listed")));
        Assert.Equal(TimeSpan.FromHours(24), store.TimeToLive);
    }

    [Fact]
    public async Task ConfiguredTimeToLive_IsHonoured()
    {
        var store = CreateStore(ttl: TimeSpan.FromMinutes(30));
        await store.SaveAsync("k", "text");

        time.Advance(TimeSpan.FromMinutes(29));
        Assert.NotNull(await store.TryLoadAsync("k"));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await store.TryLoadAsync("k"));
    }

    [Fact]
    public async Task IdenticalContentAfterExpiry_IsWrittenAgain()
    {
        var store = CreateStore();
        await store.SaveAsync("k", "text");
        time.Advance(TimeSpan.FromHours(25));

        await store.SaveAsync("k", "text");

        Assert.Equal(time.GetUtcNow(), (await store.TryLoadAsync("k"))!.SavedAt);
    }

    [Fact]
    public async Task TemporaryFilesLeftByACrash_AreCleanedUpWhenOld()
    {
        var store = CreateStore();
        await store.SaveAsync("k", "text");
        var leftover = store.GetPath("k") + ".20240101000000000-abc.tmp";
        File.WriteAllText(leftover, "half a dra");
        File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow - TimeSpan.FromHours(1));
        var young = store.GetPath("k") + ".20240101000000001-abd.tmp";
        File.WriteAllText(young, "being written");

        await store.ListAsync();

        Assert.False(File.Exists(leftover));
        Assert.True(File.Exists(young));
        Assert.Equal("text", (await store.TryLoadAsync("k"))!.Content);
    }

    [Fact]
    public async Task EmptyAndLargeContent_RoundTrip()
    {
        var store = CreateStore();
        var large = new string('x', 3_000_000) + "é字🔑";

        await store.SaveAsync("empty", string.Empty);
        await store.SaveAsync("large", large);

        Assert.Equal(string.Empty, (await store.TryLoadAsync("empty"))!.Content);
        Assert.Equal(large, (await store.TryLoadAsync("large"))!.Content);
    }

    [Fact]
    public async Task ContentWithLoneSurrogates_RoundTripsExactly()
    {
        var store = CreateStore();
        var text = "half an emoji: \uD83D and \uDC00 alone";

        await store.SaveAsync("k", text);

        Assert.Equal(text, (await store.TryLoadAsync("k"))!.Content);
    }

    [Fact]
    public async Task UnwritableFolder_IsReportedNotThrown()
    {
        var blocker = temp.Combine("not-a-folder");
        File.WriteAllText(blocker, "a file where the folder should be");
        var store = new FileDraftStore(new FileDraftStoreOptions { Directory = Path.Combine(blocker, "drafts"), TimeProvider = time });
        store.Problem += (_, e) => problems.Add(e);

        await store.SaveAsync("k", "text");
        var loaded = await store.TryLoadAsync("k");

        Assert.Null(loaded);
        var problem = Assert.Single(problems);
        Assert.Equal(DraftProblemKind.StorageFailure, problem.Kind);
        Assert.Equal("save", problem.Operation);
        Assert.Equal("k", problem.DraftKey);
    }

    [Fact]
    public async Task DraftFiles_AreReadableByTheOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var store = new FileDraftStore(new FileDraftStoreOptions { Directory = temp.Combine("private"), TimeProvider = time });
        await store.SaveAsync("k", "text");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.GetPath("k")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(store.Directory));
    }

    [Fact]
    public void SynchronousSaveExtension_WritesBeforeReturning()
    {
        var store = CreateStore();

        store.Save("Orders.Create", new { Name = "Widget", Quantity = 3 });

        Assert.Equal("{\"name\":\"Widget\",\"quantity\":3}", store.TryLoad("Orders.Create")!.Content);
    }

    private FileDraftStore CreateStore(TimeSpan? ttl = null)
    {
        var store = new FileDraftStore(new FileDraftStoreOptions
        {
            Directory = temp.Combine("drafts"),
            TimeProvider = time,
            TimeToLive = ttl ?? DraftStoreOptions.DefaultTimeToLive,
        });
        store.Problem += (_, e) => problems.Add(e);
        return store;
    }
}
