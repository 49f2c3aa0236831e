using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SessionSafety.Analyzers.Internal;

/// <summary>
/// The login path markers of <c>session_safety.login_paths</c>, split into segments, and the test of a
/// target's constant text against them: path segments, case-insensitive, query and fragment ignored,
/// a multi-segment marker (<c>account/login</c>) matching consecutive segments.
/// </summary>
internal sealed class LoginTargets
{
    private static readonly char[] SegmentSeparators = { '/', '\\', TargetText.Hole };

    private static readonly char[] QueryOrFragment = { '?', '#' };

    /// <summary>What a MAUI Shell route's page type name may end with (<c>LoginPage</c>, <c>SignInView</c>).</summary>
    private const string PageSuffix = "Page";

    private const string ViewSuffix = "View";

    /// <summary>The markers, each split into segments.</summary>
    private readonly ImmutableArray<string[]> markers;

    /// <summary>What a single segment may start with to match (<c>oauth</c> matches <c>oauth2</c>, <c>oauth.v2.access</c>).</summary>
    private readonly ImmutableArray<string> segmentPrefixes;

    /// <summary>The most segments any marker has: how many of a target's last segments a match looks at.</summary>
    private readonly int longest;

    private LoginTargets(ImmutableArray<string[]> markers, ImmutableArray<string> segmentPrefixes)
    {
        this.markers = markers;
        this.segmentPrefixes = segmentPrefixes;
        foreach (var marker in markers)
        {
            longest = Math.Max(longest, marker.Length);
        }

        if (!segmentPrefixes.IsEmpty)
        {
            longest = Math.Max(longest, 1);
        }
    }

    /// <param name="paths">Markers, each one or more whole segments (<c>account/login</c>).</param>
    /// <param name="segmentPrefixes">What a segment may start with to match on its own (none by default).</param>
    public static LoginTargets Create(ImmutableArray<string> paths, ImmutableArray<string> segmentPrefixes = default)
    {
        var builder = ImmutableArray.CreateBuilder<string[]>(paths.Length);
        foreach (var path in paths)
        {
            var segments = path.Split(SegmentSeparators, StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length > 0)
            {
                builder.Add(segments);
            }
        }

        return new LoginTargets(builder.ToImmutable(), segmentPrefixes.IsDefault ? ImmutableArray<string>.Empty : segmentPrefixes);
    }

    /// <summary>
    /// Whether the constant text of a target (see <see cref="TargetText.Constant"/>) has a login segment. With
    /// <paramref name="allowPageSuffix"/> (MAUI Shell routes, which are usually page type names) a
    /// segment such as <c>LoginPage</c> or <c>SignInView</c> counts too.
    /// </summary>
    /// <remarks>Asked for every save and redirect a rule decides on, so the segments are read in place, not split into strings.</remarks>
    public bool Matches(string text, bool allowPageSuffix)
    {
        if (longest == 0)
        {
            return false;
        }

        var (pathStart, pathEnd) = PathRange(text);
        Span<int> starts = longest <= 8 ? stackalloc int[8] : new int[longest];
        Span<int> lengths = longest <= 8 ? stackalloc int[8] : new int[longest];
        var count = 0;
        for (var at = pathStart; at < pathEnd;)
        {
            var (segmentStart, segmentLength, next) = NextSegment(text, at, pathEnd);
            at = next;
            if (segmentLength == 0)
            {
                continue;
            }

            // The window holds the last `longest` segments; segment k is at k % longest.
            starts[count % longest] = segmentStart;
            lengths[count % longest] = segmentLength;
            count++;
            if (EndsWithMarker(text, starts, lengths, count, allowPageSuffix) || StartsWithPrefix(text.AsSpan(segmentStart, segmentLength)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the last segments read (<paramref name="count"/> so far) are one of the markers.</summary>
    private bool EndsWithMarker(string text, Span<int> starts, Span<int> lengths, int count, bool allowPageSuffix)
    {
        foreach (var marker in markers)
        {
            if (marker.Length > count)
            {
                continue;
            }

            var all = true;
            for (var i = 0; i < marker.Length && all; i++)
            {
                var slot = (count - marker.Length + i) % longest;
                var isLast = i == marker.Length - 1;
                all = SegmentEquals(text.AsSpan(starts[slot], lengths[slot]), marker[i], allowPageSuffix && isLast);
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    private bool StartsWithPrefix(ReadOnlySpan<char> segment)
    {
        foreach (var prefix in segmentPrefixes)
        {
            if (segment.StartsWith(prefix.AsSpan(), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SegmentEquals(ReadOnlySpan<char> segment, string marker, bool allowPageSuffix)
    {
        if (segment.Equals(marker.AsSpan(), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!allowPageSuffix || segment.Length <= marker.Length || !segment.StartsWith(marker.AsSpan(), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = segment.Slice(marker.Length);
        return rest.Equals(PageSuffix.AsSpan(), StringComparison.OrdinalIgnoreCase) || rest.Equals(ViewSuffix.AsSpan(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Where a target's path is: scheme and authority, query and fragment left out.</summary>
    private static (int Start, int End) PathRange(string text)
    {
        var start = 0;
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && IsScheme(text.AsSpan(0, scheme)))
        {
            start = text.IndexOf('/', scheme + 3);
            if (start < 0)
            {
                return (0, 0);
            }
        }

        var end = text.IndexOfAny(QueryOrFragment, start);
        return (start, end >= 0 ? end : text.Length);
    }

    /// <summary>
    /// The path segment at or after <paramref name="at"/>: up to the next separator, trimmed, with a file
    /// extension taken off (empty when that leaves nothing), and where the search goes on.
    /// </summary>
    private static (int Start, int Length, int Next) NextSegment(string text, int at, int end)
    {
        var start = at;
        var stop = at;
        while (stop < end && Array.IndexOf(SegmentSeparators, text[stop]) < 0)
        {
            stop++;
        }

        var next = stop + 1;
        while (start < stop && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (stop > start && char.IsWhiteSpace(text[stop - 1]))
        {
            stop--;
        }

        if (stop == start)
        {
            return (start, 0, next);
        }

        var dot = text.LastIndexOf('.', stop - 1, stop - start);
        if (dot > start)
        {
            stop = dot;
        }

        return (start, stop - start, next);
    }

    private static bool IsScheme(ReadOnlySpan<char> text)
    {
        if (text.Length == 0 || !char.IsLetter(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsLetterOrDigit(c) && c != '+' && c != '-' && c != '.')
            {
                return false;
            }
        }

        return true;
    }
}
