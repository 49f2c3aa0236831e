using System;
using System.Collections.Generic;
using System.Text;

namespace SessionSafety.Internal;

/// <summary>
/// Which header names and query parameters carry credentials, so that they are never kept in a parked
/// request, written to a log or handed out in an event. The rules err on the side of dropping: a
/// header lost from a replay makes the server reject it (the guard's draft is still kept); a token kept
/// would outlive the session it belonged to.
/// </summary>
internal static class Credentials
{
    public const string Redacted = "REDACTED";

    private static readonly HashSet<string> KnownHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "Cookie2", "Set-Cookie",
        "X-CSRF-Token", "X-XSRF-Token", "X-CSRFToken", "RequestVerificationToken",
        "X-Api-Key", "X-Auth-Token", "api-key", "apikey", "Ocp-Apim-Subscription-Key", "X-Functions-Key",
        "X-Amz-Security-Token", "X-Goog-Api-Key",
    };

    /// <summary>Header names that look like a credential but are not one, and that a replay needs.</summary>
    private static readonly HashSet<string> KeptHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Idempotency-Key", "X-Idempotency-Key",
    };

    private static readonly string[] CredentialWords =
    {
        "auth", "token", "secret", "password", "passwd", "cookie", "csrf", "xsrf", "session", "signature", "credential", "apikey",
    };

    /// <summary>Query parameters whose only use is a bearer credential (RFC 6750 §2.3): dropped from parked requests.</summary>
    private static readonly HashSet<string> BearerQueryParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "access_token", "id_token", "refresh_token",
    };

    /// <summary>Query parameters redacted in events (logs get no query at all).</summary>
    private static readonly HashSet<string> KnownQueryParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "access_token", "id_token", "refresh_token", "token", "api_key", "apikey", "api-key", "key", "code",
        "client_secret", "password", "pwd", "passwd", "secret", "sig", "signature", "auth",
    };

    /// <summary>
    /// Whether a request or content header carries a credential: the known names (<c>Authorization</c>,
    /// <c>Cookie</c>, CSRF and API-key headers) and any name that reads like one (a word such as
    /// <c>token</c>, <c>auth</c>, <c>secret</c>, <c>session</c>, or ending in <c>key</c>), except the
    /// idempotency key.
    /// </summary>
    public static bool IsCredentialHeader(string name, ICollection<string>? extra = null)
    {
        if (KnownHeaders.Contains(name) || (extra is not null && Contains(extra, name)))
        {
            return true;
        }

        if (KeptHeaders.Contains(name))
        {
            return false;
        }

        var normalized = Normalize(name);
        return normalized.EndsWith("key", StringComparison.Ordinal) || ContainsWord(normalized);
    }

    /// <summary>Whether a query parameter carries a credential (<c>access_token</c>, <c>api_key</c>, <c>sig</c>, …).</summary>
    public static bool IsCredentialQueryParameter(string name)
    {
        if (KnownQueryParameters.Contains(name))
        {
            return true;
        }

        var normalized = Normalize(name);
        return normalized.EndsWith("key", StringComparison.Ordinal) || ContainsWord(normalized);
    }

    /// <summary>For an event or a parked request: no user information, and credential query values replaced.</summary>
    public static Uri? Redact(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri)
        {
            return uri;
        }

        var query = RewriteQuery(uri.Query, dropCredentials: false);
        if (string.IsNullOrEmpty(uri.UserInfo) && query == uri.Query)
        {
            return uri;
        }

        return new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty, Query = TrimQuestionMark(query) }.Uri;
    }

    /// <summary>
    /// For a parked request: no user information and no bearer-token query parameter (the renewer puts fresh
    /// credentials on). Other parameters stay, even key-like ones: they may name the resource the replay is for.
    /// </summary>
    public static Uri WithoutCredentials(Uri uri)
    {
        if (!uri.IsAbsoluteUri)
        {
            return uri;
        }

        var query = RewriteQuery(uri.Query, dropCredentials: true);
        if (string.IsNullOrEmpty(uri.UserInfo) && query == uri.Query)
        {
            return uri;
        }

        return new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty, Query = TrimQuestionMark(query) }.Uri;
    }

    /// <summary>For a log: scheme, host, port and path only (a query can carry tokens, user information a password).</summary>
    public static Uri? ForLog(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri)
        {
            return uri;
        }

        return new Uri(uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped));
    }

    private static string RewriteQuery(string query, bool dropCredentials)
    {
        if (query.Length <= 1)
        {
            return query;
        }

        var rewritten = new StringBuilder(query.Length);
        var changed = false;
        foreach (var pair in query.Substring(1).Split('&'))
        {
            var equals = pair.IndexOf('=');
            var name = Uri.UnescapeDataString((equals < 0 ? pair : pair.Substring(0, equals)).Replace('+', ' '));
            var part = pair;
            if (dropCredentials ? BearerQueryParameters.Contains(name) : IsCredentialQueryParameter(name))
            {
                changed = true;
                if (dropCredentials)
                {
                    continue;
                }

                part = (equals < 0 ? pair : pair.Substring(0, equals)) + "=" + Redacted;
            }

            rewritten.Append(rewritten.Length == 0 ? '?' : '&').Append(part);
        }

        return changed ? rewritten.ToString() : query;
    }

    private static string TrimQuestionMark(string query) => query.Length > 0 && query[0] == '?' ? query.Substring(1) : query;

    private static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static bool ContainsWord(string normalized)
    {
        foreach (var word in CredentialWords)
        {
            if (normalized.IndexOf(word, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(ICollection<string> names, string name)
    {
        foreach (var candidate in names)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
