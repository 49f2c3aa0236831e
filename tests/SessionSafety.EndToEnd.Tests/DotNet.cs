using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace SessionSafety.EndToEnd.Tests;

/// <summary>Runs the real <c>dotnet</c> CLI, isolated from the MSBuild environment of the test run.</summary>
internal static class DotNet
{
    public static ProcessResult Run(string workingDirectory, params string[] arguments) =>
        Run(workingDirectory, TimeSpan.FromMinutes(5), arguments);

    public static ProcessResult Run(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // `dotnet test` sets MSBuild variables that would point the child build at the wrong SDK pieces.
        foreach (var name in start.Environment.Keys.Where(IsInheritedBuildVariable).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit((int)timeout.TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(" ", arguments)} did not finish in {timeout}:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return new ProcessResult(process.ExitCode, output.ToString(), $"dotnet {string.Join(" ", arguments)}");
        }
    }

    private static bool IsInheritedBuildVariable(string name) =>
        name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
        || name.Equals("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase);
}

internal sealed record ProcessResult(int ExitCode, string Output, string Command)
{
    /// <summary>The diagnostics of the given ID that the build printed, de-duplicated (MSBuild repeats them in its summary).</summary>
    public IReadOnlyList<string> Diagnostics(string id) =>
        Output.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Contains($": warning {id}:", StringComparison.Ordinal) || line.Contains($": error {id}:", StringComparison.Ordinal))
            .Select(line => line.Substring(0, line.IndexOf(": ", StringComparison.Ordinal)))
            .Select(location => Path.GetFileName(location))
            .Distinct()
            .ToList();

    public override string ToString() => $"{Command} exited {ExitCode}:\n{Output}";
}
