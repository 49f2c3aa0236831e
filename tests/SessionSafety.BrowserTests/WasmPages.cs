using System;
using System.Text.Json;
using OpenQA.Selenium;

namespace SessionSafety.BrowserTests;

/// <summary>How the tests use the WebAssembly sample's pages, and what they expect to find in localStorage.</summary>
public static class WasmPages
{
    public static readonly TimeSpan WasmStart = TimeSpan.FromSeconds(60);

    /// <summary>Signs in through the host's sign-in page, which then opens <paramref name="returnPath"/>.</summary>
    public static void SignIn(this IWebDriver browser, SampleHost host, string user, string returnPath)
    {
        browser.Navigate().GoToUrl(host.Page("login?returnUrl=" + Uri.EscapeDataString(returnPath)));
        browser.FillSignInForm(user);
        browser.WaitUntil(() => new Uri(browser.Url).AbsolutePath, p => p == returnPath, "the page after sign-in");
    }

    /// <summary>Fills and submits the sign-in page already open.</summary>
    public static void FillSignInForm(this IWebDriver browser, string user)
    {
        browser.Type("#userName", user);
        browser.Type("#password", user + "-password");
        browser.Click("#signin");
    }

    /// <summary>Waits until the WebAssembly page has started and read its draft.</summary>
    public static void WaitForPage(this IWebDriver browser) => browser.WaitFor("#ready", WasmStart);

    public static string PathOf(this IWebDriver browser) => new Uri(browser.Url).AbsolutePath;

    /// <summary>
    /// The draft as the browser store keeps it at rest: a versioned JSON entry with the draft key, the save
    /// time, a checksum and the content — the message as JSON, in plaintext. There is no encryption in the
    /// browser (docs/runtime.md, "Encryption at rest"): the test states it instead of pretending.
    /// </summary>
    public static void AssertPlaintextDraft(string? stored, string body)
    {
        Assert.NotNull(stored);
        using var entry = JsonDocument.Parse(stored);
        var root = entry.RootElement;
        Assert.Equal(1, root.GetProperty("v").GetInt32());
        Assert.Equal("Compose.SendAsync", root.GetProperty("key").GetString());
        Assert.True(root.GetProperty("savedAt").GetInt64() > 0);
        Assert.Equal(64, root.GetProperty("sha256").GetString()!.Length);
        using var content = JsonDocument.Parse(root.GetProperty("content").GetString()!);
        Assert.Equal(body, content.RootElement.GetProperty("body").GetString());
        Assert.Contains(body, stored, StringComparison.Ordinal);
    }
}
