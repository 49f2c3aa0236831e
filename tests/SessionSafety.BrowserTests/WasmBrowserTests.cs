using System;
using System.Threading.Tasks;
using OpenQA.Selenium;

namespace SessionSafety.BrowserTests;

/// <summary>
/// The lost draft where it happens: the Blazor WebAssembly sample in chromium against its cookie-authenticated
/// host. The recommended page keeps the text through an expired session and an expired CSRF token and sends
/// it exactly once after sign-in; the naive page loses it. Screenshots of the key steps go to
/// TestResults/screenshots (see <see cref="BrowserExtensions.ScreenshotFolder"/>).
/// </summary>
/// <remarks>
/// One class, so its tests run one after another: they move the hosts' clocks, which every session on the
/// host sees.
/// </remarks>
public sealed class WasmBrowserTests : IClassFixture<WasmSampleFixture>
{
    private static readonly TimeSpan PastTheSession = WasmSampleFixture.SessionIdleTimeout + TimeSpan.FromHours(1);
    private static readonly TimeSpan PastTheCsrfToken = WasmSampleFixture.CsrfTokenLifetime + TimeSpan.FromMinutes(30);
    private readonly WasmSampleFixture fixture;

    public WasmBrowserTests(WasmSampleFixture fixture) => this.fixture = fixture;

    [Fact]
    public async Task ExpiredSession_KeepsTheTextThroughAReload_AndSendsItOnceAfterSignInInAnotherTab()
    {
        var host = fixture.Fixed;
        using var browser = fixture.NewBrowser();
        browser.SignIn(host, "alice", "/compose");
        browser.WaitForPage();
        Assert.Equal("Signed in as alice", browser.TextOf("#who"));

        var text = DraftStorage.LongMessage("other-tab");
        browser.Type("#body", text);
        var stored = browser.WaitUntil(() => browser.LocalStorage(DraftStorage.ComposeDraft("alice")), v => v?.Contains(text, StringComparison.Ordinal) == true, "the autosaved draft");
        WasmPages.AssertPlaintextDraft(stored, text);
        Assert.Equal(new[] { DraftStorage.ComposeDraft("alice") }, browser.DraftKeys());
        browser.Screenshot("wasm-01-typed-and-autosaved");

        await host.AdvanceClockAsync(PastTheSession);
        var before = await host.RecordAsync();
        browser.Click("#send");

        // No navigation: the dialog asks to sign in again, the text and its draft are where they were.
        browser.WaitFor("#signin-dialog");
        browser.Screenshot("wasm-02-session-expired-dialog");
        Assert.Equal("/compose", browser.PathOf());
        Assert.Equal(text, browser.ValueOf("#body"));
        WasmPages.AssertPlaintextDraft(browser.LocalStorage(DraftStorage.ComposeDraft("alice")), text);
        Assert.Equal(new[] { DraftStorage.ComposeDraft("alice") }, browser.DraftKeys());
        var refused = await host.RecordAsync();
        Assert.Equal(before.Answered(401) + 1, refused.Answered(401));
        Assert.Equal(0, refused.CountOf(text));

        // A reload (or a closed and reopened tab) brings the text back from localStorage.
        browser.Navigate().Refresh();
        browser.WaitForPage();
        Assert.Equal(text, browser.ValueOf("#body"));
        Assert.Equal("Your unsent text was restored.", browser.TextOf("#status"));
        Assert.Equal("Not signed in", browser.TextOf("#who"));
        Assert.Equal(new[] { DraftStorage.ComposeDraft("alice") }, browser.DraftKeys());
        browser.Screenshot("wasm-03-restored-after-reload");

        // Sign in again in a second tab, come back, press Send: delivered once, and the draft is gone.
        var compose = browser.CurrentWindowHandle;
        browser.SwitchTo().NewWindow(WindowType.Tab);
        browser.SignIn(host, "alice", "/signed-in");
        browser.WaitFor("#signed-in", WasmPages.WasmStart);
        browser.Screenshot("wasm-04-signed-in-in-another-tab");
        browser.Close();
        browser.SwitchTo().Window(compose);

        browser.Click("#send");
        browser.WaitUntil(() => browser.TextOf("#status"), s => s == "Sent.", "the delivery");
        browser.Screenshot("wasm-05-sent-once");
        var after = await host.RecordAsync();
        Assert.Equal(1, after.CountOf(text));
        Assert.Equal(before.Answered(200) + 1, after.Answered(200));
        Assert.Equal(string.Empty, browser.ValueOf("#body"));
        Assert.Empty(browser.DraftKeys());
    }

