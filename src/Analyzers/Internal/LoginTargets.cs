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

    private static readonly string[] PageSuffixes = { PageSuffix, ViewSuffix };

    /// <summary>The most words of a route name that one marker can spell (<c>identity/account/login</c>: three, or more for camel-cased parts).</summary>
    private const int MaxWordsPerName = 5;

    /// <summary>
    /// The markers, each split into segments, by the case-insensitive hash of their last segment: a target's
    /// segment is looked up, not compared with every marker (the list is the user's and may be long).
    /// </summary>
    private readonly Dictionary<int, List<string[]>> markersByLastSegment = new();

    /// <summary>What a single segment may start with to match (<c>oauth</c> matches <c>oauth2</c>, <c>oauth.v2.access</c>).</summary>
    private readonly ImmutableArray<string> segmentPrefixes;

    /// <summary>The most segments any marker has: how many of a target's last segments a match looks at.</summary>
    private readonly int longest;

    /// <summary>The markers as route names would spell them: letters and digits only, lower case (<c>account/login</c> → <c>accountlogin</c>).</summary>
    private readonly HashSet<string> markersAsNames = new(StringComparer.Ordinal);

    private LoginTargets(ImmutableArray<string[]> markers, ImmutableArray<string> segmentPrefixes)
    {
        this.segmentPrefixes = segmentPrefixes;
        foreach (var marker in markers)
        {
            markersAsNames.Add(LettersAndDigits(string.Concat(marker)));
            longest = Math.Max(longest, marker.Length);
            var hash = Hash(marker[marker.Length - 1].AsSpan());
            if (!markersByLastSegment.TryGetValue(hash, out var sameHash))
            {
                markersByLastSegment[hash] = sameHash = new List<string[]>(1);
            }

            sameHash.Add(marker);
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
    /// Whether a route name (<c>RedirectToRoute("AdminLogin")</c>) names a login page. A name is not a path:
    /// it is split into words at punctuation and where lower case turns upper (<c>AdminLogin</c> → admin,
    /// login), and one run of consecutive words, joined, must spell a marker without its punctuation
    /// (<c>SignIn</c> spells <c>sign-in</c>, <c>AccountLogin</c> spells <c>account/login</c>). Whole words only:
    /// <c>Blogin</c> is not <c>login</c>.
    /// </summary>
    public bool MatchesName(string name)
    {
        var words = Words(name);
        for (var first = 0; first < words.Count; first++)
        {
            var joined = string.Empty;
            for (var last = first; last < words.Count && last - first < MaxWordsPerName; last++)
            {
                joined += words[last];
                if (markersAsNames.Contains(joined))
                {
                    return true;
                }
            }
        }

        return false;
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

    /// <summary>
    /// Whether the last segments read (<paramref name="count"/> so far) are one of the markers: the markers
    /// whose last segment hashes like the last segment read (or, with <paramref name="allowPageSuffix"/>, like
    /// it without a <c>Page</c>/<c>View</c> suffix) are the only candidates.
    /// </summary>
    private bool EndsWithMarker(string text, Span<int> starts, Span<int> lengths, int count, bool allowPageSuffix)
    {
        var slot = (count - 1) % longest;
        var last = text.AsSpan(starts[slot], lengths[slot]);
        if (EndsWithMarker(text, starts, lengths, count, allowPageSuffix, Hash(last)))
        {
            return true;
        }

        if (!allowPageSuffix)
        {
            return false;
        }

        foreach (var suffix in PageSuffixes)
        {
            if (last.Length > suffix.Length && last.EndsWith(suffix.AsSpan(), StringComparison.OrdinalIgnoreCase)
                && EndsWithMarker(text, starts, lengths, count, allowPageSuffix, Hash(last.Slice(0, last.Length - suffix.Length))))
            {
                return true;
            }
        }

        return false;
    }

    private bool EndsWithMarker(string text, Span<int> starts, Span<int> lengths, int count, bool allowPageSuffix, int lastSegmentHash)
    {
        if (!markersByLastSegment.TryGetValue(lastSegmentHash, out var candidates))
        {
            return false;
        }

        foreach (var marker in candidates)
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

    /// <summary>A name's words, lower case: runs of letters and digits, split where lower case (or a digit) turns upper and before the last capital of an acronym followed by lower case.</summary>
    private static List<string> Words(string name)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= name.Length; i++)
        {
            var c = i < name.Length ? name[i] : ' ';
            var boundary = !char.IsLetterOrDigit(c)
                || (start >= 0 && char.IsUpper(c) && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])))
                || (start >= 0 && char.IsUpper(c) && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]));
            if (boundary && start >= 0)
            {
                words.Add(name.Substring(start, i - start).ToLowerInvariant());
                start = -1;
            }

            if (char.IsLetterOrDigit(c) && start < 0)
            {
                start = i;
            }
        }

        return words;
    }

    private static string LettersAndDigits(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>A hash that ignores case as <see cref="StringComparison.OrdinalIgnoreCase"/> does (FNV-1a over upper-cased characters).</summary>
    private static int Hash(ReadOnlySpan<char> text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ char.ToUpperInvariant(c)) * 16777619;
            }

            return hash;
        }
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
