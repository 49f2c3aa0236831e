using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SessionSafety.Runtime.Tests.Infrastructure;
using SessionSafety.Runtime.TestWriter;
using Xunit.Abstractions;

namespace SessionSafety.Runtime.Tests;

/// <summary>
/// A child process saves drafts in a loop and is killed (SIGKILL) at random moments, over and over.
/// After every kill each key must load either the value of its last confirmed save or the value of
/// the one save that may have been in flight — never a torn, empty, older or unreadable one.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private const int Kills = 200;
    private const int Keys = 6;

    private readonly TempDirectory temp = new();
    private readonly ITestOutputHelper output;

    public CrashSafetyTests(ITestOutputHelper output) => this.output = output;

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task WriterKilledAtRandomMoments_LeavesPreviousOrNewDraftForEveryKey()
    {
        var watch = Stopwatch.StartNew();

        // Two lanes, each with its own folder, so that one process starts while the other is killed.
        var lanes = await Task.WhenAll(
            Task.Run(() => RunLaneAsync(temp.Combine("lane-0"), seed: 1, kills: Kills / 2)),
            Task.Run(() => RunLaneAsync(temp.Combine("lane-1"), seed: 2, kills: Kills - (Kills / 2))));

        var kills = lanes.Sum(l => l.Kills);
        var saves = lanes.Sum(l => l.ConfirmedSaves);
        var midWrite = lanes.Sum(l => l.KillsMidWrite);
        var landed = lanes.Sum(l => l.InFlightLanded);
        output.WriteLine($"{kills} kills survived in {watch.Elapsed.TotalSeconds:F1} s; {saves} confirmed saves; " +
            $"{midWrite} kills left a half-written temporary file; {landed} in-flight saves had landed before the kill.");

        // Only worth something if the kills really landed in the middle of writes.
        Assert.Equal(Kills, kills);
        Assert.True(midWrite >= Kills / 5, $"only {midWrite} of {Kills} kills interrupted a write");
        Assert.True(saves >= Kills, $"only {saves} saves were confirmed");
    }

    private static async Task<LaneResult> RunLaneAsync(string folder, int seed, int kills)
    {
        var random = new Random(seed);
        var confirmed = new long?[Keys];
        var next = 0L;
        var result = new LaneResult { Kills = 0 };

        for (var kill = 0; kill < kills; kill++)
        {
            using var child = ChildWriter.Start("crash", folder, Keys.ToString(), next.ToString());
            await child.Ready.WaitAsync(TimeSpan.FromSeconds(30));
            var tempFilesBefore = Directory.GetFiles(folder, "*.tmp").Length;

            // A random moment: mostly within the first few writes, sometimes after dozens.
            var wait = random.Next(5) == 0 ? random.Next(20, 80) : random.Next(0, 20);
            if (wait > 0)
            {
                await Task.Delay(wait);
            }

            await child.KillAsync();
            Assert.NotEqual(0, child.ExitCode);
            result.Kills++;

            var lines = child.Lines.ToArray();
            for (var i = 0; i < lines.Length; i++)
            {
                var iteration = long.Parse(lines[i]);
                Assert.Equal(next + i, iteration);
                confirmed[iteration % Keys] = iteration;
            }

            var inFlight = next + lines.Length;
            result.ConfirmedSaves += lines.Length;
            if (Directory.GetFiles(folder, "*.tmp").Length > tempFilesBefore)
            {
                result.KillsMidWrite++;
            }

            var store = new FileDraftStore(folder);
            var problems = new List<DraftProblemEventArgs>();
            store.Problem += (_, e) => problems.Add(e);
            for (var key = 0; key < Keys; key++)
            {
                var draft = store.TryLoad("key-" + key);
                var allowed = new List<long?> { confirmed[key] };
                if (inFlight % Keys == key)
                {
                    allowed.Add(inFlight);
                }

                if (draft is null)
                {
                    Assert.True(confirmed[key] is null, $"{folder} kill {kill}: key {key} lost its draft {confirmed[key]}");
                    continue;
                }

                Assert.True(Payload.TryParse(draft.Content, out var tag), $"{folder} kill {kill}: key {key} holds a torn draft ({draft.Content.Length} chars)");
                var loaded = long.Parse(tag);
                Assert.True(allowed.Contains(loaded), $"{folder} kill {kill}: key {key} holds {loaded}; allowed {string.Join(", ", allowed)}");
                if (loaded == inFlight)
                {
                    result.InFlightLanded++;
                    confirmed[key] = inFlight;
                }
            }

            Assert.Empty(problems);
            Assert.Empty(Directory.GetFiles(folder, "*.corrupt"));
            next = inFlight + 1;
        }

        return result;
    }

    private sealed class LaneResult
    {
        public int Kills { get; set; }

        public long ConfirmedSaves { get; set; }

        public int KillsMidWrite { get; set; }

        public int InFlightLanded { get; set; }
    }
}