    [Fact]
    public async Task ExpiredSession_SignInThroughTheDialog_SendsTheTextOnce()
    {
        var host = fixture.Fixed;
        using var browser = fixture.NewBrowser();
        browser.SignIn(host, "bob", "/compose");
        browser.WaitForPage();
        var text = DraftStorage.LongMessage("dialog");
        browser.Type("#body", text);
        browser.WaitUntil(() => browser.LocalStorage(DraftStorage.ComposeDraft("bob")), v => v?.Contains(text, StringComparison.Ordinal) == true, "the autosaved draft");

        await host.AdvanceClockAsync(PastTheSession);
        browser.Click("#send");
        browser.WaitFor("#signin-dialog");
        browser.Type("#dialog-user", "bob");
        browser.Type("#dialog-password", "bob-password");
        browser.Screenshot("wasm-06-dialog-filled");
        browser.Click("#dialog-signin");

        browser.WaitUntil(() => browser.TextOf("#status"), s => s == "Sent.", "the delivery");
        Assert.False(browser.Has("#signin-dialog"));
        Assert.Equal("/compose", browser.PathOf());
        Assert.Equal(1, (await host.RecordAsync()).CountOf(text));
        Assert.Empty(browser.DraftKeys());
        browser.Screenshot("wasm-07-sent-after-dialog-sign-in");
    }

    [Fact]
    public async Task ExpiredCsrfToken_IsRenewed_AndTheTextSentOnce()
    {
        var host = fixture.Fixed;
        using var browser = fixture.NewBrowser();
        browser.SignIn(host, "alice", "/compose");
        browser.WaitForPage();

        // A first message fetches the page's CSRF token; then the page stays open.
        var first = DraftStorage.LongMessage("csrf-first");
        browser.Type("#body", first);
        browser.Click("#send");
        browser.WaitUntil(() => browser.TextOf("#status"), s => s == "Sent.", "the first delivery");

        var text = DraftStorage.LongMessage("csrf");
        browser.Type("#body", text);
        browser.WaitUntil(() => browser.LocalStorage(DraftStorage.ComposeDraft("alice")), v => v?.Contains(text, StringComparison.Ordinal) == true, "the autosaved draft");

        // The session is still good; the token the page got when it opened is not.
        await host.AdvanceClockAsync(PastTheCsrfToken);
        var before = await host.RecordAsync();
        browser.Click("#send");

        browser.WaitUntil(() => browser.TextOf("#status"), s => s == "Sent.", "the delivery");
        browser.Screenshot("wasm-08-csrf-renewed-and-sent");
        var after = await host.RecordAsync();
        Assert.Equal(before.Answered(403) + 1, after.Answered(403));
        Assert.Equal(before.Answered(200) + 1, after.Answered(200));
        Assert.Equal(1, after.CountOf(text));
        Assert.False(browser.Has("#signin-dialog"));
        Assert.Empty(browser.DraftKeys());
    }

