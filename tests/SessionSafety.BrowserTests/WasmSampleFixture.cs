using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;
using OpenQA.Selenium.Chrome;

namespace SessionSafety.BrowserTests;

/// <summary>
/// The Blazor WebAssembly sample (samples/SessionSafety.Wasm), published once when this project is built,
/// run twice: as it ships — cookie authentication redirecting a signed-out script call to the login page
/// (what SESS004 reports) — and with SESS004's fix configured, answering 401/403 to script calls. Both on a
/// clock the tests move forward (sessions idle out after 8 hours, CSRF tokens after 1).
/// </summary>
public sealed class WasmSampleFixture : IAsyncLifetime
{
    public static readonly TimeSpan SessionIdleTimeout = TimeSpan.FromHours(8);
    public static readonly TimeSpan CsrfTokenLifetime = TimeSpan.FromHours(1);

    private readonly BrowserProfiles profiles = new();

    /// <summary>The host as the sample ships it: a signed-out POST /api/messages gets 302 to /login.</summary>
    public SampleHost Redirecting { get; private set; } = null!;

    /// <summary>The host with SESS004's fix: a signed-out script call gets 401.</summary>
    public SampleHost Fixed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var started = await Task.WhenAll(StartAsync(fixRedirects: false), StartAsync(fixRedirects: true));
        Redirecting = started[0];
        Fixed = started[1];
    }

    public async Task DisposeAsync()
    {
        await Redirecting.DisposeAsync();
        await Fixed.DisposeAsync();
        profiles.Dispose();
    }

    public ChromeDriver NewBrowser() => Chromium.Start(profiles.Next());

    private static async Task<SampleHost> StartAsync(bool fixRedirects)
    {
        var app = await AppProcess.StartAsync("wasm-sample", "SessionSafety.Wasm.Host.dll", new Dictionary<string, string>
        {
            ["Sample__TestEndpoints"] = "true",
            ["Session__IdleTimeout"] = SessionIdleTimeout.ToString(),
            ["Antiforgery__TokenLifetime"] = CsrfTokenLifetime.ToString(),
            ["Auth__ScriptCallsGetStatusCodes"] = fixRedirects ? "true" : "false",
        });
        return new SampleHost(app);
    }
}

/// <summary>One running host of the sample, and its test endpoints.</summary>
public sealed class SampleHost : IAsyncDisposable
{
    private readonly AppProcess app;
    private readonly HttpClient api;

    public SampleHost(AppProcess app)
    {
        this.app = app;
        api = new HttpClient { BaseAddress = app.Address };
    }

    public Uri Address => app.Address;

    public Uri Page(string path) => new(app.Address, path);

    /// <summary>Moves the server's clock (the browser's stays where it is).</summary>
    public async Task AdvanceClockAsync(TimeSpan by)
    {
        using var response = await api.PostAsync($"test/clock/advance?minutes={(int)by.TotalMinutes}", content: null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>What POST /api/messages has received and answered so far.</summary>
    public async Task<ServerRecord> RecordAsync() =>
        (await api.GetFromJsonAsync<ServerRecord>("test/messages"))!;

    public async ValueTask DisposeAsync()
    {
        api.Dispose();
        await app.DisposeAsync();
    }
}

public sealed record ReceivedMessage(string User, string Body);

public sealed record ServerRecord(ReceivedMessage[] Received, Dictionary<string, int> Statuses)
{
    public int Answered(int status) => Statuses.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var count) ? count : 0;

    public int CountOf(string body) => Received.Count(m => m.Body == body);
}
