using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using SessionSafety.Benchmarks.Measurement;

namespace SessionSafety.Benchmarks.Reporting;

/// <summary>The figures as text for the console and as the Markdown block of docs/performance.md.</summary>
public static class Report
{
    public const string BeginMarker = "<!-- benchmark-figures:begin -->";
    public const string EndMarker = "<!-- benchmark-figures:end -->";

    public static string Text(BenchmarkResult r)
    {
        var s = new StringBuilder();
        s.AppendLine();
        s.AppendLine($"SessionSafety benchmark: {r.Lines:N0} lines in {r.Files:N0} files ({r.Units:N0} entities), {r.Environment}");
        s.AppendLine($"Median of {r.Options.Repetitions} repetition(s) after {r.Options.WarmUps} warm-up(s); compile and analysis single-threaded; total {r.Duration:mm\\:ss}.");
        s.AppendLine($"HTTP calls in the corpus: {string.Join(", ", r.Calls.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value:N0}"))}.");
        s.AppendLine();
        if (r.CompileMilliseconds.Count > 0)
        {
            s.AppendLine($"Compile (GetDiagnostics, no analyzers): {r.CompileMedian:N0} ms   [{Join(r.CompileMilliseconds, "N0")}]");
            s.AppendLine();
            var rows = new List<string[]> { new[] { "Analyzer", "Diagnostics (planted)", "Time ms", "No-op ms", "vs no-op", "of compile", "Again ms" } };
            foreach (var a in r.Analyzers)
            {
                rows.Add(new[]
                {
                    a.Name,
                    string.Join(", ", a.RuleIds.Select(id => $"{id} {a.Diagnostics.GetValueOrDefault(id):N0} ({r.Planted.GetValueOrDefault(id):N0})")),
                    $"{a.Median:N1}",
                    $"{a.NoOpMedian:N1}",
                    $"{a.VersusNoOp:0.00}×",
                    $"{a.Median / r.CompileMedian:0.00 %}",
                    $"{a.AgainMedian:N1}",
                });
            }

            rows.Add(new[] { "All SessionSafety analyzers", string.Empty, $"{r.AnalyzersMedian:N1}", $"{r.NoOpMedian:N1}", $"{r.VersusNoOp:0.00}×", $"{r.ShareOfCompile:0.00 %}", $"{r.Analyzers.Sum(a => a.AgainMedian):N1}" });
            Table(s, rows);
            s.AppendLine();
            s.AppendLine("Again ms: a second instance of the analyzer, last in the same pass, once the semantic work the first");
            s.AppendLine("one triggered (binding other files and members, which the driver would otherwise do) is done. Information only.");
            s.AppendLine();
            s.AppendLine("Per repetition (ms), analyzer / no-op twin / again:");
            foreach (var a in r.Analyzers)
            {
                s.AppendLine($"  {a.Name}: [{Join(a.Milliseconds, "N1")}] / [{Join(a.NoOpMilliseconds, "N1")}] / [{Join(a.AgainMilliseconds, "N1")}]");
            }

            s.AppendLine();
            s.AppendLine("Registrations on the corpus (each twin registers the same, with empty callbacks):");
            foreach (var a in r.Analyzers)
            {
                s.AppendLine($"  {a.Name}: {string.Join("; ", a.Registrations)}");
            }
        }

        if (r.SingleFixes.Count > 0)
        {
            s.AppendLine();
            s.AppendLine("Code fixes (one diagnostic: register the fixes and compute the preview; Fix All: solution scope):");
            var rows = new List<string[]> { new[] { "Code fix", "Fixable", "Timed", "Median ms", "p90 ms", "Max ms", "Fix All" } };
            foreach (var f in r.SingleFixes)
            {
                var fixAll = string.Join("; ", r.FixAlls.Where(a => a.Provider == f.Provider).Select(a => a.Skipped is { } why
                    ? $"{a.EquivalenceKey}: {why}"
                    : $"{a.EquivalenceKey}: {a.Time.TotalSeconds:0.00} s for {a.Diagnostics:N0} ({a.ChangedDocuments:N0} files)"));
                rows.Add(new[]
                {
                    f.Provider,
                    $"{f.Candidates:N0}",
                    $"{f.Milliseconds.Count:N0}",
                    $"{Stats.Median(f.Milliseconds):N1}",
                    $"{Stats.Percentile(f.Milliseconds, 90):N1}",
                    f.Milliseconds.Count == 0 ? "-" : $"{f.Milliseconds.Max():N1}",
                    fixAll,
                });
            }

            Table(s, rows);
        }

        s.AppendLine();
        if (r.Options.IsQuick)
        {
            s.AppendLine("Quick run: the harness works; the targets are judged on the full corpus only.");
        }
        else if (r.CompileMilliseconds.Count > 0)
        {
            s.AppendLine("Targets (SPEC §5):");
            foreach (var (target, figure, met) in r.Targets())
            {
                s.AppendLine($"  [{(met ? " ok " : "MISS")}] {target}: {figure}");
            }
        }

        foreach (var failure in r.Failures)
        {
            s.AppendLine($"  [FAIL] {failure}");
        }

        return s.ToString();
    }

    public static string Markdown(BenchmarkResult r)
    {
        var s = new StringBuilder();
        s.AppendLine($"Run of {DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: {r.Lines:N0} lines in {r.Files:N0} files, {r.Environment}. "
            + $"Median of {r.Options.Repetitions} repetitions after {r.Options.WarmUps} warm-up; single-threaded compile and analysis; the whole run took {r.Duration:mm\\:ss}.");
        s.AppendLine();
        s.AppendLine($"Compile time (`GetDiagnostics`, no analyzers): **{r.CompileMedian:N0} ms**.");
        s.AppendLine();
        s.AppendLine("| Analyzer | Diagnostics | Time (ms) | No-op twin (ms) | vs no-op | Share of compile | Again (ms) |");
        s.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var a in r.Analyzers)
        {
            s.AppendLine($"| {a.Name} | {string.Join(", ", a.RuleIds.Select(id => $"{id}: {a.Diagnostics.GetValueOrDefault(id):N0}"))} | {a.Median:N1} | {a.NoOpMedian:N1} | {a.VersusNoOp:0.00}× | {a.Median / r.CompileMedian:0.00 %} | {a.AgainMedian:N1} |");
        }

        s.AppendLine($"| **All SessionSafety analyzers** | | **{r.AnalyzersMedian:N1}** | **{r.NoOpMedian:N1}** | **{r.VersusNoOp:0.00}×** | **{r.ShareOfCompile:0.00 %}** | {r.Analyzers.Sum(a => a.AgainMedian):N1} |");
        if (r.SingleFixes.Count > 0)
        {
            s.AppendLine();
            s.AppendLine("| Code fix | One diagnostic, median (p90) | Fix All, solution scope |");
            s.AppendLine("|---|---:|---|");
            foreach (var f in r.SingleFixes)
            {
                var fixAll = string.Join("<br>", r.FixAlls.Where(a => a.Provider == f.Provider).Select(a => a.Skipped is { } why
                    ? $"`{a.EquivalenceKey}`: {why}"
                    : $"`{a.EquivalenceKey}`: {a.Time.TotalSeconds:0.00} s for {a.Diagnostics:N0} diagnostics in {a.ChangedDocuments:N0} files"));
                s.AppendLine($"| {f.Provider} | {Stats.Median(f.Milliseconds):N1} ms ({Stats.Percentile(f.Milliseconds, 90):N1} ms) over {f.Milliseconds.Count} | {fixAll} |");
            }
        }

        s.AppendLine();
        s.AppendLine("| Target (SPEC §5) | Figure | Met |");
        s.AppendLine("|---|---|---|");
        foreach (var (target, figure, met) in r.Targets())
        {
            s.AppendLine($"| {target} | {figure} | {(met ? "yes" : "**no**")} |");
        }

        return s.ToString();
    }

    /// <summary>Replaces the figures between the markers of <paramref name="path"/>.</summary>
    public static void UpdateDocs(string path, BenchmarkResult result) =>
        ReplaceBlock(path, BeginMarker, EndMarker, Markdown(result));

    /// <summary>Replaces what stands between two marker lines of <paramref name="path"/> with <paramref name="content"/>.</summary>
    internal static void ReplaceBlock(string path, string beginMarker, string endMarker, string content)
    {
        var text = File.ReadAllText(path);
        var begin = text.IndexOf(beginMarker, StringComparison.Ordinal);
        var end = text.IndexOf(endMarker, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            throw new InvalidOperationException($"{path} has no {beginMarker} … {endMarker} block.");
        }

        var updated = text[..(begin + beginMarker.Length)] + "\n" + content + text[end..];
        File.WriteAllText(path, updated.Replace("\r\n", "\n"));
    }

    private static string Join(IEnumerable<double> values, string format) =>
        string.Join(", ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));

    internal static void Table(StringBuilder s, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            s.AppendLine("  " + string.Join("  ", row.Select((cell, c) => c == 0 || c == row.Length - 1 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        }
    }
}
