using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace SessionSafety;

/// <summary>Settings of a <see cref="DraftGuard"/>.</summary>
public sealed class DraftGuardOptions
{
    /// <summary>The login path segments SPEC'd by default (matched case-insensitively as whole path segments).</summary>
    public static readonly IReadOnlyList<string> DefaultLoginPaths = new[]
    {
        "login", "signin", "sign-in", "log-in", "logon", "authentication/login", "account/login", "identity/account/login",
    };

    /// <summary>The store drafts go to; <see cref="DraftStore.Default"/> (looked up at each save) when not set.</summary>
    public IDraftStore? Store { get; set; }

    /// <summary>Where outcomes are logged (never with the draft's content). Optional.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>
    /// Path segments (or segment sequences such as <c>account/login</c>) that mark a login page: a 2xx
    /// response whose final URI has one is a redirect to the login page, not a successful save.
    /// </summary>
    public IList<string> LoginPaths { get; } = new List<string>(DefaultLoginPaths);

    /// <summary>How objects are turned into draft text; the web defaults (as <c>PostAsJsonAsync</c> uses) when not set.</summary>
    public JsonSerializerOptions? JsonSerializerOptions { get; set; }

    /// <summary>Whether the guard runs in a browser (Blazor WebAssembly), where fetch must be told not to follow redirects. Set by tests.</summary>
    internal bool RunsInBrowser { get; set; } = Internal.BrowserFetch.IsBrowser;
}
