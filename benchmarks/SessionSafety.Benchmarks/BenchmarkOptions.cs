using System;
using System.Globalization;

namespace SessionSafety.Benchmarks;

/// <summary>What to run. The defaults are the documented run; <see cref="Quick"/> is the smoke test's.</summary>
public sealed record BenchmarkOptions
{
    /// <summary>The corpus size: whole units are generated until it has at least this many lines.</summary>
    public int Lines { get; init; } = 320_000;

    /// <summary>
    /// Measured repetitions; the figures are their medians. Five, not three: a garbage collection that
    /// starts inside a callback adds 100 ms or more to that analyzer, and in one three-repetition run on
    /// 120,000 lines two of SESS001's three figures carried one (219, 201, 103 ms), so the median did too.
    /// </summary>
    public int Repetitions { get; init; } = 5;

    /// <summary>Unmeasured passes before the repetitions.</summary>
    public int WarmUps { get; init; } = 1;

    /// <summary>How many diagnostics per code fix get a timed light-bulb computation.</summary>
    public int FixSamples { get; init; } = 60;

    public bool MeasureFixes { get; init; } = true;

    /// <summary>A tiny corpus, one repetition: proves the harness works, judges nothing.</summary>
    public bool IsQuick { get; init; }

    /// <summary>Write the figures into this docs/performance.md (between its figure markers).</summary>
    public string? UpdateDocs { get; init; }

    /// <summary>
    /// A copy of the analyzer assembly built under another name (<c>-p:AssemblyName=…</c>) to make the
    /// second ("again") instances from: they then share no static cache with the first ones, and a
    /// profile tells the two apart by assembly. An experiment's switch, not part of the documented run.
    /// </summary>
    public string? AgainFrom { get; init; }

    public static BenchmarkOptions Quick { get; } = new()
    {
        Lines = 5_000,
        Repetitions = 1,
        WarmUps = 0,
        FixSamples = 3,
        IsQuick = true,
    };

    public const string Usage = """
        Usage: dotnet run -c Release --project benchmarks/SessionSafety.Benchmarks [-- options]
          --lines N          corpus size in lines (default 320000)
          --repetitions N    measured repetitions, medians reported (default 5)
          --warmups N        unmeasured passes first (default 1)
          --fix-samples N    diagnostics per code fix timed one at a time (default 60)
          --no-fixes         skip the code-fix measurements
          --quick            tiny corpus, one repetition: checks the harness, judges no target
          --update-docs      write the figures into docs/performance.md
          --again-from PATH  make the "again" instances from this renamed copy of the analyzer
                             assembly (no shared static caches; told apart in a profile)
          --scaling          the scaling mode instead (issue #20; --help lists its options)
          --help             print this text
        Exit code: 0 targets met (or --quick), 1 a target missed, 2 the harness's own checks failed.
        """;

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    options = Quick with { UpdateDocs = options.UpdateDocs, MeasureFixes = options.MeasureFixes };
                    break;
                case "--lines":
                    options = options with { Lines = Number(args, ++i) };
                    break;
                case "--repetitions":
                    options = options with { Repetitions = Number(args, ++i) };
                    break;
                case "--warmups":
                    options = options with { WarmUps = Number(args, ++i, allowZero: true) };
                    break;
                case "--fix-samples":
                    options = options with { FixSamples = Number(args, ++i) };
                    break;
                case "--no-fixes":
                    options = options with { MeasureFixes = false };
                    break;
                case "--update-docs":
                    options = options with { UpdateDocs = "docs/performance.md" };
                    break;
                case "--again-from":
                    options = options with { AgainFrom = ++i < args.Length ? args[i] : throw new ArgumentException($"'--again-from' needs a path.\n{Usage}") };
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'.\n{Usage}");
            }
        }

        return options;
    }

    private static int Number(string[] args, int index, bool allowZero = false) =>
        index < args.Length && int.TryParse(args[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && (value > 0 || (allowZero && value == 0))
            ? value
            : throw new ArgumentException($"'{args[index - 1]}' needs a {(allowZero ? "non-negative" : "positive")} number.\n{Usage}");
}
