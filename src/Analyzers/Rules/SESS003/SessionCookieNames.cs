using System;
using System.Collections.Generic;
using System.Collections.Immutable;

using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS003;

/// <summary>
/// SESS003: whether a cookie name names a session cookie. A name is split into words at punctuation
/// and at case changes (<c>SessionId</c> → session, id; <c>XSRF-TOKEN</c> → xsrf, token;
/// <c>AUTHToken</c> → auth, token) and one whole word must be a marker: <c>consider</c> does not
/// contain the word <c>sid</c>. The framework's default names count whatever the markers are.
/// </summary>
internal sealed class SessionCookieNames
{
    private static readonly ImmutableArray<string> FrameworkNames = ImmutableArray.Create(
        ".AspNetCore.Cookies",
        ".AspNetCore.Session");

    private static readonly ImmutableArray<string> FrameworkPrefixes = ImmutableArray.Create(
        ".AspNetCore.Antiforgery.",
        ".AspNetCore.Identity.");

    /// <summary>The markers of <c>session_safety.session_cookie_names</c>, looked up by hash (made once per distinct option text).</summary>
    private readonly HashSet<string> markers;

    public SessionCookieNames(ImmutableArray<string> markers)
    {
        this.markers = new HashSet<string>(markers, StringComparer.OrdinalIgnoreCase);
    }

    public bool IsSessionCookie(string name)
    {
        foreach (var known in FrameworkNames)
        {
            if (string.Equals(name, known, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (var prefix in FrameworkPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (var word in Words(name))
        {
            if (markers.Contains(word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The words of a name: runs of letters and digits, split where lower case turns upper
    /// (<c>sessionId</c>) and before the last capital of an acronym followed by lower case (<c>AUTHToken</c>).</summary>
    public static IEnumerable<string> Words(string name)
    {
        var start = -1;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (start >= 0)
                {
                    yield return name.Substring(start, i - start);
                    start = -1;
                }

                continue;
            }

            if (start < 0)
            {
                start = i;
                continue;
            }

            var previous = name[i - 1];
            var lowerToUpper = char.IsUpper(c) && (char.IsLower(previous) || char.IsDigit(previous));
            var acronymEnd = char.IsUpper(c) && char.IsUpper(previous) && i + 1 < name.Length && char.IsLower(name[i + 1]);
            if (lowerToUpper || acronymEnd)
            {
                yield return name.Substring(start, i - start);
                start = i;
            }
        }

        if (start >= 0)
        {
            yield return name.Substring(start);
        }
    }
}
