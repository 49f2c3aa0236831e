using System;
using System.IO;
using System.Linq;

namespace SessionSafety.EndToEnd.Tests;

/// <summary>
/// Packs the real SessionSafety package once per test run into a local folder feed. Each run gets its
/// own version, so NuGet's global cache can never hand a consumer a stale copy.
/// </summary>
public sealed class PackageFeed : IDisposable
{
    public PackageFeed()
    {
        RepositoryRoot = FindRepositoryRoot();
        WorkRoot = Path.Combine(Path.GetTempPath(), "sessionsafety-e2e-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        FeedDirectory = Path.Combine(WorkRoot, "feed");
        Directory.CreateDirectory(FeedDirectory);
        // The consumers' default draft store lives under the user's data folder: give them their own,
        // so that drafts from an earlier run can never leak into this one.
        Environment.SetEnvironmentVariable("XDG_DATA_HOME", Path.Combine(WorkRoot, "user-data"));
        Version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "." + Environment.ProcessId;

        var pack = DotNet.Run(
            RepositoryRoot,
            TimeSpan.FromMinutes(8),
            "pack", Path.Combine("src", "Package", "SessionSafety.Package.csproj"),
            "-c", "Release", "-o", FeedDirectory, $"-p:Version={Version}", "--disable-build-servers");
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException(pack.ToString());
        }

        PackagePath = Directory.GetFiles(FeedDirectory, "SessionSafety.*.nupkg").Single();
    }

    public string RepositoryRoot { get; }

    public string WorkRoot { get; }

    public string FeedDirectory { get; }

    public string Version { get; }

    public string PackagePath { get; }

    /// <summary>A fresh project folder with a nuget.config that adds the local feed to the machine's sources.</summary>
    public string NewProject(string name, string projectFile, params (string Path, string Text)[] files)
    {
        var directory = Path.Combine(WorkRoot, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="sessionsafety-local" value="{FeedDirectory}" />
              </packageSources>
            </configuration>
            """);
        // Keep the repository's Directory.Build.props and global.json out of the consumer's build.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), projectFile.Replace("$(SessionSafetyVersion)", Version, StringComparison.Ordinal));
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        return directory;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkRoot, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the temp folder is cleaned by the OS.
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SessionSafety.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("SessionSafety.sln not found above " + AppContext.BaseDirectory);
    }
}
