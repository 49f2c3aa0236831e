using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace SessionSafety.Tests.Verifiers;

/// <summary>One line of commentary drawn under a source line: carets under the span, then the label.</summary>
internal readonly record struct Annotation(ExpectedLocation? Location, string Label);

/// <summary>
/// Prints test documents with each diagnostic drawn under its line, so a failing test shows what was
/// found where, and what was expected instead.
/// </summary>
internal static class SourceDrawing
{
    public static string Draw(IEnumerable<TestDocument> documents, IEnumerable<Annotation> annotations)
    {
        var all = annotations.ToList();
        var placed = new HashSet<int>();
        var output = new StringBuilder();
        foreach (var document in documents)
        {
            var mine = all.Select((a, index) => (a, index))
                .Where(p => p.a.Location is { } l && SamePath(l.Path, document.Path))
                .ToList();
            output.Append("---- ").Append(document.Path).AppendLine(" ----");
            var text = SourceText.From(document.Text);
            var width = text.Lines.Count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
            foreach (var line in text.Lines)
            {
                var lineText = line.ToString();
                output.Append((line.LineNumber + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width)).Append(" | ").AppendLine(lineText);
                foreach (var (annotation, index) in mine.Where(p => p.a.Location!.Value.Span.Start.Line == line.LineNumber)
                             .OrderBy(p => p.a.Location!.Value.Span.Start.Character))
                {
                    placed.Add(index);
                    var span = annotation.Location!.Value.Span;
                    var start = Math.Min(span.Start.Character, lineText.Length);
                    var end = span.End.Line == span.Start.Line ? Math.Min(span.End.Character, lineText.Length) : lineText.Length;
                    var carets = new string('^', Math.Max(1, end - start)) + (span.End.Line != span.Start.Line ? "…" : string.Empty);
                    output.Append(new string(' ', width)).Append(" | ")
                        .Append(Indent(lineText, start)).Append(carets).Append(' ').AppendLine(annotation.Label);
                }
            }
        }

        var elsewhere = all.Where((_, index) => !placed.Contains(index)).ToList();
        if (elsewhere.Count > 0)
        {
            output.AppendLine("---- not in a test document ----");
            foreach (var annotation in elsewhere)
            {
                output.Append(annotation.Location?.ToString() ?? "(no location)").Append(": ").AppendLine(annotation.Label);
            }
        }

        return output.ToString();
    }

    public static bool SamePath(string a, string b) =>
        string.Equals(a.Replace('\\', '/'), b.Replace('\\', '/'), StringComparison.Ordinal);

    /// <summary>Spaces up to <paramref name="column"/>, keeping tabs so the carets line up.</summary>
    private static string Indent(string line, int column)
    {
        var indent = new StringBuilder(column);
        for (var i = 0; i < column; i++)
        {
            indent.Append(line[i] == '\t' ? '\t' : ' ');
        }

        return indent.ToString();
    }

    /// <summary>A line diff (longest common subsequence) between what was expected and what came out.</summary>
    public static string Diff(string expected, string actual)
    {
        var a = Normalize(expected).Split('\n');
        var b = Normalize(actual).Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var output = new StringBuilder();
        output.AppendLine("(- expected, + actual)");
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                output.Append("  ").AppendLine(a[x]);
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                output.Append("- ").AppendLine(Visible(a[x]));
                x++;
            }
            else
            {
                output.Append("+ ").AppendLine(Visible(b[y]));
                y++;
            }
        }

        return output.ToString();
    }

    public static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    /// <summary>Trailing whitespace is invisible in a diff; show it.</summary>
    private static string Visible(string line)
    {
        var trimmed = line.TrimEnd();
        return trimmed.Length == line.Length ? line : trimmed + line[trimmed.Length..].Replace(" ", "·", StringComparison.Ordinal).Replace("\t", "→", StringComparison.Ordinal);
    }
}
