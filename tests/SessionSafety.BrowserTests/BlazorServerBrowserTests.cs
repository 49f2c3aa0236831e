using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;

namespace SessionSafety.BrowserTests;

public sealed class BrowserFixture : IAsyncLifetime
{
    public BrowserApp App { get; private set; } = null!;

    public ChromeDriver Driver { get; private set; } = null!;

    public HttpClient Api { get; private set; } = null!;

    public string Profiles { get; } = Path.Combine(Path.GetTempPath(), "sessionsafety-browser-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        App = await BrowserApp.StartAsync();
        Driver = await ChromeDriver.StartAsync();
        Api = new HttpClient { BaseAddress = App.Address };
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        await Driver.DisposeAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(Profiles, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public Task<BrowserSession> NewBrowserAsync() => Driver.NewSessionAsync(Path.Combine(Profiles, Guid.NewGuid().ToString("N")));
}

/// <summary>
/// The runtime in a real chromium against a real Blazor Server circuit: localStorage through IJSRuntime,
/// autosave from a timer thread, the guard's 401 path with the "sign in again" message, the draft
/// restored after a reload, the per-circuit scope behind the static defaults, and isolation between users.
/// </summary>
public sealed class BlazorServerBrowserTests : IClassFixture<BrowserFixture>
{
    private const string ComposeDraft = "SessionSafety.draft:Compose.SendAsync";
    private readonly BrowserFixture fixture;

    public BlazorServerBrowserTests(BrowserFixture fixture) => this.fixture = fixture;

    [Fact]
    public async Task TypedText_IsAutosavedToLocalStorageAndRestoredAfterAReload()
    {
        await using var browser = await fixture.NewBrowserAsync();
        await OpenComposeAsync(browser);

        await browser.TypeAsync(await browser.WaitForAsync("#body"), "Typed for an hour, then the session expired");

        var stored = await browser.WaitUntilAsync(() => browser.LocalStorageAsync(ComposeDraft), v => v?.Contains("Typed for an hour, then the session expired") == true, what: "the autosaved draft");
        Assert.Contains("\"v\":1", stored);

        await OpenComposeAsync(browser);
        var restored = await browser.WaitUntilAsync(() => browser.ValueOfAsync("#body"), v => v == "Typed for an hour, then the session expired", what: "the restored text");
        Assert.Equal("Typed for an hour, then the session expired", restored);
    }

    [Fact]
    public async Task SendWithAnExpiredSession_KeepsTheTextShowsSignInAgainAndSendsItLater()
    {
        await using var browser = await fixture.NewBrowserAsync();
        await OpenComposeAsync(browser);
        var before = (await fixture.Api.GetFromJsonAsync<string[]>("test/received"))!.Length;
        await fixture.Api.PostAsync("test/expire", null);
        try
        {
            await browser.TypeAsync(await browser.WaitForAsync("#body"), "Do not lose me");
            await browser.ClickAsync((await browser.FindAsync("#send"))!);

            var message = await browser.WaitForAsync("#signin-again");
            Assert.NotNull(message);
            Assert.Equal("Do not lose me", await browser.ValueOfAsync("#body"));
            Assert.Contains("Do not lose me", await browser.LocalStorageAsync(ComposeDraft));
            Assert.Equal(before, (await fixture.Api.GetFromJsonAsync<string[]>("test/received"))!.Length);
        }
        finally
        {
            await fixture.Api.PostAsync("test/renew", null);
        }

        // Signed in again (here: the API accepts again): Send delivers the kept text, once, and the draft goes.
        await browser.ClickAsync((await browser.FindAsync("#send"))!);
        var received = await browser.WaitUntilAsync(
            async () => (await fixture.Api.GetFromJsonAsync<string[]>("test/received"))!,
            r => r.Length > before,
            what: "the delivery");
        Assert.Equal(before + 1, received.Length);
        Assert.Contains("Do not lose me", received[^1]);
        await browser.WaitUntilAsync(() => browser.LocalStorageAsync(ComposeDraft), v => v is null, what: "the draft's removal");
    }

    [Fact]
    public async Task GeneratedCodeDefaults_UseTheCircuitsBrowserStore()
    {
        await using var browser = await fixture.NewBrowserAsync();
        await OpenComposeAsync(browser);
        await fixture.Api.PostAsync("test/expire", null);
        try
        {
            await browser.TypeAsync(await browser.WaitForAsync("#body"), "via DraftGuard.Default");
            await browser.ClickAsync((await browser.FindAsync("#send-generated"))!);

            await browser.WaitUntilAsync(() => browser.TextOfAsync("#last-status"), s => s == "401", what: "the 401");
            var draft = await browser.LocalStorageAsync("SessionSafety.draft:ComposePage.SendAsGeneratedAsync");
            Assert.NotNull(draft);
            Assert.Contains("via DraftGuard.Default", draft);
        }
        finally
        {
            await fixture.Api.PostAsync("test/renew", null);
        }
    }

    [Fact]
    public async Task OneUsersDraft_NeverReachesAnotherUsersBrowser()
    {
        await using var alice = await fixture.NewBrowserAsync();
        await OpenComposeAsync(alice);
        await alice.TypeAsync(await alice.WaitForAsync("#body"), "alice's private text");
        await alice.WaitUntilAsync(() => alice.LocalStorageAsync(ComposeDraft), v => v is not null, what: "alice's draft");

        await using var bob = await fixture.NewBrowserAsync();
        await OpenComposeAsync(bob);
        await Task.Delay(1_000); // time for a (wrong) restore to show up

        Assert.Equal(string.Empty, await bob.ValueOfAsync("#body"));
        Assert.Null(await bob.LocalStorageAsync(ComposeDraft));
    }

    private async Task OpenComposeAsync(BrowserSession browser)
    {
        await browser.NavigateAsync(new Uri(fixture.App.Address, "compose"));
        await browser.WaitForAsync("#interactive", TimeSpan.FromSeconds(30));
    }
}
