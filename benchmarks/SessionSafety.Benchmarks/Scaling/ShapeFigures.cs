using System;
using System.Collections.Generic;
using System.Linq;

namespace SessionSafety.Benchmarks.Scaling;

/// <summary>One shape at every size it ran, and its verdict against the bar.</summary>
public sealed class ShapeFigures
{
    public ShapeFigures(ScalingShape shape)
    {
        Shape = shape;
    }

    public ScalingShape Shape { get; }

    /// <summary>The machine's load average (1 minute) when the shape started: the machine is shared.</summary>
    public string Load { get; set; } = "?";

    public List<SizeFigures> Sizes { get; } = new();

    public SizeFigures? At(int n) => Sizes.FirstOrDefault(s => s.N == n);

    /// <summary>
    /// The growth exponent of the rule's time between two sizes, <c>log(t(to)/t(from)) / log(to/from)</c>:
    /// 1 for linear growth, 2 for quadratic; none when either size has no figure.
    /// </summary>
    public double? Exponent(int from, int to) =>
        At(from) is { TimedOut: false, RuleMilliseconds.Count: > 0, Median: > 0 } a && At(to) is { TimedOut: false, RuleMilliseconds.Count: > 0, Median: > 0 } b
            ? Math.Log(b.Median / a.Median) / Math.Log((double)to / from)
            : null;

    /// <summary>Whether the shape meets the bar (null: the sizes do not include the bar's), and why.</summary>
    public (bool? Met, string Why) Bar(IReadOnlyList<int> sizes, TimeSpan timeLimit)
    {
        if (!ScalingResult.BarSizes.All(sizes.Contains))
        {
            return (null, $"not judged (the bar needs sizes {string.Join(", ", ScalingResult.BarSizes)})");
        }

        if (Sizes.FirstOrDefault(s => s.TimedOut) is { } stopped && stopped.N <= ScalingResult.BarSizes[^1])
        {
            return (false, $"over the {timeLimit.TotalSeconds:0} s limit at {stopped.N:N0}");
        }

        var from = ScalingResult.BarSizes[0];
        var to = ScalingResult.BarSizes[^1];
        if (Exponent(from, to) is not { } exponent || At(to) is not { } largest)
        {
            return (false, "no figure");
        }

        var reasons = new List<string>();
        if (exponent > ScalingResult.MaxExponent)
        {
            reasons.Add($"exponent {exponent:0.00} > {ScalingResult.MaxExponent:0.0}");
        }

        if (largest.Median > ScalingResult.MaxMillisecondsAtLargest)
        {
            reasons.Add($"{largest.Median:N0} ms > {ScalingResult.MaxMillisecondsAtLargest:N0} ms at {to:N0}");
        }

        return reasons.Count == 0 ? (true, "met") : (false, string.Join("; ", reasons));
    }
}
