using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SessionSafety.Runtime.Tests.Infrastructure;

namespace SessionSafety.Runtime.Tests;

/// <summary>
/// The file store on real files, real Unix permissions, a real FIFO and real symbolic links: what is at a
/// draft's path or in the drafts folder may be hostile or damaged, and the store neither blocks, nor reads
/// more than a draft can be, nor throws, nor uses a folder other users can write to. Unix only: FIFOs and
/// permission bits are what they test.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FileStoreHardeningTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly FakeTimeProvider time = new();
    private readonly CapturingLogger logger = new();
    private readonly List<DraftProblemEventArgs> problems = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    [InlineData(253_402_300_800_000)]
    public async Task SaveTimeOutOfRange_WithTheChecksumRecomputed_IsSetAsideNotThrown(long unixMilliseconds)
    {
        var store = CreateStore();
        await store.SaveAsync("victim", "the user's text");
        await store.SaveAsync("bystander", "another draft");
        var path = store.GetPath("victim");
        var bytes = File.ReadAllBytes(path);
        BitConverter.GetBytes(unixMilliseconds).CopyTo(bytes, 12);
        File.WriteAllBytes(path, CorruptDraftFileTests.WithChecksum(bytes));

        var listed = store.List();
        File.WriteAllBytes(path, bytes);
        var loaded = store.TryLoad("victim");
        File.WriteAllBytes(path, bytes);
        store.Save("victim", "typed again");

        Assert.Equal(new[] { "bystander" }, listed.Select(d => d.Key));
        Assert.Null(loaded);
        Assert.Equal("typed again", store.TryLoad("victim")!.Content);
        Assert.Equal(3, problems.Count);
        Assert.All(problems, p => Assert.Equal(DraftProblemKind.Corrupt, p.Kind));
        Assert.All(problems, p => Assert.True(File.Exists(p.SetAsideLocation)));
    }

    [Fact]
    public async Task SaveTimeFarInTheFuture_IsSetAsideInsteadOfLivingForever()
    {
        var store = CreateStore();
        await store.SaveAsync("victim", "text");
        var path = store.GetPath("victim");
        var bytes = File.ReadAllBytes(path);
        BitConverter.GetBytes(time.GetUtcNow().AddYears(100).ToUnixTimeMilliseconds()).CopyTo(bytes, 12);
        File.WriteAllBytes(path, CorruptDraftFileTests.WithChecksum(bytes));

        Assert.Null(store.TryLoad("victim"));
        Assert.Contains("future", Assert.Single(problems).Reason);
    }

    [Fact]
    public void FoldersTheStoreCreates_AreOwnerOnly_ParentsIncluded()
    {
        var folder = temp.Combine("a", "b", "drafts");
        var store = new FileDraftStore(folder);

        store.Save("k", "text");

        foreach (var created in new[] { temp.Combine("a"), temp.Combine("a", "b"), folder })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(created));
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.GetPath("k")));
    }

    [Theory]
    [InlineData("777")]
    [InlineData("1777")]
    [InlineData("770")]
    public void ExistingFolderOthersCanWriteTo_IsRefusedAndReported(string mode)
    {
        var folder = temp.Combine("shared");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)Convert.ToInt32(mode, 8));
        var store = CreateStore(folder);

        store.Save("k", "text");
        var loaded = store.TryLoad("k");
        var listed = store.List();

        Assert.Empty(Directory.GetFileSystemEntries(folder));
        Assert.Null(loaded);
        Assert.Empty(listed);
        Assert.Equal(3, problems.Count);
        Assert.All(problems, p => Assert.Equal(DraftProblemKind.UnsafeLocation, p.Kind));
        Assert.Contains("written by other users", problems[0].Reason);
        Assert.Contains(logger.Entries, e => e.EventId.Name == "DraftStoreRefused");
        Assert.Equal((UnixFileMode)Convert.ToInt32(mode, 8), File.GetUnixFileMode(folder));
    }

    [Fact]
    public void ExistingFolderOthersCanOnlyRead_IsMadeOwnerOnly()
    {
        var folder = temp.Combine("readable");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)Convert.ToInt32("755", 8));
        var store = CreateStore(folder);

        store.Save("k", "text");

        Assert.Equal("text", store.TryLoad("k")!.Content);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task FifoAtTheDraftPath_IsSetAsideWithoutBlocking()
    {
        var store = CreateStore();
        await store.SaveAsync("bystander", "another draft");
        var path = store.GetPath("victim");
        MakeFifo(path);

        // A FIFO opened for reading blocks until a writer comes: each call must return regardless.
        var loaded = await Task.Run(() => store.TryLoad("victim")).WaitAsync(TimeSpan.FromSeconds(10));
        MakeFifo(path);
        var listed = await Task.Run(store.List).WaitAsync(TimeSpan.FromSeconds(10));
        MakeFifo(path);
        await Task.Run(() => store.Save("victim", "typed again")).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(loaded);
        Assert.Equal(new[] { "bystander" }, listed.Select(d => d.Key));
        Assert.Equal("typed again", store.TryLoad("victim")!.Content);
        Assert.Equal(3, problems.Count);
        Assert.All(problems, p => Assert.Contains("not a regular file", p.Reason));
        Assert.All(problems, p => Assert.True(File.Exists(p.SetAsideLocation)));
    }

    [Fact]
    public void FileLargerThanADraftCanBe_IsSetAsideWithoutBeingRead()
    {
        var store = CreateStore(maxContentLength: 1_000_000);
        var path = store.GetPath("victim");
        Directory.CreateDirectory(store.Directory);
        using (var sparse = File.Create(path))
        {
            sparse.SetLength(256L * 1024 * 1024);
        }

        var before = BytesReadByThisProcess();
        var loaded = store.TryLoad("victim");
        var read = BytesReadByThisProcess() - before;

        Assert.Null(loaded);
        var problem = Assert.Single(problems);
        Assert.Equal(DraftProblemKind.TooLarge, problem.Kind);
        Assert.False(File.Exists(path));

        // Reading it even once would add 256 MiB; other tests running meanwhile read far less than this.
        Assert.True(read < 64L * 1024 * 1024, $"{read} bytes were read");
    }

    [Fact]
    public void SymlinkedStoreFolder_IsRefused()
    {
        var target = temp.Combine("elsewhere");
        Directory.CreateDirectory(target);
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var link = temp.Combine("drafts");
        Directory.CreateSymbolicLink(link, target);
        var store = CreateStore(link);

        store.Save("k", "text");

        Assert.Empty(Directory.GetFileSystemEntries(target));
        Assert.Null(store.TryLoad("k"));
        Assert.Contains("symbolic link", problems[0].Reason);
        Assert.Equal(DraftProblemKind.UnsafeLocation, problems[0].Kind);
    }

    [Fact]
    public async Task SymlinkAtTheDraftPath_IsNotFollowed()
    {
        // A valid draft of the same key elsewhere: following the link would load it.
        var elsewhere = CreateStore(temp.Combine("elsewhere"));
        await elsewhere.SaveAsync("victim", "planted text");
        problems.Clear();
        var store = CreateStore();
        Directory.CreateDirectory(store.Directory);
        File.CreateSymbolicLink(store.GetPath("victim"), elsewhere.GetPath("victim"));

        var loaded = store.TryLoad("victim");

        Assert.Null(loaded);
        Assert.Equal(DraftProblemKind.UnsafeLocation, Assert.Single(problems).Kind);
        Assert.Equal("planted text", elsewhere.TryLoad("victim")!.Content);
    }

    [Fact]
    public void DraftOverTheSizeLimit_IsNotStored_AndThePreviousDraftStays()
    {
        var store = CreateStore(maxContentLength: 1_000);
        store.Save("k", "the previous draft");

        store.Save("k", new string('x', 1_001));

        Assert.Equal("the previous draft", store.TryLoad("k")!.Content);
        var problem = Assert.Single(problems);
        Assert.Equal(DraftProblemKind.TooLarge, problem.Kind);
        Assert.Contains("1001 characters", problem.Reason);
        Assert.Equal(DraftStoreOptions.DefaultMaxContentLength, new FileDraftStoreOptions().MaxContentLength);
    }

    [Fact]
    public async Task InMemoryDraftOverTheSizeLimit_IsNotStoredAndReported()
    {
        var store = new InMemoryDraftStore(new DraftStoreOptions { MaxContentLength = 10 });
        store.Problem += (_, e) => problems.Add(e);
        store.Save("k", "short");

        store.Save("k", "longer than ten");

        Assert.Equal("short", (await store.TryLoadAsync("k"))!.Content);
        Assert.Equal(DraftProblemKind.TooLarge, Assert.Single(problems).Kind);
    }

    [Fact]
    public void ResavingIdenticalContent_ReadsTheHeaderAndChecksumOnly()
    {
        var store = CreateStore(key: DraftEncryptionKey.FromBytes(DraftEncryptionKey.GenerateKeyBytes()));
        var text = new string('z', 2_000_000);
        store.Save("big", text);

        var before = GC.GetAllocatedBytesForCurrentThread();
        store.Save("big", text);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Decrypting the 4 MB file would allocate it twice over at least.
        Assert.True(allocated < 1_000_000, $"{allocated} bytes allocated");
        Assert.Contains(logger.Entries, e => e.EventId.Name == "DraftUnchanged");
        Assert.Equal(text, store.TryLoad("big")!.Content);
    }

    [Fact]
    public void IdenticalContentOverADamagedFile_IsWrittenAgain()
    {
        var store = CreateStore();
        store.Save("k", "same text");
        var path = store.GetPath("k");
        var bytes = File.ReadAllBytes(path);
        bytes[Internal.DraftFileFormat.HeaderSize + 6] ^= 1;
        File.WriteAllBytes(path, bytes);

        store.Save("k", "same text");

        Assert.Equal("same text", store.TryLoad("k")!.Content);
        Assert.Equal(DraftProblemKind.Corrupt, Assert.Single(problems).Kind);
    }

    private static long BytesReadByThisProcess() =>
        long.Parse(File.ReadAllLines("/proc/self/io").Single(l => l.StartsWith("rchar:")).Substring(6).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", new[] { path }) { RedirectStandardError = true })!;
        mkfifo.WaitForExit();
        Assert.True(mkfifo.ExitCode == 0, mkfifo.StandardError.ReadToEnd());
    }

    private FileDraftStore CreateStore(string? folder = null, int? maxContentLength = null, DraftEncryptionKey? key = null)
    {
        var store = new FileDraftStore(new FileDraftStoreOptions
        {
            Directory = folder ?? temp.Combine("drafts"),
            TimeProvider = time,
            Logger = logger,
            EncryptionKey = key,
            MaxContentLength = maxContentLength ?? DraftStoreOptions.DefaultMaxContentLength,
        });
        store.Problem += (_, e) => problems.Add(e);
        return store;
    }
}
