using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace SessionSafety.BrowserTests;

/// <summary>
/// What SessionSafety's analyzers report on the WebAssembly sample's client and host, read from the compiler's
/// logs of the build that produced the app the browser tests run (samples/SessionSafety.Wasm/Client and Host
/// write them).
/// </summary>
public sealed class WasmSampleAnalyzerTests
{
    private static readonly Finding[] Findings = ReadLog("sessionsafety.sarif");
    private static readonly Finding[] HostFindings = ReadLog("host.sarif");

    [Fact]
    public void NaiveComposePage_Reports()
    {
        var naive = Findings.Where(f => f.File.EndsWith("/Pages/NaiveCompose.razor", StringComparison.Ordinal)).ToArray();

        Assert.Equal(["SESS001", "SESS002"], naive.Select(f => f.Rule).Order(StringComparer.Ordinal));
        Assert.Contains("Http.PostAsJsonAsync(", naive.Single(f => f.Rule == "SESS001").LineText, StringComparison.Ordinal);
        Assert.Contains("Navigation.NavigateTo(\"/login", naive.Single(f => f.Rule == "SESS002").LineText, StringComparison.Ordinal);
    }

    [Fact]
    public void RecommendedComposePageAndTheRestOfTheClient_DoNotReport()
    {
        var elsewhere = Findings.Where(f => !f.File.EndsWith("/Pages/NaiveCompose.razor", StringComparison.Ordinal));

        Assert.Empty(elsewhere);
    }

    /// <summary>
    /// The host redirects a signed-out script call to its login page as it ships (its fix is registered only when
    /// configuration asks for it): SESS004 on its AddCookie, naming the save endpoint; nothing else on the host.
    /// </summary>
    [Fact]
    public void RedirectingHost_ReportsSess004AtAddCookie()
    {
        var finding = Assert.Single(HostFindings);

        Assert.Equal("SESS004", finding.Rule);
        Assert.EndsWith("/Auth/AuthenticationSetup.cs", finding.File, StringComparison.Ordinal);
        Assert.Contains(".AddCookie(", finding.LineText, StringComparison.Ordinal);
        Assert.Contains("POST /api/messages (MessageEndpoints.cs:", finding.Message, StringComparison.Ordinal);
    }

    private static Finding[] ReadLog(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "wasm-sample-analyzers", name);
        Assert.True(File.Exists(path), $"{path} was not copied (the test project's build copies the sample's compiler logs)");
        using var log = JsonDocument.Parse(File.ReadAllText(path));
        return log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("ruleId").GetString()!.StartsWith("SESS", StringComparison.Ordinal))
            .Select(r =>
            {
                var location = r.GetProperty("locations")[0].GetProperty("physicalLocation");
                var file = new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath;
                var line = location.GetProperty("region").GetProperty("startLine").GetInt32();
                return new Finding(r.GetProperty("ruleId").GetString()!, file, File.ReadLines(file).ElementAt(line - 1), r.GetProperty("message").GetProperty("text").GetString()!);
            })
            .ToArray();
    }

    private sealed record Finding(string Rule, string File, string LineText, string Message);
}
