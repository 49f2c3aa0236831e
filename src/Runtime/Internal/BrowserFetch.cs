using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.InteropServices;

namespace SessionSafety.Internal;

/// <summary>
/// In the browser, <see cref="HttpClient"/> sends through <c>fetch</c>, which follows a redirect without
/// telling .NET where it ended: a save that cookie authentication redirected to the login page comes back as
/// a plain 200 with the original address. Asking fetch not to follow (<c>redirect: "manual"</c>) turns the
/// redirect into an "opaque redirect" (status 0) that the guard and the recovery can see.
/// </summary>
internal static class BrowserFetch
{
    /// <summary>
    /// The request option .NET's browser handler copies into fetch's init object: what Blazor's
    /// <c>SetBrowserRequestOption</c> writes. Set by its key so that the runtime needs no Blazor package.
    /// </summary>
    public const string FetchOptionsKey = "WebAssemblyFetchOptions";

    /// <summary>The reason phrase .NET's browser handler gives the response to a redirect that fetch did not follow.</summary>
    public const string OpaqueRedirect = "opaqueredirect";

    private const string RedirectOption = "redirect";

#if NET8_0_OR_GREATER
    private static readonly HttpRequestOptionsKey<IDictionary<string, object>> FetchOptions = new(FetchOptionsKey);

    /// <summary>Whether this process runs in a browser (Blazor WebAssembly).</summary>
    public static bool IsBrowser { get; } = OperatingSystem.IsBrowser();
#else
    /// <summary>Whether this process runs in a browser (an app on .NET 5–7 WebAssembly gets the netstandard2.0 build).</summary>
    public static bool IsBrowser { get; } = RuntimeInformation.IsOSPlatform(OSPlatform.Create("BROWSER"));
#endif

    /// <summary>
    /// Asks fetch not to follow redirects for <paramref name="request"/> — unless the app chose a redirect
    /// mode for it itself (its decision), or put something other than fetch options under the key.
    /// </summary>
    public static void DoNotFollowRedirects(HttpRequestMessage request)
    {
#if NET8_0_OR_GREATER
        IDictionary<string, object?> all = request.Options;
#else
        var all = request.Properties;
#endif
        if (all.TryGetValue(FetchOptionsKey, out var existing) && existing is not null and not IDictionary<string, object>)
        {
            return;
        }

        var options = existing as IDictionary<string, object>;
        if (options is not null && options.ContainsKey(RedirectOption))
        {
            return;
        }

        // Copied, never changed in place: the app may share one options dictionary between requests.
        var updated = options is null
            ? new Dictionary<string, object>(StringComparer.Ordinal)
            : new Dictionary<string, object>(options, StringComparer.Ordinal);
        updated[RedirectOption] = "manual";
#if NET8_0_OR_GREATER
        request.Options.Set(FetchOptions, updated);
#else
        all[FetchOptionsKey] = updated;
#endif
    }

    /// <summary>
    /// Whether <paramref name="response"/> is fetch's answer to a redirect it did not follow: status 0 with
    /// the reason .NET's browser handler gives it. Where it led is hidden from script.
    /// </summary>
    public static bool IsOpaqueRedirect(HttpResponseMessage response) =>
        response.StatusCode == 0 && string.Equals(response.ReasonPhrase, OpaqueRedirect, StringComparison.Ordinal);

    /// <summary>Whether a request that changes something (not GET, HEAD, OPTIONS or TRACE): the ones whose input a redirect can lose.</summary>
    public static bool ChangesSomething(HttpMethod method) =>
        method != HttpMethod.Get && method != HttpMethod.Head && method != HttpMethod.Options && method != HttpMethod.Trace;
}
