using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;

namespace SessionSafety.Internal;

/// <summary>Recognises a login page, and a response that a redirect to it produced.</summary>
internal static class LoginPage
{
    public static string[][] Parse(IEnumerable<string> paths)
    {
        var parsed = new List<string[]>();
        foreach (var path in paths)
        {
            var segments = (path ?? string.Empty).Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length > 0)
            {
                parsed.Add(segments);
            }
        }

        return parsed.ToArray();
    }

    /// <summary>
    /// Whether <paramref name="response"/> is what a redirect to the login page produced: a 3xx whose
    /// <c>Location</c> is a login page (automatic redirects off), a 2xx that a redirect ended on a login
    /// page, or — in the browser — an opaque redirect, whose target fetch hides. A request sent to a login path and answered there without a redirect (a save to
    /// <c>/api/posts/login</c>, the app's own sign-in) is not one. When the original request is known,
    /// "redirected" means its URI or method changed on the way; when it is not (the guard sees only the
    /// response), a save that arrived as a GET or HEAD was redirected, since no save is sent that way.
    /// </summary>
    public static bool IsLoginRedirect(HttpResponseMessage response, string[][] loginPaths, Uri? originalUri = null, HttpMethod? originalMethod = null)
    {
        if (BrowserFetch.IsOpaqueRedirect(response))
        {
            // In the browser, with fetch told not to follow: where it led is hidden from script. A save the
            // server redirected instead of accepting did not demonstrably arrive, and the usual cause — cookie
            // authentication sending it to the sign-in page — is the one a "sign in again" cures.
            return true;
        }

        var final = response.RequestMessage;
        if (IsRedirectStatus(response.StatusCode) && response.Headers.Location is { } location)
        {
            var target = location.IsAbsoluteUri || final?.RequestUri is not { IsAbsoluteUri: true } from ? location : new Uri(from, location);
            return IsLoginPage(target, loginPaths);
        }

        if (!response.IsSuccessStatusCode || final?.RequestUri is not { } finalUri || !IsLoginPage(finalUri, loginPaths))
        {
            return false;
        }

        if (originalUri is not null && originalMethod is not null)
        {
            return final.Method != originalMethod || !SameTarget(finalUri, originalUri);
        }

        return final.Method == HttpMethod.Get || final.Method == HttpMethod.Head;
    }

    /// <summary>
    /// Whether a 2xx <paramref name="response"/> answers a GET that a redirect made of the save (301, 302 and
    /// 303 turn a POST into a GET without its content): the page it ended on answered, not the save. When
    /// the original method is known, a changed method tells; when not, a final GET or HEAD does, since the
    /// guard wraps saves (POST, PUT, PATCH), which are never sent that way. A 307/308 keeps the method and
    /// re-sends the content, so its 2xx is the save's own.
    /// </summary>
    public static bool IsRedirectedAway(HttpResponseMessage response, HttpMethod? originalMethod)
    {
        if (!response.IsSuccessStatusCode || response.RequestMessage is not { } final)
        {
            return false;
        }

        return originalMethod is not null
            ? final.Method != originalMethod
            : final.Method == HttpMethod.Get || final.Method == HttpMethod.Head;
    }

    /// <summary>Whether <paramref name="uri"/>'s path has one of the login path segments (or segment sequences).</summary>
    public static bool IsLoginPage(Uri uri, string[][] loginPaths)
    {
        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?', '#')[0];
        var segments = Uri.UnescapeDataString(path).Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
        foreach (var login in loginPaths)
        {
            for (var start = 0; start + login.Length <= segments.Length; start++)
            {
                var match = true;
                for (var i = 0; i < login.Length && match; i++)
                {
                    match = string.Equals(segments[start + i], login[i], StringComparison.OrdinalIgnoreCase);
                }

                if (match)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsRedirectStatus(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    /// <summary>A relative URI cannot be compared with the absolute one the client sent: only the method tells then.</summary>
    private static bool SameTarget(Uri final, Uri original) =>
        !original.IsAbsoluteUri || !final.IsAbsoluteUri
        || Uri.Compare(final, original, UriComponents.SchemeAndServer | UriComponents.PathAndQuery, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;
}
