using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SessionSafety.Benchmarks.Measurement;
using SessionSafety.Benchmarks.Scaling;

namespace SessionSafety.Benchmarks.Reporting;

/// <summary>The scaling mode's figures as text for the console and as a Markdown block of docs/performance.md.</summary>
public static class ScalingReport
{
    public const string Command = "dotnet run -c Release --project benchmarks/SessionSafety.Benchmarks --";

    public static string BeginMarker(string block) => $"<!-- scaling-figures-{block}:begin -->";

    public static string EndMarker(string block) => $"<!-- scaling-figures-{block}:end -->";

    public static string Text(ScalingResult r)
    {
        var s = new StringBuilder();
        s.AppendLine();
        s.AppendLine($"SessionSafety scaling (issue #20): {Header(r)}");
        s.AppendLine($"Time of the shape's rule (its analyzer's callbacks, median of up to {r.Options.Repetitions} passes), ms; "
            + $"\"> {r.Options.TimeLimit.TotalSeconds:0} s\": stopped at the time limit; \"-\": not run; \"(2×)\": the median of 2 passes. Exponent: log(t(b)/t(a)) / log(b/a).");
        s.AppendLine();
        Report.Table(s, Rows(r, pass: false, markdown: false));
        s.AppendLine();
        s.AppendLine(PassNote);
        s.AppendLine();
        Report.Table(s, Rows(r, pass: true, markdown: false));
        s.AppendLine();
        s.AppendLine("Diagnostics per size (the rule's analyzer, first pass):");
        foreach (var shape in r.Shapes)
        {
            var measured = shape.Sizes.Where(z => !z.TimedOut).ToList();
            s.AppendLine($"  {shape.Shape}: " + (measured.Count == 0 ? "no size measured" : string.Join("; ", measured.Select(z => $"{z.N:N0}: "
                + string.Join(", ", z.Diagnostics.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} {d.Value:N0}"))))));
        }

        s.AppendLine();
        if (!r.IsJudged)
        {
            s.AppendLine($"The bar is judged only with the sizes {string.Join(", ", ScalingResult.BarSizes)}.");
        }
        else
        {
            s.AppendLine($"Bar (issue #20): exponent between {Size(ScalingResult.BarSizes[0])} and {Size(ScalingResult.BarSizes[^1])} <= {ScalingResult.MaxExponent:0.0} (N log N) "
                + $"and <= {ScalingResult.MaxMillisecondsAtLargest:N0} ms at {Size(ScalingResult.BarSizes[^1])}:");
            foreach (var shape in r.Shapes)
            {
                var (met, why) = shape.Bar(r.Options.Sizes, r.Options.TimeLimit);
                s.AppendLine($"  [{(met == true ? " ok " : "MISS")}] {shape.Shape}: {why}");
            }
        }

        foreach (var failure in r.Failures)
        {
            s.AppendLine($"  [FAIL] {failure}");
        }

        return s.ToString();
    }

    public static string Markdown(ScalingResult r)
    {
        var s = new StringBuilder();
        s.AppendLine($"Run of {r.Started.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC: {Header(r)}.");
        s.AppendLine();
        s.AppendLine($"Command: `{Command} {string.Join(" ", r.Options.Arguments)}`");
        s.AppendLine();
        s.AppendLine($"Time of the shape's rule, ms (median of up to {r.Options.Repetitions} passes: fewer once the rule took over {r.Options.RepeatBelow.TotalSeconds:0} s in a pass or the size's passes took the time limit); "
            + $"\"> {r.Options.TimeLimit.TotalSeconds:0} s\": stopped at the time limit, \"–\": not run, \"(2×)\": the median of 2 passes; exponents log(t(b)/t(a)) / log(b/a); load: the 1-minute load average when the shape started.");
        s.AppendLine();
        MarkdownTable(s, Rows(r, pass: false, markdown: true));
        s.AppendLine();
        s.AppendLine(PassNote);
        s.AppendLine();
        MarkdownTable(s, Rows(r, pass: true, markdown: true));
        foreach (var failure in r.Failures)
        {
            s.AppendLine();
            s.AppendLine($"Harness check failed: {failure}");
        }

        return s.ToString();
    }

    /// <summary>Writes the Markdown block between the markers of <paramref name="block"/> ("before" or "after") in <paramref name="path"/>.</summary>
    public static void UpdateDocs(string path, string block, ScalingResult result) =>
        Report.ReplaceBlock(path, BeginMarker(block), EndMarker(block), Markdown(result));

    private static string Header(ScalingResult r) =>
        $"commit {r.Commit}, {r.Environment} at the start, {r.LoadAtEnd} at the end; the run took {r.Duration:hh\\:mm\\:ss}";

    private const string PassNote = "The whole pass (the compiler's binding and the rule's analyzer; the time limit applies to it), ms, for information:";

    /// <summary>
    /// The rule's table (times, exponents, load, verdict), or with <paramref name="pass"/> the whole
    /// passes' times only (their growth is mostly the compiler's, so no exponent).
    /// </summary>
    private static List<string[]> Rows(ScalingResult r, bool pass, bool markdown)
    {
        var sizes = r.Options.Sizes;
        var pairs = sizes.Zip(sizes.Skip(1)).ToList();
        var spans = r.IsJudged ? pairs.Append((First: ScalingResult.BarSizes[0], Second: ScalingResult.BarSizes[^1])).ToList() : pairs;
        var header = new List<string> { "Shape" };
        header.AddRange(sizes.Select(Size));
        if (!pass)
        {
            header.AddRange(spans.Select(p => $"{Size(p.First)}→{Size(p.Second)}"));
            header.Add("Load");
            header.Add("Bar");
        }

        var rows = new List<string[]> { header.ToArray() };
        foreach (var shape in r.Shapes)
        {
            var row = new List<string> { markdown ? $"`{shape.Shape}`" : shape.Shape.Id };
            row.AddRange(sizes.Select(n => Cell(shape.At(n), pass, r.Options, markdown)));
            if (!pass)
            {
                row.AddRange(spans.Select(p => shape.Exponent(p.First, p.Second) is { } exponent ? exponent.ToString("0.00", CultureInfo.InvariantCulture) : NotRun(markdown)));
                row.Add(shape.Load);
                var (met, why) = shape.Bar(sizes, r.Options.TimeLimit);
                row.Add(met switch { true => "met", false => markdown ? $"**missed**: {why}" : $"MISSED: {why}", null => "not judged" });
            }

            rows.Add(row.ToArray());
        }

        return rows;
    }

    /// <summary>The median, with the number of passes when fewer than asked for (a figure of one pass is noisier).</summary>
    private static string Cell(SizeFigures? size, bool pass, ScalingOptions options, bool markdown) => size switch
    {
        null => NotRun(markdown),
        { TimedOut: true } => $"> {options.TimeLimit.TotalSeconds:0} s",
        _ => Milliseconds(pass ? Stats.Median(size.WallMilliseconds) : size.Median)
            + (size.RuleMilliseconds.Count < options.Repetitions ? $" ({size.RuleMilliseconds.Count}×)" : string.Empty),
    };

    private static string NotRun(bool markdown) => markdown ? "–" : "-";

    private static string Milliseconds(double value) => value.ToString(value >= 100 ? "N0" : "N1", CultureInfo.InvariantCulture);

    private static string Size(int n) => n % 1000 == 0 ? $"{n / 1000}k" : n.ToString(CultureInfo.InvariantCulture);

    private static void MarkdownTable(StringBuilder s, List<string[]> rows)
    {
        s.AppendLine("| " + string.Join(" | ", rows[0]) + " |");
        s.AppendLine("|" + string.Join("|", rows[0].Select((title, c) => c == 0 || title == "Bar" ? "---" : "---:")) + "|");
        foreach (var row in rows.Skip(1))
        {
            s.AppendLine("| " + string.Join(" | ", row) + " |");
        }
    }
}
