using System;
using System.Net.Http.Json;
using System.Threading.Tasks;
using OpenQA.Selenium;

namespace SessionSafety.BrowserTests;

/// <summary>
/// The runtime in a real chromium against a real Blazor Server circuit: localStorage through IJSRuntime,
/// autosave from a timer thread, the guard's 401 path with the "sign in again" message, the draft
/// restored after a reload, the per-circuit scope behind the static defaults, and isolation between users.
/// </summary>
public sealed class BlazorServerBrowserTests : IClassFixture<BlazorServerFixture>
{
    private const string ComposeDraft = "SessionSafety.draft:Compose.SendAsync";
    private readonly BlazorServerFixture fixture;

    public BlazorServerBrowserTests(BlazorServerFixture fixture) => this.fixture = fixture;

    [Fact]
    public void TypedText_IsAutosavedToLocalStorageAndRestoredAfterAReload()
    {
        using var browser = fixture.NewBrowser();
        OpenCompose(browser);

        browser.Type("#body", "Typed for an hour, then the session expired");

        var stored = browser.WaitUntil(() => browser.LocalStorage(ComposeDraft), v => v?.Contains("Typed for an hour, then the session expired") == true, "the autosaved draft")!;
        Assert.Contains("\"v\":1", stored);

        OpenCompose(browser);
        var restored = browser.WaitUntil(() => browser.ValueOf("#body"), v => v == "Typed for an hour, then the session expired", "the restored text");
        Assert.Equal("Typed for an hour, then the session expired", restored);
    }

    [Fact]
    public async Task SendWithAnExpiredSession_KeepsTheTextShowsSignInAgainAndSendsItLater()
    {
        using var browser = fixture.NewBrowser();
        OpenCompose(browser);
        var before = (await fixture.Api.GetFromJsonAsync<string[]>("test/received"))!.Length;
        await fixture.Api.PostAsync("test/expire", null);
        try
        {
            browser.Type("#body", "Do not lose me");
            browser.Click("#send");

            browser.WaitFor("#signin-again");
            Assert.Equal("Do not lose me", browser.ValueOf("#body"));
            Assert.Contains("Do not lose me", browser.LocalStorage(ComposeDraft));
            Assert.Equal(before, (await fixture.Api.GetFromJsonAsync<string[]>("test/received"))!.Length);
        }
        finally
        {
            await fixture.Api.PostAsync("test/renew", null);
        }

        // Signed in again (here: the API accepts again): Send delivers the kept text, once, and the draft goes.
        browser.Click("#send");
        var received = browser.WaitUntil(
            () => fixture.Api.GetFromJsonAsync<string[]>("test/received").GetAwaiter().GetResult()!,
            r => r.Length > before,
            "the delivery");
        Assert.Equal(before + 1, received.Length);
        Assert.Contains("Do not lose me", received[^1]);
        browser.WaitUntil(() => browser.LocalStorage(ComposeDraft) is null, removed => removed, "the draft's removal");
    }

    [Fact]
    public async Task GeneratedCodeDefaults_UseTheCircuitsBrowserStore()
    {
        using var browser = fixture.NewBrowser();
        OpenCompose(browser);
        await fixture.Api.PostAsync("test/expire", null);
        try
        {
            browser.Type("#body", "via DraftGuard.Default");
            browser.Click("#send-generated");

            browser.WaitUntil(() => browser.TextOf("#last-status"), s => s == "401", "the 401");
            var draft = browser.LocalStorage("SessionSafety.draft:ComposePage.SendAsGeneratedAsync");
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
        using var alice = fixture.NewBrowser();
        OpenCompose(alice);
        alice.Type("#body", "alice's private text");
        alice.WaitUntil(() => alice.LocalStorage(ComposeDraft), v => v is not null, "alice's draft");

        using var bob = fixture.NewBrowser();
        OpenCompose(bob);
        await Task.Delay(1_000); // time for a (wrong) restore to show up

        Assert.Equal(string.Empty, bob.ValueOf("#body"));
        Assert.Null(bob.LocalStorage(ComposeDraft));
    }

    private void OpenCompose(IWebDriver browser)
    {
        browser.Navigate().GoToUrl(new Uri(fixture.App.Address, "compose"));
        browser.WaitFor("#interactive", TimeSpan.FromSeconds(30));
    }
}
