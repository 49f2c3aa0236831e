using Microsoft.CodeAnalysis;

namespace SessionSafety.Analyzers.Internal;

/// <summary>
/// Sign-in, sign-up, sign-out and password flows: they send credentials, not the user's work, and
/// credentials must never be stored as drafts. SESS001 does not report their requests; SESS002 leaves
/// their redirects alone (after a registration or a password reset the login page is where the user
/// should go, and a failed login goes back to it).
/// </summary>
internal static class AuthenticationFlows
{
    /// <summary>Word sequences (lower case, one or two words: <see cref="NameHasFlowWord"/> compares no more) that name an authentication flow.</summary>
    private static readonly string[][] FlowWords =
    {
        new[] { "login" }, new[] { "log", "in" }, new[] { "logon" }, new[] { "log", "on" },
        new[] { "signin" }, new[] { "sign", "in" },
        new[] { "logout" }, new[] { "log", "out" }, new[] { "logoff" }, new[] { "log", "off" },
        new[] { "signout" }, new[] { "sign", "out" },
        new[] { "register" }, new[] { "signup" }, new[] { "sign", "up" },
        new[] { "password" }, new[] { "two", "factor" }, new[] { "2fa" },
    };

    /// <summary>Whether the member or its type is named for an authentication flow (word by word: <c>CatalogInfo</c> is not <c>LogIn</c>).</summary>
    public static bool IsNamedForFlow(ISymbol member) =>
        NameHasFlowWord(member.Name) || (member.ContainingType is { } type && NameHasFlowWord(type.Name));

    /// <summary>Calls that sign the user in or out (<c>SignInAsync</c>, <c>SignOutAsync</c>, <c>SignOut(…)</c>…): an authentication flow.</summary>
    public static bool IsSignInOrOut(string methodName) =>
        methodName is "SignInAsync" or "SignOutAsync" or "SignOut" or "PasswordSignInAsync" or "SignInWithClaimsAsync";

    /// <summary>
    /// Whether <paramref name="name"/>, split into words at case changes, '_' and '-', holds one of the
    /// flow word sequences. Called for every save and redirect a rule decides on, so it makes no strings:
    /// each word is compared in place with the sequences that can end at it.
    /// </summary>
    public static bool NameHasFlowWord(string name)
    {
        // The start and length of the last two words (no sequence is longer).
        int previousStart = -1, previousLength = 0;
        var start = 0;
        for (var i = 1; i <= name.Length; i++)
        {
            if (!IsBoundary(name, i))
            {
                continue;
            }

            var (wordStart, wordLength) = Trimmed(name, start, i);
            start = i;
            if (wordLength == 0)
            {
                continue;
            }

            foreach (var sequence in FlowWords)
            {
                var matches = sequence.Length == 1
                    ? WordEquals(name, wordStart, wordLength, sequence[0])
                    : previousStart >= 0
                        && WordEquals(name, previousStart, previousLength, sequence[0])
                        && WordEquals(name, wordStart, wordLength, sequence[1]);
                if (matches)
                {
                    return true;
                }
            }

            previousStart = wordStart;
            previousLength = wordLength;
        }

        return false;
    }

    /// <summary>A word ends before <paramref name="i"/>: at the end, at '_' or '-', at a lower-to-upper change, or before the last capital of an acronym followed by lower case.</summary>
    private static bool IsBoundary(string name, int i) =>
        i == name.Length
        || name[i] == '_' || name[i] == '-'
        || (char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
        || (char.IsUpper(name[i]) && i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]));

    /// <summary>The characters from <paramref name="start"/> to <paramref name="end"/> without leading and trailing '_' and '-'.</summary>
    private static (int Start, int Length) Trimmed(string name, int start, int end)
    {
        while (start < end && name[start] is '_' or '-')
        {
            start++;
        }

        while (end > start && name[end - 1] is '_' or '-')
        {
            end--;
        }

        return (start, end - start);
    }

    /// <summary>The word, lower-cased as <see cref="string.ToLowerInvariant()"/> would, equals <paramref name="lowerCase"/>.</summary>
    private static bool WordEquals(string name, int start, int length, string lowerCase)
    {
        if (length != lowerCase.Length)
        {
            return false;
        }

        for (var i = 0; i < length; i++)
        {
            if (char.ToLowerInvariant(name[start + i]) != lowerCase[i])
            {
                return false;
            }
        }

        return true;
    }
}
