using System;
using System.Linq;
using System.Net.Http.Json;
using System.Threading.Tasks;
using OpenQA.Selenium;

namespace SessionSafety.BrowserTests;

/// <summary>
/// The runtime in a real chromium against a real Blazor Server circuit: localStorage through IJSRuntime,
/// drafts sealed with a key that stays on the server, autosave from a timer thread, the guard's 401 path
/// with the "sign in again" message, the draft restored after a reload, the per-circuit scope behind the
/// static defaults, isolation between browsers, and two users of one browser. Screenshots of the key steps
/// go to TestResults/screenshots (see <see cref="BrowserExtensions.ScreenshotFolder"/>).
/// </summary>
public sealed class BlazorServerBrowserTests : IClassFixture<BlazorServerFixture>
{
    private readonly BlazorServerFixture fixture;

    public BlazorServerBrowserTests(BlazorServerFixture fixture) => this.fixture = fixture;

    [Fact]
    public void TypedText_IsSealedInLocalStorageAndRestoredAfterAReload()
    {
        using var browser = fixture.NewBrowser();
        SignIn(browser, "alice");
        var text = DraftStorage.LongMessage("server-sealed");
        var tag = text[..text.IndexOf(']', StringComparison.Ordinal)];

        browser.Type("#body", text);

        // Autosave has run once the server opens the page's entry to the whole text.
        browser.WaitUntil(() => browser.OpenSealedDraft(fixture.DraftKey, "alice"), body => body == text, "the autosaved, sealed draft");
        Assert.Equal(new[] { DraftStorage.ComposeDraft("alice") }, browser.DraftKeys());
        AssertNothingReadable(browser, text, tag);
        Assert.Contains("\"v\":2", browser.LocalStorage(DraftStorage.ComposeDraft("alice")), StringComparison.Ordinal);
        browser.ShowLocalStorage();
        browser.Screenshot("server-01-typed-sealed-in-localstorage");

        // A reload: the circuit reads the ciphertext from the browser and the server opens it.
        OpenCompose(browser);
        var restored = browser.WaitUntil(() => browser.ValueOf("#body"), v => v == text, "the restored text");
        Assert.Equal(text, restored);
        browser.ShowLocalStorage();
        browser.Screenshot("server-02-restored-after-reload");
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
            Assert.Equal("Do not lose me", browser.OpenSealedDraft(fixture.DraftKey, user: null));
            AssertNothingReadable(browser, "Do not lose me");
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
        browser.WaitUntil(() => browser.LocalStorage(DraftStorage.ComposeDraft(null)) is null, removed => removed, "the draft's removal");
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
            Assert.Equal("via DraftGuard.Default", browser.OpenSealedDraft(fixture.DraftKey, user: null, "ComposePage.SendAsGeneratedAsync"));
            AssertNothingReadable(browser, "via DraftGuard.Default");
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
        alice.WaitUntil(() => alice.LocalStorage(DraftStorage.ComposeDraft(null)), v => v is not null, "alice's draft");

        using var bob = fixture.NewBrowser();
        OpenCompose(bob);
        await Task.Delay(1_000); // time for a (wrong) restore to show up

        Assert.Equal(string.Empty, bob.ValueOf("#body"));
        Assert.Null(bob.LocalStorage(DraftStorage.ComposeDraft(null)));
    }

