using System;
using System.Collections.Generic;
using System.Net.Http;

namespace SessionSafety.Internal;

/// <summary>Recognises a response that is the login page a redirect ended on.</summary>
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

    public static bool IsLoginRedirect(HttpResponseMessage response, string[][] loginPaths)
    {
        var finalUri = response.RequestMessage?.RequestUri;
        if (finalUri is null || !response.IsSuccessStatusCode)
        {
            return false;
        }

        var path = finalUri.IsAbsoluteUri ? finalUri.AbsolutePath : finalUri.OriginalString.Split('?', '#')[0];
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
}