    [Fact]
    public async Task NaivePage_LosesTheText_WhenTheSessionHasExpired()
    {
        var host = fixture.Fixed;
        using var browser = fixture.NewBrowser();
        browser.SignIn(host, "alice", "/naive");
        browser.WaitForPage();
        var text = DraftStorage.LongMessage("naive");
        browser.Type("#body", text);
        browser.Screenshot("wasm-09-naive-typed");

        await host.AdvanceClockAsync(PastTheSession);
        browser.Click("#send");

        // 401, EnsureSuccessStatusCode throws, the page goes to the sign-in page: after it, nothing is left.
        browser.WaitUntil(() => browser.PathOf(), p => p == "/login", "the sign-in page");
        browser.Screenshot("wasm-10-naive-sent-to-sign-in");
        browser.FillSignInForm("alice");
        browser.WaitUntil(() => browser.PathOf(), p => p == "/naive", "the naive page again");
        browser.WaitForPage();
        browser.Screenshot("wasm-11-naive-text-lost");
        Assert.Equal(string.Empty, browser.ValueOf("#body"));
        Assert.Empty(browser.DraftKeys());
        Assert.Equal(0, (await host.RecordAsync()).CountOf(text));
    }

    [Fact]
    public async Task RedirectingHost_NaivePageTakesTheLoginPageForSuccess_FixedHostAnswers401()
    {
        // Before SESS004's fix: the POST is redirected to /login, fetch follows it, the client sees 200.
        var text = DraftStorage.LongMessage("redirect-naive");
        using (var browser = fixture.NewBrowser())
        {
            var host = fixture.Redirecting;
            browser.SignIn(host, "bob", "/naive");
            browser.WaitForPage();
            browser.Type("#body", text);
            await host.AdvanceClockAsync(PastTheSession);
            var before = await host.RecordAsync();
            browser.Click("#send");

            browser.WaitUntil(() => browser.TextOf("#status"), s => s == "Sent.", "the page's verdict");
            browser.Screenshot("wasm-12-redirecting-host-naive-says-sent");
            var after = await host.RecordAsync();
            Assert.Equal(before.Answered(302) + 1, after.Answered(302));
            Assert.Equal(0, after.CountOf(text));
            Assert.Equal(string.Empty, browser.ValueOf("#body"));
            Assert.Equal("/naive", browser.PathOf());
        }

        // After it: the same page, the same expired session, and the client sees 401 (and still loses the
        // text, visibly: that is SESS001/SESS002's part).
        using (var browser = fixture.NewBrowser())
        {
            var host = fixture.Fixed;
            browser.SignIn(host, "bob", "/naive");
            browser.WaitForPage();
            browser.Type("#body", text);
            await host.AdvanceClockAsync(PastTheSession);
            var before = await host.RecordAsync();
            browser.Click("#send");

            browser.WaitUntil(() => browser.PathOf(), p => p == "/login", "the sign-in page");
            var after = await host.RecordAsync();
            Assert.Equal(before.Answered(401) + 1, after.Answered(401));
            Assert.Equal(before.Answered(302), after.Answered(302));
        }
    }

    [Fact]
    public async Task RedirectingHost_RecommendedPageTellsTheLoginPageFromASuccess()
    {
        var host = fixture.Redirecting;
        using var browser = fixture.NewBrowser();
        browser.SignIn(host, "alice", "/compose");
        browser.WaitForPage();
        var text = DraftStorage.LongMessage("redirect-guard");
        browser.Type("#body", text);
        browser.WaitUntil(() => browser.LocalStorage(DraftStorage.ComposeDraft("alice")), v => v?.Contains(text, StringComparison.Ordinal) == true, "the autosaved draft");
        await host.AdvanceClockAsync(PastTheSession);
        var before = await host.RecordAsync();
        browser.Click("#send");

        browser.WaitFor("#signin-dialog");
        browser.Screenshot("wasm-13-redirecting-host-guard-keeps-text");
        Assert.True((await host.RecordAsync()).Answered(302) > before.Answered(302));
        Assert.Equal(text, browser.ValueOf("#body"));
        WasmPages.AssertPlaintextDraft(browser.LocalStorage(DraftStorage.ComposeDraft("alice")), text);
        Assert.Equal(new[] { DraftStorage.ComposeDraft("alice") }, browser.DraftKeys());
    }

