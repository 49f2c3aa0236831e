using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace SessionSafety.Tests.Verifiers;

/// <summary>One marked span: <c>[|…|]</c> (no name), <c>{|SESS002:…|}</c> (an ID) or <c>{|#0:…|}</c> (a location marker).</summary>
public sealed record MarkupSpan(TextSpan Span, string? Id, int? Marker);

/// <summary>Source text with its markup removed, and the spans the markup marked.</summary>
public sealed record MarkedSource(string Text, ImmutableArray<MarkupSpan> Spans);

/// <summary>Thrown for markup that cannot be read (unbalanced or malformed).</summary>
public sealed class MarkupException : Exception
{
    public MarkupException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// Reads the official testing library's markup: <c>[|…|]</c>, <c>{|ID:…|}</c>, <c>{|#n:…|}</c>,
/// nested or adjacent. There is deliberately no line/column syntax.
/// </summary>
public static class Markup
{
    public static MarkedSource Parse(string source, string fileName = "source")
    {
        ArgumentNullException.ThrowIfNull(source);
        var text = new StringBuilder(source.Length);
        var spans = ImmutableArray.CreateBuilder<MarkupSpan>();
        var open = new Stack<(int Start, int SourceIndex, bool Braced, string? Id, int? Marker)>();

        var i = 0;
        while (i < source.Length)
        {
            if (At(source, i, "[|"))
            {
                open.Push((text.Length, i, false, null, null));
                i += 2;
            }
            else if (At(source, i, "{|"))
            {
                var colon = source.IndexOf(':', i + 2);
                var name = colon < 0 ? string.Empty : source.Substring(i + 2, colon - i - 2);
                if (!IsName(name))
                {
                    throw new MarkupException(
                        $"{fileName}{Where(source, i)}: '{{|' must be followed by an ID or '#n' and ':' (as in '{{|SESS001:' or '{{|#0:').");
                }

                int? marker = null;
                string? id = null;
                if (name[0] == '#')
                {
                    marker = int.Parse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture);
                }
                else
                {
                    id = name;
                }

                open.Push((text.Length, i, true, id, marker));
                i = colon + 1;
            }
            else if (At(source, i, "|]") || At(source, i, "|}"))
            {
                var braced = source[i + 1] == '}';
                if (open.Count == 0)
                {
                    throw new MarkupException($"{fileName}{Where(source, i)}: '{source.Substring(i, 2)}' closes nothing.");
                }

                var top = open.Pop();
                if (top.Braced != braced)
                {
                    throw new MarkupException(
                        $"{fileName}{Where(source, i)}: '{source.Substring(i, 2)}' closes the '{(top.Braced ? "{|" : "[|")}' opened at{Where(source, top.SourceIndex)}.");
                }

                spans.Add(new MarkupSpan(TextSpan.FromBounds(top.Start, text.Length), top.Id, top.Marker));
                i += 2;
            }
            else
            {
                text.Append(source[i]);
                i++;
            }
        }

        if (open.Count > 0)
        {
            var top = open.Peek();
            throw new MarkupException($"{fileName}{Where(source, top.SourceIndex)}: '{(top.Braced ? "{|" : "[|")}' is never closed.");
        }

        spans.Sort((a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : a.Span.End.CompareTo(b.Span.End));
        return new MarkedSource(text.ToString(), spans.ToImmutable());
    }

    private static bool At(string source, int index, string token) =>
        index + token.Length <= source.Length && string.CompareOrdinal(source, index, token, 0, token.Length) == 0;

    private static bool IsName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        if (name[0] == '#')
        {
            if (name.Length == 1)
            {
                return false;
            }

            for (var k = 1; k < name.Length; k++)
            {
                if (!char.IsAsciiDigit(name[k]))
                {
                    return false;
                }
            }

            return true;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '.' && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private static string Where(string source, int index)
    {
        var line = 1;
        var column = 1;
        for (var k = 0; k < index; k++)
        {
            if (source[k] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return $"({line},{column})";
    }
}