    [Fact]
    public async Task SharedBrowser_TheNextUserCanReadNothingOfThePreviousUsersDraft()
    {
        using var browser = fixture.NewBrowser();
        SignIn(browser, "alice");
        var text = DraftStorage.LongMessage("server-shared-browser");
        var tag = text[..text.IndexOf(']', StringComparison.Ordinal)];
        browser.Type("#body", text);
        browser.WaitUntil(() => browser.OpenSealedDraft(fixture.DraftKey, "alice"), body => body == text, "alice's sealed draft");
        browser.ShowLocalStorage();
        browser.Screenshot("server-03-alice-typed");

        // Alice walks away without signing out; Bob signs in on the same browser.
        SignIn(browser, "bob");
        await Task.Delay(1_000); // time for a (wrong) restore to show up
        Assert.Equal(string.Empty, browser.ValueOf("#body"));
        Assert.Equal(new[] { DraftStorage.ComposeDraft("alice") }, browser.DraftKeys());
        AssertNothingReadable(browser, text, tag);
        browser.ShowLocalStorage();
        browser.Screenshot("server-04-bob-signed-in-finds-nothing");

        // With the developer tools Bob copies Alice's entry under his own key, for his session to open it:
        // it was sealed for Alice's key and user, so the server refuses it and sets it aside.
        var aliceEntry = browser.LocalStorage(DraftStorage.ComposeDraft("alice"))!;
        ((IJavaScriptExecutor)browser).ExecuteScript("localStorage.setItem(arguments[0], arguments[1]);", DraftStorage.ComposeDraft("bob"), aliceEntry);
        OpenCompose(browser);
        browser.WaitUntil(() => browser.LocalStorage(DraftStorage.ComposeDraft("bob")) is null, gone => gone, "the copied entry set aside", TimeSpan.FromSeconds(10));
        await Task.Delay(500);
        Assert.Equal(string.Empty, browser.ValueOf("#body"));
        Assert.Contains(browser.DraftKeys(), k => k.StartsWith(DraftStorage.Partition("bob") + ".corrupt:", StringComparison.Ordinal));
        AssertNothingReadable(browser, text, tag);
        browser.ShowLocalStorage();
        browser.Screenshot("server-05-copied-entry-refused");

        // Bob signs out: his entries (the set-aside one too) leave the browser; Alice's sealed draft stays hers.
        browser.Click("#sign-out");
        browser.WaitUntil(() => browser.TextOf("#user"), u => u == "nobody", "the signed-out page");
        Assert.Equal(new[] { DraftStorage.ComposeDraft("alice") }, browser.DraftKeys());

        // Alice comes back: the server opens her draft and the text is there.
        SignIn(browser, "alice");
        var restored = browser.WaitUntil(() => browser.ValueOf("#body"), v => v == text, "alice's restored text");
        Assert.Equal(text, restored);
        browser.ShowLocalStorage();
        browser.Screenshot("server-06-alice-back-text-restored");

        // Alice signs out: nothing of hers is left in the browser.
        browser.Click("#sign-out");
        browser.WaitUntil(() => browser.TextOf("#user"), u => u == "nobody", "the signed-out page");
        Assert.Empty(browser.DraftKeys());
        AssertNothingReadable(browser, text, tag);
        browser.ShowLocalStorage();
        browser.Screenshot("server-07-alice-signed-out-nothing-left");
    }

    /// <summary>No value of the page's localStorage — what its script or anyone at the keyboard can read — holds the text.</summary>
    private static void AssertNothingReadable(IWebDriver browser, params string[] secrets)
    {
        var values = browser.LocalStorageValues();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(values, v => v.Contains(secret, StringComparison.Ordinal));
        }

        // Nor any sizeable piece of it (a sentence of the message, a word of a short one).
        var pieces = secrets.SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length >= 6).Distinct();
        foreach (var piece in pieces)
        {
            Assert.DoesNotContain(values, v => v.Contains(piece, StringComparison.Ordinal));
        }
    }

    private void SignIn(IWebDriver browser, string user)
    {
        browser.Navigate().GoToUrl(new Uri(fixture.App.Address, "test/signin/" + user));
        browser.WaitFor("#interactive", TimeSpan.FromSeconds(30));
        Assert.Equal(user, browser.TextOf("#user"));
    }

    private void OpenCompose(IWebDriver browser)
    {
        browser.Navigate().GoToUrl(new Uri(fixture.App.Address, "compose"));
        browser.WaitFor("#interactive", TimeSpan.FromSeconds(30));
    }
}
