using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using OpenQA.Selenium.Chrome;

namespace SessionSafety.BrowserTests;

/// <summary>
/// The Blazor Server test app (tests/SessionSafety.BrowserTests.App), started once for its tests with a
/// draft key of its own in its configuration (as docs/runtime.md tells a server app to keep it).
/// </summary>
public sealed class BlazorServerFixture : IAsyncLifetime
{
    private readonly BrowserProfiles profiles = new();
    private readonly byte[] draftKeyBytes = DraftEncryptionKey.GenerateKeyBytes();

    public AppProcess App { get; private set; } = null!;

    /// <summary>The key the app seals drafts with: the tests open the page's entries with it, as the app does.</summary>
    public DraftEncryptionKey DraftKey => DraftEncryptionKey.FromBytes(draftKeyBytes);

    public HttpClient Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await AppProcess.StartAsync("browser-app", "SessionSafety.BrowserTests.App", new Dictionary<string, string>
        {
            ["SessionSafety__DraftKey"] = Convert.ToBase64String(draftKeyBytes),
        });
        Api = new HttpClient { BaseAddress = App.Address };
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        await App.DisposeAsync();
        profiles.Dispose();
    }

    public ChromeDriver NewBrowser() => Chromium.Start(profiles.Next());
}
