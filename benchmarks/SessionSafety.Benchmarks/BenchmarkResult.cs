using System;
using System.Collections.Generic;
using System.Linq;
using SessionSafety.Benchmarks.Measurement;

namespace SessionSafety.Benchmarks;

/// <summary>One analyzer's figures: its time and its no-op twin's, per repetition.</summary>
public sealed class AnalyzerFigures
{
    public AnalyzerFigures(string name, IReadOnlyList<string> ruleIds)
    {
        Name = name;
        RuleIds = ruleIds;
    }

    public string Name { get; }

    public IReadOnlyList<string> RuleIds { get; }

    /// <summary>The rule IDs (SESS001), or the type name for an analyzer that reports only SESS000.</summary>
    public string ShortName => RuleIds.Count > 0 ? string.Join("+", RuleIds) : Name;

    public List<double> Milliseconds { get; } = new();

    public List<double> NoOpMilliseconds { get; } = new();

    /// <summary>A second instance, last in the same pass: the first one's time less the semantic work it only moved.</summary>
    public List<double> AgainMilliseconds { get; } = new();

    public Dictionary<string, int> Diagnostics { get; } = new(StringComparer.Ordinal);

    /// <summary>What the analyzer registered on the corpus (and so what its twin registers).</summary>
    public IReadOnlyList<string> Registrations { get; set; } = Array.Empty<string>();

    public double Median => Stats.Median(Milliseconds);

    public double NoOpMedian => Stats.Median(NoOpMilliseconds);

    public double AgainMedian => Stats.Median(AgainMilliseconds);

    public double VersusNoOp => Median / NoOpMedian;
}

public sealed class BenchmarkResult
{
    public const double MaxShareOfCompile = 0.02;
    public const double MaxSingleFixMilliseconds = 50;
    public const double MaxFixAllSecondsPer1000 = 10;
    public const int FixAllDiagnosticsForTarget = 1000;

    public BenchmarkResult(BenchmarkOptions options)
    {
        Options = options;
    }

    public BenchmarkOptions Options { get; }

    public string Environment { get; set; } = string.Empty;

    public int Files { get; set; }

    public int Lines { get; set; }

    public int Units { get; set; }

    public IReadOnlyDictionary<string, int> Planted { get; set; } = new Dictionary<string, int>();

    public IReadOnlyDictionary<string, int> Calls { get; set; } = new Dictionary<string, int>();

    public List<double> CompileMilliseconds { get; } = new();

    public List<AnalyzerFigures> Analyzers { get; } = new();

    public List<SingleFixFigures> SingleFixes { get; } = new();

    public List<FixAllFigures> FixAlls { get; } = new();

    /// <summary>The harness's own checks (corpus compiles, every rule fires, twins match, no AD0001).</summary>
    public List<string> Failures { get; } = new();

    public TimeSpan Duration { get; set; }

    public double CompileMedian => Stats.Median(CompileMilliseconds);

    /// <summary>All SessionSafety analyzers, per repetition summed, then the median.</summary>
    public double AnalyzersMedian => Stats.Median(Enumerable.Range(0, CompileMilliseconds.Count).Select(i => Analyzers.Sum(a => a.Milliseconds[i])));

    public double NoOpMedian => Stats.Median(Enumerable.Range(0, CompileMilliseconds.Count).Select(i => Analyzers.Sum(a => a.NoOpMilliseconds[i])));

    public double ShareOfCompile => AnalyzersMedian / CompileMedian;

    public double VersusNoOp => AnalyzersMedian / NoOpMedian;

    /// <summary>Each SPEC §5 target with its figure and whether it is met.</summary>
    public IReadOnlyList<(string Target, string Figure, bool Met)> Targets()
    {
        // The ratio to the no-op twins is printed with the figures, not judged (SPEC §5, revised 2026-12-07).
        var targets = new List<(string, string, bool)>
        {
            ("All SessionSafety analyzers ≤ 2 % of compile time", $"{ShareOfCompile:0.00 %}", ShareOfCompile <= MaxShareOfCompile),
        };

        foreach (var fix in SingleFixes.Where(f => f.Milliseconds.Count > 0))
        {
            var median = Stats.Median(fix.Milliseconds);
            targets.Add(($"{fix.Provider}: a fix for one diagnostic < 50 ms (median)", $"{median:0.0} ms", median < MaxSingleFixMilliseconds));
        }

        foreach (var fixAll in FixAlls.Where(f => f.Skipped is null))
        {
            var per1000 = fixAll.Time.TotalSeconds * FixAllDiagnosticsForTarget / Math.Max(fixAll.Diagnostics, 1);
            var figure = fixAll.Diagnostics >= FixAllDiagnosticsForTarget
                ? $"{fixAll.Time.TotalSeconds:0.00} s for {fixAll.Diagnostics:N0}"
                : $"{fixAll.Time.TotalSeconds:0.00} s for {fixAll.Diagnostics:N0} ({per1000:0.00} s per 1,000)";
            var met = fixAll.Diagnostics >= FixAllDiagnosticsForTarget ? fixAll.Time.TotalSeconds < MaxFixAllSecondsPer1000 : per1000 < MaxFixAllSecondsPer1000;
            targets.Add(($"{fixAll.Provider} Fix All ({fixAll.EquivalenceKey}) < 10 s per 1,000 diagnostics", figure, met));
        }

        return targets;
    }

    public bool TargetsMet => Targets().All(t => t.Met);
}
