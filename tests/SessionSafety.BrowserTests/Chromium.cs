using System;
using System.Diagnostics;
using System.IO;
using OpenQA.Selenium.Chrome;

namespace SessionSafety.BrowserTests;

/// <summary>
/// Debian's chromium driven through Debian's chromedriver by Selenium. Both paths are given explicitly, so
/// Selenium Manager never runs (it would try to download a driver); a machine without them fails the
/// tests with the command that installs them.
/// </summary>
public static class Chromium
{
    public const string BrowserPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private static readonly object InstallLock = new();

    /// <summary>A browser with its own new profile (so its own cookies and localStorage).</summary>
    public static ChromeDriver Start(string profileDirectory)
    {
        EnsureInstalled();
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        options.AddArguments(
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            // Without these chromium calls home at start and its connections are refused here.
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1100,900",
            "--user-data-dir=" + profileDirectory);
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// A fresh machine has only the .NET SDK: as root, the tests install Debian's chromium and chromedriver
    /// with the project's script the first time they need them; otherwise they fail and say what to run.
    /// </summary>
    private static void EnsureInstalled()
    {
        lock (InstallLock)
        {
            if (File.Exists(BrowserPath) && File.Exists(DriverPath))
            {
                return;
            }

            var script = FindInstallScript();
            if (Environment.UserName == "root" && script is not null)
            {
                Run("sh", script);
            }

            if (!File.Exists(BrowserPath) || !File.Exists(DriverPath))
            {
                throw new InvalidOperationException(
                    $"{BrowserPath} and {DriverPath} are needed: run tests/SessionSafety.BrowserTests/install-chromium.sh (as root).");
            }
        }
    }

    private static void Run(string command, string argument)
    {
        using var process = Process.Start(new ProcessStartInfo(command, argument)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit((int)TimeSpan.FromMinutes(10).TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{argument} failed ({process.ExitCode}):\n{output.Result}\n{errors.Result}");
        }
    }

    private static string? FindInstallScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "SessionSafety.BrowserTests", "install-chromium.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
