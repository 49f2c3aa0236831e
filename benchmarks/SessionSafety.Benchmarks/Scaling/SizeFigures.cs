using System;
using System.Collections.Generic;
using SessionSafety.Benchmarks.Measurement;

namespace SessionSafety.Benchmarks.Scaling;

/// <summary>One shape at one size: the passes' times and what the analyzers reported.</summary>
public sealed class SizeFigures
{
    public SizeFigures(int n, int expected)
    {
        N = n;
        Expected = expected;
    }

    public int N { get; }

    /// <summary>How many of the shape's rule's diagnostics the shape must produce at this size.</summary>
    public int Expected { get; }

    /// <summary>The shape's rule's analyzer, per pass: the driver's own execution time of its callbacks.</summary>
    public List<double> RuleMilliseconds { get; } = new();

    /// <summary>The whole pass (the compiler's binding and the analyzer), per pass.</summary>
    public List<double> WallMilliseconds { get; } = new();

    /// <summary>A pass ran into the time limit and was cancelled: no figure, and larger sizes were not run.</summary>
    public bool TimedOut { get; set; }

    /// <summary>The analyzer's diagnostics by ID, from the first pass.</summary>
    public Dictionary<string, int> Diagnostics { get; } = new(StringComparer.Ordinal);

    public double Median => Stats.Median(RuleMilliseconds);
}
