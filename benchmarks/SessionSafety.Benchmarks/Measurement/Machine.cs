using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace SessionSafety.Benchmarks.Measurement;

/// <summary>Where the figures were taken: the machine, its load (it is shared), the repository and its commit.</summary>
internal static class Machine
{
    /// <summary>Roslyn, .NET, OS, cores and the load average: the line printed with every set of figures.</summary>
    public static string Describe()
    {
        var roslyn = typeof(Compilation).Assembly.GetName().Version;
        var load = LoadAverage() is { } average ? $", load average {average}" : string.Empty;
        return $"Roslyn {roslyn}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores{load}";
    }

    /// <summary>The 1-minute load average (what <c>uptime</c> prints first), or null where the OS does not say.</summary>
    public static string? LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null;

    /// <summary>The repository root: the first folder above the current one that holds SessionSafety.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SessionSafety.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run from inside the repository: SessionSafety.sln not found above the current directory.");
    }

    /// <summary>The checked-out commit (short hash), with a note when tracked files have changes; "unknown" without git.</summary>
    public static string Commit()
    {
        try
        {
            var root = RepositoryRoot();
            var hash = Git(root, "rev-parse --short HEAD");
            return hash.Length == 0 ? "unknown" : Git(root, "status --porcelain --untracked-files=no").Length > 0 ? $"{hash} with uncommitted changes" : hash;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private static string Git(string directory, string arguments)
    {
        var start = new ProcessStartInfo("git", arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("git did not start.");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Trim() : string.Empty;
    }
}
