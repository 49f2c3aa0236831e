using System.Collections.Generic;
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
    /// <summary>Word sequences (lower case) that name an authentication flow.</summary>
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

    public static bool NameHasFlowWord(string name)
    {
        var words = Words(name);
        foreach (var sequence in FlowWords)
        {
            for (var start = 0; start + sequence.Length <= words.Count; start++)
            {
                var all = true;
                for (var i = 0; i < sequence.Length && all; i++)
                {
                    all = words[start + i] == sequence[i];
                }

                if (all)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Splits an identifier into lower-case words at case changes, digits-to-letters, '_' and '-'.</summary>
    private static List<string> Words(string name)
    {
        var words = new List<string>();
        var start = 0;
        for (var i = 1; i <= name.Length; i++)
        {
            var boundary = i == name.Length
                || name[i] == '_' || name[i] == '-'
                || (char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
                || (char.IsUpper(name[i]) && i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]));
            if (boundary)
            {
                var word = name.Substring(start, i - start).Trim('_', '-');
                if (word.Length > 0)
                {
                    words.Add(word.ToLowerInvariant());
                }

                start = i;
            }
        }

        return words;
    }
}
