using System;

namespace SessionSafety.Benchmarks.Corpus;

/// <summary>How an MVC POST action ends when the user is not (or no longer) signed in.</summary>
public enum MvcPostShape
{
    SaveThenRedirectToIndex,
    InvalidThenView,
    LocalRedirectToList,
    TempDataDraftThenLogin,
    RedirectToActionLogin,
    ChallengeOnMissingScope,
    RedirectToLoginUrl,
}

/// <summary>Cookie authentication lifetimes in <c>AddCookie(o => …)</c>.</summary>
public enum CookieLifetimeShape
{
    SlidingShort,
    SlidingLong,
    FromConfiguration,
    AbsoluteShort,
    AbsoluteLong,
    CookieMaxAgeShort,
    StaticReadonlyShort,
}

/// <summary><c>AddSession(o => …)</c> idle timeouts.</summary>
public enum SessionLifetimeShape
{
    IdleShort,
    IdleLong,
    IdleFromConfiguration,
    IdleDefault,
    IdleNewTimeSpanShort,
}

/// <summary>Cookies written by middleware: session cookies (short ones flagged) and others (never flagged).</summary>
public enum CookieAppendShape
{
    SessionIdShort,
    AuthTokenMaxAgeShort,
    ThemeShort,
    CultureShort,
    DeleteSessionCookie,
    WordInsideAnotherWord,
    SessionIdLong,
}

/// <summary><c>AuthenticationProperties</c> given to <c>SignInAsync</c>.</summary>
public enum SignInShape
{
    PersistentShort,
    PersistentLong,
    NotPersistent,
}

public static class ConfigShapes
{
    public static ShapeCycle<MvcPostShape> MvcCycle(Random random) => new(
        random,
        (MvcPostShape.SaveThenRedirectToIndex, 4),
        (MvcPostShape.InvalidThenView, 2),
        (MvcPostShape.LocalRedirectToList, 1),
        (MvcPostShape.TempDataDraftThenLogin, 1),
        (MvcPostShape.RedirectToActionLogin, 1),
        (MvcPostShape.ChallengeOnMissingScope, 1),
        (MvcPostShape.RedirectToLoginUrl, 1));

    public static ShapeCycle<CookieLifetimeShape> CookieCycle(Random random) => new(
        random,
        (CookieLifetimeShape.SlidingShort, 2),
        (CookieLifetimeShape.SlidingLong, 2),
        (CookieLifetimeShape.FromConfiguration, 2),
        (CookieLifetimeShape.AbsoluteShort, 1),
        (CookieLifetimeShape.AbsoluteLong, 1),
        (CookieLifetimeShape.CookieMaxAgeShort, 1),
        (CookieLifetimeShape.StaticReadonlyShort, 1));

    public static ShapeCycle<SessionLifetimeShape> SessionCycle(Random random) => new(
        random,
        (SessionLifetimeShape.IdleShort, 2),
        (SessionLifetimeShape.IdleLong, 2),
        (SessionLifetimeShape.IdleFromConfiguration, 1),
        (SessionLifetimeShape.IdleDefault, 1),
        (SessionLifetimeShape.IdleNewTimeSpanShort, 1));

    public static ShapeCycle<CookieAppendShape> AppendCycle(Random random) => new(
        random,
        (CookieAppendShape.SessionIdShort, 1),
        (CookieAppendShape.AuthTokenMaxAgeShort, 1),
        (CookieAppendShape.ThemeShort, 1),
        (CookieAppendShape.CultureShort, 1),
        (CookieAppendShape.DeleteSessionCookie, 1),
        (CookieAppendShape.WordInsideAnotherWord, 1),
        (CookieAppendShape.SessionIdLong, 1));

    public static ShapeCycle<SignInShape> SignInCycle(Random random) => new(
        random,
        (SignInShape.PersistentShort, 1),
        (SignInShape.PersistentLong, 1),
        (SignInShape.NotPersistent, 1));

    public static bool IsFlagged(MvcPostShape shape) =>
        shape is MvcPostShape.RedirectToActionLogin or MvcPostShape.ChallengeOnMissingScope or MvcPostShape.RedirectToLoginUrl;

    public static bool IsFlagged(CookieLifetimeShape shape) =>
        shape is CookieLifetimeShape.SlidingShort or CookieLifetimeShape.AbsoluteShort or CookieLifetimeShape.CookieMaxAgeShort or CookieLifetimeShape.StaticReadonlyShort;

    public static bool IsFlagged(SessionLifetimeShape shape) =>
        shape is SessionLifetimeShape.IdleShort or SessionLifetimeShape.IdleNewTimeSpanShort;

    public static bool IsFlagged(CookieAppendShape shape) =>
        shape is CookieAppendShape.SessionIdShort or CookieAppendShape.AuthTokenMaxAgeShort;

    public static bool IsFlagged(SignInShape shape) => shape is SignInShape.PersistentShort;

