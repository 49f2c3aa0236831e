using System;
using System.Collections.Generic;
using System.Linq;

namespace SessionSafety.Benchmarks.Scaling;

/// <summary>The scaling mode's run: every shape's figures and the harness's own checks.</summary>
public sealed class ScalingResult
{
    /// <summary>N·log N grows with exponent ≈ 1.1 between 2k and 8k; a quadratic rule with 2.</summary>
    public const double MaxExponent = 1.2;

    public const double MaxMillisecondsAtLargest = 1000;

    /// <summary>The bar's exponent is taken from the first to the last of these; the time limit applies at the last.</summary>
    public static readonly IReadOnlyList<int> BarSizes = new[] { 2_000, 4_000, 8_000 };

    public ScalingResult(ScalingOptions options)
    {
        Options = options;
    }

    public ScalingOptions Options { get; }

    public string Environment { get; set; } = string.Empty;

    /// <summary>The commit the analyzers were built from (and whether the worktree had changes).</summary>
    public string Commit { get; set; } = string.Empty;

    public string LoadAtEnd { get; set; } = "?";

    public DateTime Started { get; set; }

    public TimeSpan Duration { get; set; }

    public List<ShapeFigures> Shapes { get; } = new();

    /// <summary>The harness's own checks: a shape that does not compile, an AD0001, a shape whose rule no longer reports what it should.</summary>
    public List<string> Failures { get; } = new();

    public bool IsJudged => BarSizes.All(Options.Sizes.Contains);

    public bool BarMet => Shapes.All(s => s.Bar(Options.Sizes, Options.TimeLimit).Met != false);

    public int ExitCode => Failures.Count > 0 ? 2 : BarMet ? 0 : 1;
}
