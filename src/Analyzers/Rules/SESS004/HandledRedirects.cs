using System;

namespace SessionSafety.Analyzers.Rules.SESS004;

/// <summary>SESS004: which of cookie authentication's redirects a configuration replaces.</summary>
[Flags]
internal enum HandledRedirects
{
    None = 0,

    /// <summary><c>Events.OnRedirectToLogin</c>, or an events type that overrides <c>RedirectToLogin</c>.</summary>
    Login = 1,

    /// <summary><c>Events.OnRedirectToAccessDenied</c>, or an events type that overrides <c>RedirectToAccessDenied</c>.</summary>
    AccessDenied = 2,
}