    /// <summary>Statements inside <c>if (…) { … }</c> of a POST action that received <c>form</c>.</summary>
    public static string MvcUnauthenticated(MvcPostShape shape, string entity) => shape switch
    {
        MvcPostShape.TempDataDraftThenLogin => $$"""
            if (User.Identity?.IsAuthenticated != true)
            {
                TempData["{{entity}}.Draft"] = JsonSerializer.Serialize(form);
                return RedirectToAction("Login", "Account");
            }
            """,
        MvcPostShape.RedirectToActionLogin => """
            if (User.Identity?.IsAuthenticated != true)
            {
                return RedirectToAction("Login", "Account", new { returnUrl = Request.Path.Value });
            }
            """,
        MvcPostShape.ChallengeOnMissingScope => $$"""
            if (!User.HasClaim(c => c.Type == "scope" && c.Value == "{{entity.ToLowerInvariant()}}.write"))
            {
                return Challenge();
            }
            """,
        MvcPostShape.RedirectToLoginUrl => """
            if (User.Identity?.IsAuthenticated != true)
            {
                return Redirect("/account/login?expired=true");
            }
            """,
        _ => string.Empty,
    };

    public static string CookieLifetime(CookieLifetimeShape shape) => shape switch
    {
        CookieLifetimeShape.SlidingShort => """
            options.ExpireTimeSpan = TimeSpan.FromMinutes(20);
            options.SlidingExpiration = true;
            """,
        CookieLifetimeShape.SlidingLong => """
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            """,
        CookieLifetimeShape.FromConfiguration => """
            options.ExpireTimeSpan = builder.Configuration.GetValue("Authentication:CookieLifetime", TimeSpan.FromHours(12));
            """,
        CookieLifetimeShape.AbsoluteShort => """
            options.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            options.SlidingExpiration = false;
            """,
        CookieLifetimeShape.AbsoluteLong => """
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
            options.SlidingExpiration = false;
            """,
        CookieLifetimeShape.CookieMaxAgeShort => """
            options.Cookie.MaxAge = TimeSpan.FromHours(1);
            """,
        CookieLifetimeShape.StaticReadonlyShort => """
            options.ExpireTimeSpan = DefaultCookieLifetime;
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    public static string SessionLifetime(SessionLifetimeShape shape) => shape switch
    {
        SessionLifetimeShape.IdleShort => "options.IdleTimeout = TimeSpan.FromMinutes(20);",
        SessionLifetimeShape.IdleLong => "options.IdleTimeout = TimeSpan.FromHours(2);",
        SessionLifetimeShape.IdleFromConfiguration => "options.IdleTimeout = TimeSpan.FromMinutes(builder.Configuration.GetValue(\"Session:IdleMinutes\", 90));",
        SessionLifetimeShape.IdleDefault => "options.IOTimeout = TimeSpan.FromSeconds(30);",
        SessionLifetimeShape.IdleNewTimeSpanShort => "options.IdleTimeout = new TimeSpan(0, 30, 0);",
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    public static string CookieAppend(CookieAppendShape shape) => shape switch
    {
        CookieAppendShape.SessionIdShort => """
            context.Response.Cookies.Append("SessionId", sessionId, new CookieOptions
            {
                HttpOnly = true,
                Secure = true,
                Expires = DateTimeOffset.UtcNow.AddHours(1),
            });
            """,
        CookieAppendShape.AuthTokenMaxAgeShort => """
            context.Response.Cookies.Append("auth_token", token, new CookieOptions { HttpOnly = true, MaxAge = TimeSpan.FromMinutes(15) });
            """,
        CookieAppendShape.ThemeShort => """
            context.Response.Cookies.Append("theme", theme, new CookieOptions { Expires = DateTimeOffset.UtcNow.AddHours(1) });
            """,
        CookieAppendShape.CultureShort => """
            context.Response.Cookies.Append(".AspNetCore.Culture", culture, new CookieOptions { Expires = DateTimeOffset.UtcNow.AddDays(1) });
            """,
        CookieAppendShape.DeleteSessionCookie => """
            if (context.Request.Query.ContainsKey("signout"))
            {
                context.Response.Cookies.Append("SessionId", string.Empty, new CookieOptions { Expires = DateTimeOffset.UtcNow.AddDays(-1) });
            }
            """,
        CookieAppendShape.WordInsideAnotherWord => """
            context.Response.Cookies.Append("consider_later", "1", new CookieOptions { Expires = DateTimeOffset.UtcNow.AddHours(2) });
            """,
        CookieAppendShape.SessionIdLong => """
            context.Response.Cookies.Append("SessionId", sessionId, new CookieOptions { HttpOnly = true, Expires = DateTimeOffset.UtcNow.AddDays(30) });
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    public static string SignInProperties(SignInShape shape) => shape switch
    {
        SignInShape.PersistentShort => """
            var properties = new AuthenticationProperties
            {
                IsPersistent = form.RememberMe,
                ExpiresUtc = DateTimeOffset.UtcNow.AddMinutes(30),
            };
            """,
        SignInShape.PersistentLong => """
            var properties = new AuthenticationProperties
            {
                IsPersistent = form.RememberMe,
                ExpiresUtc = DateTimeOffset.UtcNow.AddDays(30),
            };
            """,
        SignInShape.NotPersistent => """
            var properties = new AuthenticationProperties { IsPersistent = false, AllowRefresh = true };
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };
}
