using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SessionSafety.Runtime.Tests.Infrastructure;

namespace SessionSafety.Runtime.Tests;

/// <summary>
/// When a draft could not be kept — the disk is full, the value cannot be serialized — the app is told so,
/// truthfully, by every part that said "kept" before: the guard's and the recovery's <c>SessionExpired</c>,
/// the typed saves' result, the store's <c>Problem</c> event and the log.
/// </summary>
public sealed class DraftNotKeptTests : IAsyncLifetime
{
    private readonly TempDirectory temp = new();
    private readonly CapturingLogger logger = new();
    private readonly List<DraftProblemEventArgs> problems = new();
    private readonly EventRecorder<SessionExpiredEventArgs> expired = new();
    private KestrelServer server = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        server = await KestrelServer.StartAsync(app => app.MapPost("/api/messages", () => Results.StatusCode(401)));
        http = new HttpClient { BaseAddress = server.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
        temp.Dispose();
    }

    [Fact]
    public async Task DiskFull_SessionExpiredSaysTheDraftWasNotKept_AndTheOlderDraftIsLeftAsItWas()
    {
        using var disk = Tmpfs.Mount(temp.Combine("small-disk"), "256k");
        var store = CreateStore(Path.Combine(disk.Path, "drafts"));
        await store.SaveAsync("Compose.SendAsync", "an older version");
        var olderSavedAt = (await store.TryLoadAsync("Compose.SendAsync"))!.SavedAt;
        disk.Fill();
        var guard = new DraftGuard(store, logger);
        guard.SessionExpired += expired.Add;

        using var response = await guard.SendAsync("Compose.SendAsync", new string('n', 50_000), text => http.PostAsync("api/messages", new StringContent(text)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var e = await expired.SingleAsync();
        Assert.Equal("Compose.SendAsync", e.DraftKey);
        Assert.False(e.DraftKept);
        Assert.Equal(DraftProblemKind.StorageFailure, Assert.Single(problems).Kind);
        Assert.Contains(logger.Entries, entry => entry.EventId.Name == "SessionExpiredDraftNotKept");

        // What is there is the older draft, and it says so by its save time.
        var there = await store.TryLoadAsync("Compose.SendAsync");
        Assert.Equal(("an older version", olderSavedAt), (there!.Content, there.SavedAt));
    }

    [Fact]
    public async Task UnwritableFolder_TheRecoveryHandlerSaysTheDraftWasNotKeptToo()
    {
        File.WriteAllText(temp.Combine("not-a-folder"), "a file where the folder should be");
        var store = CreateStore(temp.Combine("not-a-folder", "drafts"));
        var guard = new DraftGuard(store);
        guard.SessionExpired += expired.Add;
        var recovery = new SessionRecovery();
        var recovered = new EventRecorder<SessionExpiredEventArgs>();
        recovery.SessionExpired += recovered.Add;
        using var client = new HttpClient(new SessionRecoveryHandler(recovery, SessionRenewer.Create((_, _) => Task.FromResult(false)), new SocketsHttpHandler()))
        {
            BaseAddress = server.BaseAddress,
        };

        using var response = await guard.SendAsync("Compose.SendAsync", new { Text = "typed" }, d => client.PostAsJsonAsync("api/messages", d));

        Assert.False((await expired.SingleAsync()).DraftKept);
        Assert.False((await recovered.SingleAsync()).DraftKept);
        Assert.Equal("Compose.SendAsync", recovered.All.Single().DraftKey);
    }

    [Fact]
    public async Task KeptDraft_IsReportedAsKept()
    {
        var guard = new DraftGuard(CreateStore(temp.Combine("drafts")));
        guard.SessionExpired += expired.Add;

        using var response = await guard.SendAsync("Compose.SendAsync", "typed", text => http.PostAsync("api/messages", new StringContent(text)));

        Assert.True((await expired.SingleAsync()).DraftKept);
    }

    [Fact]
    public async Task TypedSaveOfAModelThatCannotBeSerialized_IsReportedAndReturnsFalse()
    {
        var store = CreateStore(temp.Combine("drafts"));
        var cyclic = new Node("root");
        cyclic.Next = cyclic;

        var saved = await store.SaveAsync("Orders.Create", cyclic);
        var savedSynchronously = store.Save("Orders.Edit", cyclic);

        Assert.False(saved);
        Assert.False(savedSynchronously);
        Assert.Equal(new[] { ("Orders.Create", DraftProblemKind.SerializationFailed), ("Orders.Edit", DraftProblemKind.SerializationFailed) }, problems.Select(p => (p.DraftKey!, p.Kind)));
        Assert.Equal(2, logger.Entries.Count(e => e.EventId.Name == "DraftNotStored"));
        Assert.Empty(await store.ListAsync());
        Assert.True(await store.SaveAsync("Orders.Create", new Node("fine")));
    }

    [Fact]
    public async Task GuardOverAModelThatCannotBeSerialized_SendsAndSaysTheDraftWasNotKept()
    {
        var store = CreateStore(temp.Combine("drafts"));
        var guard = new DraftGuard(store);
        guard.SessionExpired += expired.Add;
        var cyclic = new Node("root");
        cyclic.Next = cyclic;
        var sent = false;

        using var response = await guard.SendAsync("Orders.Create", cyclic, _ =>
        {
            sent = true;
            return http.PostAsync("api/messages", new StringContent("a hand-made body"));
        });

        Assert.True(sent);
        Assert.False((await expired.SingleAsync()).DraftKept);
        Assert.Equal(DraftProblemKind.SerializationFailed, Assert.Single(problems).Kind);
    }

    private FileDraftStore CreateStore(string folder)
    {
        var store = new FileDraftStore(new FileDraftStoreOptions { Directory = folder, Logger = logger, FlushToDisk = false });
        store.Problem += (_, e) => problems.Add(e);
        return store;
    }

    public sealed class Node
    {
        public Node(string name) => Name = name;

        public string Name { get; }

        public Node? Next { get; set; }
    }

    /// <summary>A small tmpfs: a real file system that runs out of space (mounting one needs root, as CI has).</summary>
    private sealed class Tmpfs : IDisposable
    {
        private Tmpfs(string path) => Path = path;

        public string Path { get; }

        public static Tmpfs Mount(string path, string size)
        {
            Directory.CreateDirectory(path);
            var (code, error) = Run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", path);
            Assert.True(code == 0, "mounting a tmpfs needs root (CAP_SYS_ADMIN): " + error);
            return new Tmpfs(path);
        }

        /// <summary>Writes until the file system refuses (ENOSPC).</summary>
        public void Fill()
        {
            using var filler = File.Create(System.IO.Path.Combine(Path, "filler"));
            var block = new byte[4096];
            try
            {
                for (var i = 0; i < 100_000; i++)
                {
                    filler.Write(block, 0, block.Length);
                    filler.Flush();
                }
            }
            catch (IOException)
            {
                return;
            }

            Assert.Fail("the tmpfs never filled up");
        }

        public void Dispose() => Run("umount", "-l", Path);

        private static (int Code, string Error) Run(string file, params string[] args)
        {
            using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error);
        }
    }
}
