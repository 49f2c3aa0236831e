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

    /// <summary>
    /// A small tmpfs: a real file system that runs out of space. Mounting one needs root: the tests mount it
    /// directly when they run as root, through passwordless sudo (<c>sudo -n</c>) otherwise, and fail saying
    /// so when neither is there — never skipped, a disk-full test that did not run proves nothing.
    /// </summary>
    private sealed class Tmpfs : IDisposable
    {
        private readonly string[] asRoot;

        private Tmpfs(string path, string[] asRoot)
        {
            Path = path;
            this.asRoot = asRoot;
        }

        public string Path { get; }

        public static Tmpfs Mount(string path, string size)
        {
            Directory.CreateDirectory(path);
            var asRoot = HowToActAsRoot();

            // Mounted through sudo, the file system is handed to this user (a tmpfs belongs to root otherwise).
            var options = "size=" + size + (asRoot.Length == 0 ? "" : $",mode=0700,uid={Id("-u")},gid={Id("-g")}");
            var (code, error) = Run(asRoot, "mount", "-t", "tmpfs", "-o", options, "tmpfs", path);
            Assert.True(code == 0, $"mounting a tmpfs at {path} failed ({string.Join(" ", asRoot.Append("mount"))}, exit {code}): {error}");
            return new Tmpfs(path, asRoot);
        }

        /// <summary>Nothing when the tests run as root; <c>sudo -n</c> when this user may use it without a password.</summary>
        private static string[] HowToActAsRoot()
        {
            if (Environment.IsPrivilegedProcess)
            {
                return Array.Empty<string>();
            }

            var sudo = new[] { "sudo", "-n" };
            var (code, error) = Run(sudo, "true");
            Assert.True(
                code == 0,
                $"This test mounts a small tmpfs to fill it, which needs root. It runs as user {Environment.UserName}, not root, "
                + $"and passwordless sudo is not available (sudo -n true: exit {code}, {error.Trim()}). "
                + "Run the tests as root, or allow this user 'sudo -n mount' and 'sudo -n umount'.");
            return sudo;
        }

        private static string Id(string which)
        {
            using var process = Process.Start(new ProcessStartInfo("id", which) { RedirectStandardOutput = true })!;
            var id = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return id;
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

        public void Dispose() => Run(asRoot, "umount", "-l", Path);

        /// <summary>Runs a command, behind <paramref name="prefix"/> (sudo) if any; a missing program is exit code 127, as a shell says.</summary>
        private static (int Code, string Error) Run(string[] prefix, string command, params string[] args)
        {
            var line = prefix.Append(command).Concat(args).ToArray();
            try
            {
                using var process = Process.Start(new ProcessStartInfo(line[0], line.Skip(1)) { RedirectStandardError = true })!;
                var error = process.StandardError.ReadToEnd();
                process.WaitForExit();
                return (process.ExitCode, error);
            }
            catch (System.ComponentModel.Win32Exception exception)
            {
                return (127, $"{line[0]}: {exception.Message}");
            }
        }
    }
}
