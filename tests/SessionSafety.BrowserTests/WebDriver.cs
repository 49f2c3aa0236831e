using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace SessionSafety.BrowserTests;

/// <summary>
/// Just enough of the W3C WebDriver protocol to drive chromium through chromedriver: sessions,
/// navigation, elements, keys, clicks, properties and scripts.
/// </summary>
public sealed class ChromeDriver : IAsyncDisposable
{
    private const string ElementKey = "element-6066-11e4-a52e-4f735466cecf";

    private readonly Process process;
    private readonly HttpClient http;

    private ChromeDriver(Process process, Uri address)
    {
        this.process = process;
        http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public static async Task<ChromeDriver> StartAsync()
    {
        EnsureBrowserInstalled();
        var executable = Find("chromedriver") ?? throw new InvalidOperationException(
            "chromedriver is not installed: run tests/SessionSafety.BrowserTests/install-chromium.sh");
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo(executable, $"--port={port}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var driver = new ChromeDriver(process, new Uri($"http://127.0.0.1:{port}/"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                var status = await driver.http.GetFromJsonAsync<JsonObject>("status");
                if (status?["value"]?["ready"]?.GetValue<bool>() == true)
                {
                    return driver;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("chromedriver did not start");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// A fresh machine has only the .NET SDK: the tests install Debian's chromium and chromedriver with
    /// the project's own script the first time they need them (as root; otherwise they say what to run).
    /// </summary>
    private static void EnsureBrowserInstalled()
    {
        lock (InstallLock)
        {
            if ((Find("chromedriver") is not null && Find("chromium") is not null) || Environment.UserName != "root")
            {
                return;
            }

            var script = FindInstallScript();
            if (script is null)
            {
                return;
            }

            using var install = Process.Start(new ProcessStartInfo("sh", script)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var output = install.StandardOutput.ReadToEndAsync();
            var errors = install.StandardError.ReadToEndAsync();
            if (!install.WaitForExit((int)TimeSpan.FromMinutes(10).TotalMilliseconds))
            {
                install.Kill(entireProcessTree: true);
            }

            if (install.ExitCode != 0)
            {
                throw new InvalidOperationException($"{script} failed ({install.ExitCode}):\n{output.Result}\n{errors.Result}");
            }
        }
    }

    private static readonly object InstallLock = new();

    private static string? FindInstallScript()
    {
        for (var directory = new System.IO.DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "tests", "SessionSafety.BrowserTests", "install-chromium.sh");
            if (System.IO.File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public async Task<BrowserSession> NewSessionAsync(string userDataDirectory)
    {
        var chromium = Find("chromium") ?? throw new InvalidOperationException(
            "chromium is not installed: run tests/SessionSafety.BrowserTests/install-chromium.sh");
        var body = new JsonObject
        {
            ["capabilities"] = new JsonObject
            {
                ["alwaysMatch"] = new JsonObject
                {
                    ["browserName"] = "chrome",
                    ["goog:chromeOptions"] = new JsonObject
                    {
                        ["binary"] = chromium,
                        ["args"] = new JsonArray("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--user-data-dir=" + userDataDirectory),
                    },
                },
            },
        };
        var value = await SendAsync(HttpMethod.Post, "session", body);
        return new BrowserSession(this, value!["sessionId"]!.GetValue<string>());
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        try
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }

    internal async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            // With a length, not chunked: chromedriver's server drops chunked requests.
            request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var json = await response.Content.ReadFromJsonAsync<JsonObject>();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"WebDriver {method} {path}: {(int)response.StatusCode} {json?["value"]?.ToJsonString()}");
        }

        return json?["value"];
    }

    internal static string ElementId(JsonNode? element) =>
        element?[ElementKey]?.GetValue<string>() ?? throw new InvalidOperationException("Not a WebDriver element: " + element?.ToJsonString());

    private static string? Find(string name)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':'))
        {
            var candidate = System.IO.Path.Combine(folder, name);
            if (System.IO.File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>One browser (its own profile, so its own localStorage).</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly ChromeDriver driver;
    private readonly string id;

    internal BrowserSession(ChromeDriver driver, string id)
    {
        this.driver = driver;
        this.id = id;
    }

    public Task NavigateAsync(Uri url) => driver.SendAsync(HttpMethod.Post, $"session/{id}/url", new JsonObject { ["url"] = url.ToString() });

    public async Task<string?> FindAsync(string css)
    {
        var value = await driver.SendAsync(HttpMethod.Post, $"session/{id}/elements", new JsonObject { ["using"] = "css selector", ["value"] = css });
        var elements = value!.AsArray();
        return elements.Count == 0 ? null : ChromeDriver.ElementId(elements[0]);
    }

    public async Task<string> WaitForAsync(string css, TimeSpan? timeout = null) =>
        (await WaitUntilAsync(() => FindAsync(css), e => e is not null, timeout, $"element {css}"))!;

    public Task TypeAsync(string element, string text) =>
        driver.SendAsync(HttpMethod.Post, $"session/{id}/element/{element}/value", new JsonObject { ["text"] = text });

    public Task ClickAsync(string element) =>
        driver.SendAsync(HttpMethod.Post, $"session/{id}/element/{element}/click", new JsonObject());

    public async Task<string?> ValueOfAsync(string css)
    {
        var element = await FindAsync(css);
        if (element is null)
        {
            return null;
        }

        var value = await driver.SendAsync(HttpMethod.Get, $"session/{id}/element/{element}/property/value");
        return value?.GetValue<string>();
    }

    public async Task<string?> TextOfAsync(string css)
    {
        var element = await FindAsync(css);
        return element is null ? null : (await driver.SendAsync(HttpMethod.Get, $"session/{id}/element/{element}/text"))?.GetValue<string>();
    }

    public async Task<JsonNode?> ExecuteAsync(string script, params string[] args)
    {
        var arguments = new JsonArray();
        foreach (var arg in args)
        {
            arguments.Add(arg);
        }

        return await driver.SendAsync(HttpMethod.Post, $"session/{id}/execute/sync", new JsonObject { ["script"] = script, ["args"] = arguments });
    }

    public async Task<string?> LocalStorageAsync(string key) =>
        (await ExecuteAsync("return window.localStorage.getItem(arguments[0]);", key))?.GetValue<string>();

    public async Task<T> WaitUntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, string what = "condition")
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        T last;
        do
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"Timed out waiting for {what}; last seen: {JsonSerializer.Serialize(last)}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await driver.SendAsync(HttpMethod.Delete, $"session/{id}");
        }
        catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException)
        {
        }
    }
}
