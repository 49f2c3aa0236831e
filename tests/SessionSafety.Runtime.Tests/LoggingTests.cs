using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SessionSafety.Runtime.Tests.Infrastructure;

namespace SessionSafety.Runtime.Tests;

/// <summary>Every part logs through the optional ILogger, and no log entry ever holds draft content.</summary>
public sealed class LoggingTests
{
    private const string Secret = "TOP-SECRET-DRAFT-4f1c: my bank PIN is 0000";

    private readonly CapturingLogger logger = new();

    [Fact]
    public async Task NoPart_EverLogsDraftContent()
    {
        using var temp = new TempDirectory();
        var time = new FakeTimeProvider();

        // File store: save, unchanged save, load, corrupt file, expiry, failure.
        var files = new FileDraftStore(new FileDraftStoreOptions { Directory = temp.Combine("d"), Logger = logger, TimeProvider = time });
        await files.SaveAsync("Compose.SendAsync", Secret);
        await files.SaveAsync("Compose.SendAsync", Secret);
        await files.TryLoadAsync("Compose.SendAsync");
        var bytes = File.ReadAllBytes(files.GetPath("Compose.SendAsync"));
        File.WriteAllBytes(files.GetPath("Compose.SendAsync"), bytes.Take(bytes.Length - 5).ToArray());
        await files.TryLoadAsync("Compose.SendAsync");
        await files.SaveAsync("Expiring", Secret);
        time.Advance(TimeSpan.FromDays(2));
        await files.ListAsync();
        File.WriteAllText(temp.Combine("blocker"), "x");
        await new FileDraftStore(new FileDraftStoreOptions { Directory = temp.Combine("blocker", "d"), Logger = logger }).SaveAsync("k", Secret);

        // In-memory and browser stores.
        var memory = new InMemoryDraftStore(new DraftStoreOptions { Logger = logger });
        await memory.SaveAsync("k", Secret);
        await memory.RemoveAsync("k");
        var js = new RecordingJSRuntime();
        var browser = new BrowserDraftStore(js, new BrowserDraftStoreOptions { Logger = logger });
        await browser.SaveAsync("k", Secret);
        js.SetItem("SessionSafety.draft:bad", Secret);
        await browser.TryLoadAsync("bad");
        js.Failure = () => new Microsoft.JSInterop.JSException("QuotaExceededError while storing " + Secret);
        await browser.SaveAsync("k", Secret + "!");

        // Guard and recovery against a real server: success, 401, redirect to login, exception.
        await using var server = await KestrelServer.StartAsync(app =>
        {
            app.MapPost("/ok", () => Results.Ok());
            app.MapPost("/expired", () => Results.StatusCode(401));
            app.MapPost("/cookie", (HttpContext c) => { c.Response.Redirect("/login"); return Task.CompletedTask; });
            app.MapGet("/login", () => "login");
        });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var guard = new DraftGuard(memory, logger);
        foreach (var path in new[] { "ok", "expired", "cookie" })
        {
            using var _ = await guard.SendAsync("Compose.SendAsync", new { Text = Secret }, d => http.PostAsJsonAsync(path, d));
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            guard.SendAsync<string>("Compose.SendAsync", Secret, _ => throw new InvalidOperationException("send failed with " + Secret)));

        var recovery = new SessionRecovery(new SessionRecoveryOptions { Logger = logger });
        var renewer = SessionRenewer.Create((_, _) => throw new InvalidOperationException("renewal failed for " + Secret));
        using (var client = new HttpClient(new SessionRecoveryHandler(recovery, renewer, new SocketsHttpHandler())) { BaseAddress = server.BaseAddress })
        {
            using (await client.PostAsJsonAsync("expired", new { Text = Secret })) { }
            await recovery.ReplayParkedAsync(client);
        }

        // Autosave: failures whose exceptions quote the content.
        var autosave = new DraftAutosave<string>(new QuotingFailStore(), "Autosaved", new AutosaveOptions { Logger = logger, TimeProvider = time });
        autosave.Update(Secret);
        await autosave.FlushAsync();
        autosave.Dispose();

        // Monitor.
        using var monitor = new SessionExpiryMonitor(new SessionExpiryOptions { IdleTimeout = TimeSpan.FromMinutes(20), Logger = logger, TimeProvider = time });
        monitor.Start();
        time.Advance(TimeSpan.FromHours(1));

        var text = logger.AllText();
        Assert.DoesNotContain("TOP-SECRET", text);
        Assert.DoesNotContain("PIN", text);

        // And the log is not empty: every part did log (so the assertion above means something).
        var names = logger.Entries.Select(e => e.EventId.Name).ToHashSet();
        foreach (var expected in new[]
        {
            "DraftSaved", "DraftUnchanged", "DraftCorrupt", "DraftExpired", "DraftStoreFailed", "DraftRemoved",
            "SessionExpired", "RedirectedToLogin", "SaveFailed", "RenewalStarted", "RenewalFinished",
            "RequestParked", "RequestReplayed", "AutosaveFailed", "SessionExpiring", "SessionExpiredByMonitor",
        })
        {
            Assert.Contains(expected, names);
        }

        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Exception is not null && e.Exception.Contains("message withheld"));
    }

    [Fact]
    public async Task PasswordsInUrlsAndAccessTokens_NeverReachLogsOrEvents()
    {
        await using var server = await KestrelServer.StartAsync(app => app.MapPost("/expired", () => Results.StatusCode(401)));
        var url = new UriBuilder(new Uri(server.BaseAddress, "expired")) { UserName = "ann", Password = "url-password-6d2", Query = "page=2&access_token=query-token-8c1" }.Uri;
        var events = new EventRecorder<SessionExpiredEventArgs>();
        var recovery = new SessionRecovery(new SessionRecoveryOptions { Logger = logger });
        recovery.SessionExpired += events.Add;
        var guard = new DraftGuard(new InMemoryDraftStore(), logger);
        guard.SessionExpired += events.Add;
        using var client = new HttpClient(new SessionRecoveryHandler(recovery, SessionRenewer.Create((_, _) => Task.FromResult(false)), new SocketsHttpHandler()));

        using (await guard.SendAsync("Compose.SendAsync", "text", d => client.PostAsync(url, new StringContent(d))))
        {
        }

        var raised = await events.WaitForAsync(2);
        var seen = logger.AllText() + "\n" + string.Join("\n", raised.Select(e => e.RequestUri)) + "\n" + string.Join("\n", recovery.ParkedRequests.Select(p => p.RequestUri));
        Assert.DoesNotContain("url-password", seen);
        Assert.DoesNotContain("query-token", seen);
        Assert.All(raised, e => Assert.Contains("page=2", e.RequestUri!.Query));
        Assert.Contains(logger.Entries, e => e.EventId.Name == "RequestParked" && e.Message.Contains("/expired"));
    }

    [Fact]
    public async Task WithoutALogger_NothingFails()
    {
        using var temp = new TempDirectory();
        var files = new FileDraftStore(temp.Path);
        File.WriteAllBytes(files.GetPath("k"), new byte[] { 1 });

        Assert.Null(await files.TryLoadAsync("k"));
    }

    private sealed class QuotingFailStore : IDraftStore
    {
        public ValueTask SaveAsync(string key, string content, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("could not store " + content);

        public ValueTask<Draft?> TryLoadAsync(string key, CancellationToken cancellationToken = default) => new((Draft?)null);

        public ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default) => new(false);

        public ValueTask<System.Collections.Generic.IReadOnlyList<DraftInfo>> ListAsync(CancellationToken cancellationToken = default) =>
            new(Array.Empty<DraftInfo>());
    }
}
