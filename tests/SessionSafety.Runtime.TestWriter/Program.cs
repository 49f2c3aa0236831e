using System;
using System.Diagnostics;
using System.Threading;
using SessionSafety;
using SessionSafety.Runtime.TestWriter;

// crash <dir> <keys> <first-iteration>
//   Saves iteration i under key "key-(i % keys)" with Payload.Create("i"), i = first, first+1, ...,
//   printing "i;" after each save returns, until it is killed.
// concurrent <dir> <process-tag> <threads> <saves-per-thread> <keys>
//   Each thread saves its own payloads over the shared keys; prints "done <count>;" at the end.
var mode = args[0];
var store = new FileDraftStore(new FileDraftStoreOptions { Directory = args[1] });
var problems = 0;
store.Problem += (_, e) =>
{
    Interlocked.Increment(ref problems);
    Console.Error.WriteLine($"problem: {e.Kind} {e.Operation} {e.Reason}");
};

var output = Console.Out;
if (mode == "crash")
{
    var keys = int.Parse(args[2]);
    var first = long.Parse(args[3]);

    // Warm up (JIT, file system) on a key the test does not check, so that the kills land in the
    // middle of the loop rather than in start-up.
    store.Save("warm-up", Payload.Create("warm-up", 5_000));
    store.TryLoad("warm-up");
    output.WriteLine("ready;");
    for (var i = first; ; i++)
    {
        var tag = i.ToString();
        store.Save("key-" + (i % keys), Payload.Create(tag, Payload.LengthFor(tag)));
        output.WriteLine(tag + ";");
    }
}

if (mode == "concurrent")
{
    var processTag = args[2];
    var threads = int.Parse(args[3]);
    var saves = int.Parse(args[4]);
    var keys = int.Parse(args[5]);
    var count = 0;
    using var start = new ManualResetEventSlim();
    var workers = new Thread[threads];
    for (var t = 0; t < threads; t++)
    {
        var thread = t;
        workers[t] = new Thread(() =>
        {
            start.Wait();
            for (var n = 0; n < saves; n++)
            {
                var tag = $"{processTag}.{thread}.{n}";
                // Short and long contents alike, so that writes overlap in every way.
                store.Save("shared-" + ((n + thread) % keys), Payload.Create(tag, n % 3 == 0 ? 20_000 + (n % 7) * 1_000 : 50 + n % 500));
                Interlocked.Increment(ref count);
            }
        });
        workers[t].Start();
    }

    output.WriteLine("ready;");
    var watch = Stopwatch.StartNew();
    start.Set();
    foreach (var worker in workers)
    {
        worker.Join();
    }

    output.WriteLine($"done {count} {watch.ElapsedMilliseconds} {problems};");
    return problems == 0 ? 0 : 3;
}

return 2;
