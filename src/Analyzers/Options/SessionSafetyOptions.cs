using System;
using System.Collections.Immutable;

namespace SessionSafety.Analyzers.Options;

/// <summary>
/// Every <c>session_safety.*</c> option of every rule. Documented in docs/configuration.md and on the
/// pages of the rules that read them; a meta test keeps the three in step.
/// </summary>
public static class SessionSafetyOptions
{
    private const string Prefix = "session_safety.";

    /// <summary>All rules: analyze test projects too.</summary>
    public static readonly OptionDefinition<bool> IncludeTests = new(
        Prefix + "include_tests", false, "false", "'true' or 'false'", OptionParsers.Boolean);

    /// <summary>SESS001: message handlers (fully qualified type names) that handle 401/403 for the client.</summary>
    public static readonly OptionDefinition<ImmutableArray<string>> SessionHandlers = new(
        Prefix + "session_handlers", ImmutableArray<string>.Empty, "(none)",
        "a list of fully qualified type names separated by '|' or ','", OptionParsers.QualifiedNameList);

    /// <summary>SESS002: path segments that identify a login page.</summary>
    public static readonly OptionDefinition<ImmutableArray<string>> LoginPaths = new(
        Prefix + "login_paths",
        ImmutableArray.Create("login", "signin", "sign-in", "log-in", "logon", "authentication/login", "account/login", "identity/account/login"),
        "login|signin|sign-in|log-in|logon|authentication/login|account/login|identity/account/login",
        "a non-empty list of path segments separated by '|'", OptionParsers.WordList);

    /// <summary>SESS002: methods (fully qualified, <c>Namespace.Type.Method</c>) that store a draft.</summary>
    public static readonly OptionDefinition<ImmutableArray<string>> DraftSaveMethods = new(
        Prefix + "draft_save_methods", ImmutableArray<string>.Empty, "(none)",
        "a list of fully qualified method names (Namespace.Type.Method) separated by '|' or ','", OptionParsers.QualifiedNameList);

    /// <summary>SESS003: words that mark a cookie name as a session cookie.</summary>
    public static readonly OptionDefinition<ImmutableArray<string>> SessionCookieNames = new(
        Prefix + "session_cookie_names",
        ImmutableArray.Create("session", "sess", "sid", "auth", "token", "identity", "login", "csrf", "xsrf", "antiforgery"),
        "session|sess|sid|auth|token|identity|login|csrf|xsrf|antiforgery",
        "a non-empty list of words separated by '|'", OptionParsers.WordList);

    /// <summary>SESS003: the shortest idle (sliding) lifetime that is not reported.</summary>
    public static readonly OptionDefinition<TimeSpan> MinIdleLifetime = new(
        Prefix + "min_idle_lifetime", TimeSpan.FromHours(1), "01:00:00",
        "a positive TimeSpan in the invariant culture, such as 01:00:00", OptionParsers.PositiveTimeSpan);

    /// <summary>SESS003: the shortest absolute lifetime that is not reported.</summary>
    public static readonly OptionDefinition<TimeSpan> MinAbsoluteLifetime = new(
        Prefix + "min_absolute_lifetime", TimeSpan.FromDays(7), "7.00:00:00",
        "a positive TimeSpan in the invariant culture, such as 7.00:00:00", OptionParsers.PositiveTimeSpan);

    /// <summary>SESS001: which saves are looked at, those made for a signed-in user or all of them.</summary>
    public static readonly OptionDefinition<SaveScope> SaveScope = new(
        Prefix + "save_scope", Options.SaveScope.User, "user", "'user' or 'all'", OptionParsers.SaveScope);

    public static readonly ImmutableArray<IOptionDefinition> All = ImmutableArray.Create<IOptionDefinition>(
        IncludeTests, SessionHandlers, LoginPaths, DraftSaveMethods, SessionCookieNames, MinIdleLifetime, MinAbsoluteLifetime, SaveScope);
}
