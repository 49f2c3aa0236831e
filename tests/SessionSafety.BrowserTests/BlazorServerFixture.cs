using System;
using System.Net.Http;
using System.Threading.Tasks;
using OpenQA.Selenium.Chrome;

namespace SessionSafety.BrowserTests;

/// <summary>The Blazor Server test app (tests/SessionSafety.BrowserTests.App), started once for its tests.</summary>
public sealed class BlazorServerFixture : IAsyncLifetime
{
    private readonly BrowserProfiles profiles = new();

    public AppProcess App { get; private set; } = null!;

    public HttpClient Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await AppProcess.StartAsync("browser-app", "SessionSafety.BrowserTests.App");
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