    [Fact]
    public void SignOut_RemovesTheDrafts_SoTheNextUserOfTheBrowserFindsNone()
    {
        var host = fixture.Fixed;
        using var browser = fixture.NewBrowser();
        browser.SignIn(host, "alice", "/compose");
        browser.WaitForPage();
        var text = DraftStorage.LongMessage("sign-out");
        browser.Type("#body", text);
        browser.WaitUntil(() => browser.LocalStorage(DraftStorage.ComposeDraft("alice")), v => v?.Contains(text, StringComparison.Ordinal) == true, "the autosaved draft");

        browser.Click("#signout");
        browser.WaitFor("#signed-out", WasmPages.WasmStart);
        Assert.Empty(browser.DraftKeys());

        browser.SignIn(host, "bob", "/compose");
        browser.WaitForPage();
        Assert.Equal("Signed in as bob", browser.TextOf("#who"));
        Assert.Equal(string.Empty, browser.ValueOf("#body"));
        Assert.Empty(browser.DraftKeys());
        browser.Screenshot("wasm-14-next-user-finds-no-draft");
    }

    [Fact]
    public async Task SignOutRightAfterTyping_LeavesNoneOfTheTextInTheBrowser()
    {
        var host = fixture.Fixed;
        using var browser = fixture.NewBrowser();
        browser.SignIn(host, "alice", "/compose");
        browser.WaitForPage();
        var text = DraftStorage.LongMessage("sign-out-right-after-typing");

        // Sign out at once: the last keystrokes still wait for the autosave's 400 ms when the drafts are
        // cleared, and the page is disposed (its autosave with it) right after.
        browser.Type("#body", text);
        browser.Click("#signout");
        browser.WaitFor("#signed-out", WasmPages.WasmStart);
        await Task.Delay(1_000); // longer than the autosave's delay: a save still pending would have landed

        var tag = text[..text.IndexOf(']', StringComparison.Ordinal)];
        Assert.DoesNotContain(browser.LocalStorageValues(), v => v.Contains(tag, StringComparison.Ordinal) || v.Contains("careful writing", StringComparison.Ordinal));
        Assert.Empty(browser.DraftKeys());
        browser.Screenshot("wasm-16-sign-out-right-after-typing-leaves-nothing");
    }

    [Fact]
    public async Task SessionExpiredWithoutSignOut_TheNextUserOfTheBrowserFindsNothingOfTheFirst()
    {
        var host = fixture.Fixed;
        using var browser = fixture.NewBrowser();
        browser.SignIn(host, "alice", "/compose");
        browser.WaitForPage();
        var text = DraftStorage.LongMessage("shared-browser");
        browser.Type("#body", text);
        browser.WaitUntil(() => browser.LocalStorage(DraftStorage.ComposeDraft("alice")), v => v?.Contains(text, StringComparison.Ordinal) == true, "the autosaved draft");
        Assert.Equal(new[] { DraftStorage.ComposeDraft("alice") }, browser.DraftKeys());

        // Alice walks away without signing out; her session expires; Bob signs in at the same browser.
        await host.AdvanceClockAsync(PastTheSession);
        browser.SignIn(host, "bob", "/compose");
        browser.WaitForPage();

        Assert.Equal("Signed in as bob", browser.TextOf("#who"));
        Assert.Equal(string.Empty, browser.ValueOf("#body"));
        Assert.Empty(browser.DraftKeys());
        var readable = browser.LocalStorageValues();
        var tag = text[..text.IndexOf(']', StringComparison.Ordinal)];
        Assert.DoesNotContain(readable, v => v.Contains(tag, StringComparison.Ordinal) || v.Contains(text, StringComparison.Ordinal));
        browser.Screenshot("wasm-15-next-user-finds-nothing-of-the-first");

        // Decided (docs/runtime.md, "Several people, one browser"): without encryption in the browser, the
        // only way to keep Alice's text from Bob was to remove it when he signed in. She finds none.
        browser.SignIn(host, "alice", "/compose");
        browser.WaitForPage();
        Assert.Equal("Signed in as alice", browser.TextOf("#who"));
        Assert.Equal(string.Empty, browser.ValueOf("#body"));
        Assert.Empty(browser.DraftKeys());
        Assert.Equal(0, (await host.RecordAsync()).CountOf(text));
    }
}
