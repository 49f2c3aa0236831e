using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SessionSafety.Benchmarks.Scaling;

/// <summary>What the scaling mode (<c>--scaling</c>, issue #20) runs: which shapes, at which sizes, how often, for how long.</summary>
public sealed record ScalingOptions
{
    /// <summary>The sizes the bar is defined on (issue #20): 1k, 2k, 4k and 8k.</summary>
    public static readonly IReadOnlyList<int> DefaultSizes = new[] { 1_000, 2_000, 4_000, 8_000 };

    /// <summary>Shape selectors (a rule ID, a shape name, or <c>RULE/name</c>); empty: every shape.</summary>
    public IReadOnlyList<string> Shapes { get; init; } = Array.Empty<string>();

    public IReadOnlyList<int> Sizes { get; init; } = DefaultSizes;

    /// <summary>Measured passes per size; the figure is their median.</summary>
    public int Repetitions { get; init; } = 5;

    /// <summary>Unmeasured passes per shape first, at a small size (JIT, first type look-ups).</summary>
    public int WarmUps { get; init; } = 1;

    /// <summary>
    /// A pass that runs longer is cancelled, reported as "&gt; limit", and the shape's larger sizes are
    /// not run: the mode ends in bounded time even on quadratic code.
    /// </summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A size stops repeating once the rule took longer in a pass: its noise is far below any bar it
    /// could meet, and five passes of a quadratic rule at 4k would take minutes. (A size also stops once
    /// its passes together took the <see cref="TimeLimit"/>.)
    /// </summary>
    public TimeSpan RepeatBelow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Write the table into this block of docs/performance.md ("before" or "after").</summary>
    public string? DocsBlock { get; init; }

    /// <summary>The arguments as given, for the command line printed with the figures.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = Array.Empty<string>();

    public const string Usage = """
        Scaling mode (issue #20): each rule's worst shapes at growing sizes, with the growth exponent.
          dotnet run -c Release --project benchmarks/SessionSafety.Benchmarks -- --scaling [options]
          --shapes LIST        shapes to run: rule IDs, shape names or RULE/name, comma-separated
                               (default: all; --list-shapes prints them)
          --sizes LIST         sizes N, comma-separated, ascending (default 1000,2000,4000,8000)
          --repetitions N      measured passes per size, median reported (default 5; fewer once
                               the rule took over 10 s in a pass or the size's passes took the
                               time limit)
          --warmups N          unmeasured passes per shape at a small size first (default 1)
          --time-limit S       seconds a pass may take; a longer one is stopped and reported as
                               "> S s", and the shape's larger sizes are skipped (default 60)
          --list-shapes        print the shapes and exit
          --scaling-docs B     write the table into docs/performance.md, block B (before or after);
                               implies --scaling
        Bar (judged when the sizes include 2000, 4000 and 8000): the rule's time grows no faster than
        N log N between 2k and 8k (exponent log4(t(8k)/t(2k)) <= 1.2) and stays <= 1 s at 8k.
        Exit code: 0 bar met (or not judged), 1 bar missed, 2 the harness's own checks failed.
        """;

    /// <summary>Whether the arguments ask for the scaling mode rather than the documented run.</summary>
    public static bool IsRequested(IReadOnlyList<string> args) =>
        args.Contains("--scaling") || args.Contains("--scaling-docs");

    public static ScalingOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ScalingOptions { Arguments = args.ToList() };
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--scaling":
                case "--list-shapes":
                    break;
                case "--shapes":
                    options = options with { Shapes = List(args, ++i) };
                    break;
                case "--sizes":
                    options = options with { Sizes = SizeList(args, ++i) };
                    break;
                case "--repetitions":
                    options = options with { Repetitions = Number(args, ++i) };
                    break;
                case "--warmups":
                    options = options with { WarmUps = Number(args, ++i, allowZero: true) };
                    break;
                case "--time-limit":
                    options = options with { TimeLimit = TimeSpan.FromSeconds(Number(args, ++i)) };
                    break;
                case "--scaling-docs":
                    options = options with
                    {
                        DocsBlock = ++i < args.Count && args[i] is "before" or "after"
                            ? args[i]
                            : throw new ArgumentException($"'--scaling-docs' needs 'before' or 'after'.\n{Usage}"),
                    };
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}' for the scaling mode.\n{Usage}");
            }
        }

        return options;
    }

    private static IReadOnlyList<string> List(IReadOnlyList<string> args, int index) =>
        index < args.Count && args[index].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } items
            ? items
            : throw new ArgumentException($"'{args[index - 1]}' needs a comma-separated list.\n{Usage}");

    private static IReadOnlyList<int> SizeList(IReadOnlyList<string> args, int index)
    {
        var sizes = List(args, index).Select(item => int.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"'--sizes' needs positive numbers, not '{item}'.\n{Usage}")).ToList();
        return sizes.Zip(sizes.Skip(1)).All(p => p.First < p.Second)
            ? sizes
            : throw new ArgumentException($"'--sizes' must be ascending.\n{Usage}");
    }

    private static int Number(IReadOnlyList<string> args, int index, bool allowZero = false) =>
        index < args.Count && int.TryParse(args[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && (value > 0 || (allowZero && value == 0))
            ? value
            : throw new ArgumentException($"'{args[index - 1]}' needs a {(allowZero ? "non-negative" : "positive")} number.\n{Usage}");
}
