using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace SessionSafety.Runtime.Tests.Infrastructure;

/// <summary>Runs the TestWriter program as a separate process and collects its ";"-terminated lines.</summary>
public sealed class ChildWriter : IDisposable
{
    private readonly Process process;
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildWriter(Process process)
    {
        this.process = process;
    }

    /// <summary>Complete lines (the ";" terminator removed), in order; a line cut by the kill is not here.</summary>
    public ConcurrentQueue<string> Lines { get; } = new();

    public ConcurrentQueue<string> Errors { get; } = new();

    public Task Ready => ready.Task;

    public int ExitCode => process.ExitCode;

    public static ChildWriter Start(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "SessionSafety.Runtime.TestWriter.dll");
        // The same dotnet host that runs the tests (the testhost runs under it), else the one on PATH.
        var host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The writer runs on the test assembly's runtime configuration and dependencies (which hold the
        // writer itself as a project reference), so the same framework and library versions load.
        var self = Path.Combine(AppContext.BaseDirectory, "SessionSafety.Runtime.Tests");
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add("--runtimeconfig");
        info.ArgumentList.Add(self + ".runtimeconfig.json");
        info.ArgumentList.Add("--depsfile");
        info.ArgumentList.Add(self + ".deps.json");
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Start fast: these processes live for milliseconds.
        info.Environment["DOTNET_TieredPGO"] = "0";
        info.Environment["DOTNET_TC_QuickJitForLoops"] = "1";
        info.Environment["DOTNET_ReadyToRun"] = "1";
        var process = new Process { StartInfo = info };
        var child = new ChildWriter(process);
        process.Start();
        _ = Task.Run(child.PumpAsync);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                child.Errors.Enqueue(e.Data);
            }
        };
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>SIGKILL on Unix (Process.Kill), TerminateProcess on Windows: no chance to clean up.</summary>
    public async Task KillAsync()
    {
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        await process.WaitForExitAsync();
        await outputClosed.Task;
    }

    public async Task WaitForExitAsync()
    {
        await process.WaitForExitAsync();
        await outputClosed.Task;
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }

    private async Task PumpAsync()
    {
        var reader = process.StandardOutput;
        var pending = new System.Text.StringBuilder();
        var buffer = new char[4096];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer, 0, buffer.Length)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    var c = buffer[i];
                    if (c == '\n')
                    {
                        var line = pending.ToString();
                        pending.Clear();
                        if (line.EndsWith(';'))
                        {
                            line = line.Substring(0, line.Length - 1);
                            if (line == "ready")
                            {
                                ready.TrySetResult();
                            }
                            else
                            {
                                Lines.Enqueue(line);
                            }
                        }
                    }
                    else
                    {
                        pending.Append(c);
                    }
                }
            }
        }
        finally
        {
            ready.TrySetException(new InvalidOperationException("The child exited before it was ready: " + string.Join("\n", Errors)));
            outputClosed.TrySetResult();
        }
    }
}
