using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SessionSafety.Runtime.Tests.Infrastructure;
using SessionSafety.Runtime.TestWriter;
using Xunit.Abstractions;

namespace SessionSafety.Runtime.Tests;

/// <summary>Two processes × four threads × 1,000 saves over the same keys, while this process keeps reading.</summary>
public sealed class ConcurrentWriterTests : IDisposable
{
    private const int Processes = 2;
    private const int Threads = 4;
    private const int SavesPerThread = 1_000;
    private const int Keys = 12;

    private readonly TempDirectory temp = new();
    private readonly ITestOutputHelper output;

    public ConcurrentWriterTests(ITestOutputHelper output) => this.output = output;

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task ConcurrentWritersInTwoProcesses_NeverTearAFile()
    {
        var folder = temp.Combine("drafts");
        var reader = new FileDraftStore(folder);
        var problems = new List<DraftProblemEventArgs>();
        reader.Problem += (_, e) => { lock (problems) problems.Add(e); };
        var watch = Stopwatch.StartNew();

        var children = Enumerable.Range(0, Processes)
            .Select(p => ChildWriter.Start("concurrent", folder, "p" + p, Threads.ToString(), SavesPerThread.ToString(), Keys.ToString()))
            .ToArray();
        try
        {
            await Task.WhenAll(children.Select(c => c.Ready.WaitAsync(TimeSpan.FromSeconds(30))));

            // Read while they write: every read is whole or absent (not yet written), never torn.
            var reads = 0;
            var exited = Task.WhenAll(children.Select(c => c.WaitForExitAsync()));
            while (!exited.IsCompleted)
            {
                for (var key = 0; key < Keys; key++)
                {
                    var draft = reader.TryLoad("shared-" + key);
                    if (draft is not null)
                    {
                        Assert.True(Payload.TryParse(draft.Content, out _), $"torn read of shared-{key}");
                        reads++;
                    }
                }
            }

            await exited.WaitAsync(TimeSpan.FromMinutes(2));
            var totals = children.Select(c => c.Lines.Single()).ToArray();
            foreach (var child in children)
            {
                Assert.True(child.ExitCode == 0, "writer failed: " + string.Join("\n", child.Errors));
            }

            var saves = totals.Sum(t => int.Parse(t.Split(' ')[1]));
            Assert.Equal(Processes * Threads * SavesPerThread, saves);

            var final = await reader.ListAsync();
            Assert.Equal(Keys, final.Count);
            for (var key = 0; key < Keys; key++)
            {
                var draft = reader.TryLoad("shared-" + key);
                Assert.NotNull(draft);
                Assert.True(Payload.TryParse(draft!.Content, out var tag));
                Assert.Matches("^p[01]\\.[0-3]\\.\\d+$", tag);
            }

            Assert.Empty(problems);
            Assert.Empty(Directory.GetFiles(folder, "*.corrupt"));
            Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
            Assert.Equal(Keys, Directory.GetFiles(folder).Length);
            output.WriteLine($"{saves} saves by {Processes} processes x {Threads} threads in {watch.Elapsed.TotalSeconds:F1} s; {reads} concurrent reads, none torn; writer timings: {string.Join(" | ", totals)}");
        }
        finally
        {
            foreach (var child in children)
            {
                child.Dispose();
            }
        }
    }

    [Fact]
    public async Task ConcurrentThreadsInOneProcess_KeepTheStoreReadable()
    {
        var store = new FileDraftStore(temp.Combine("threads"));
        var problems = 0;
        store.Problem += (_, _) => Interlocked.Increment(ref problems);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            for (var n = 0; n < 150; n++)
            {
                var key = "k" + (n % 3);
                await store.SaveAsync(key, Payload.Create($"t{t}.{n}", 100 + n));
                var draft = await store.TryLoadAsync(key);
                Assert.True(draft is null || Payload.TryParse(draft.Content, out _));
                if (n % 25 == 0)
                {
                    await store.RemoveAsync(key);
                    await store.ListAsync();
                }
            }
        })));

        Assert.Equal(0, problems);
        Assert.Empty(Directory.GetFiles(store.Directory, "*.corrupt"));
    }
}
