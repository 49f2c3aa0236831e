using System.Collections.Generic;
using static SessionSafety.Benchmarks.Scaling.Shapes.ShapeSources;

namespace SessionSafety.Benchmarks.Scaling.Shapes;

/// <summary>
/// SESS003's worst cases (issue #20): a <c>session_cookie_names</c> list of N words read for each of N
/// cookies, and N lifetime assignments in one member (each judged against the whole member).
/// </summary>
internal static class SESS003Shapes
{
    private const string Rule = "SESS003";

    public static IEnumerable<ScalingShape> All { get; } = new[]
    {
        new ScalingShape(Rule, "session-cookie-names-option", "session_cookie_names of N words; N cookies with a short lifetime, half named by a listed word", SessionCookieNamesOption, Evens),
        new ScalingShape(Rule, "lifetimes-in-one-member", "N lifetime assignments in one member (cookie, session, cookie options)", LifetimesInOneMember, n => n),
    };

    /// <summary>One member per cookie, so that the option is the only thing that grows with N for each cookie; the odd names are listed nowhere.</summary>
    private static ShapeCode SessionCookieNamesOption(int n) => Code(("CookieWriter.cs", $$"""
        namespace Contoso.Scaling;

        public static class CookieWriter
        {
        {{Repeat(n, 4, i => $$"""
            public static void Write{{i}}(HttpResponse response)
            {
                var options = new CookieOptions { Expires = DateTimeOffset.UtcNow.AddMinutes(30) };
                response.Cookies.Append("{{(i % 2 == 0 ? "Tenant" : "Theme")}}{{i}}", "1", options);
            }

            """)}}
        }

        """)) with
    {
        Options = new Dictionary<string, string>
        {
            ["session_safety.session_cookie_names"] = OptionList(n, i => $"tenant{i}"),
        },
    };

    private static ShapeCode LifetimesInOneMember(int n) => Code(("SessionSettings.cs", $$"""
        namespace Contoso.Scaling;

        public static class SessionSettings
        {
            public static void Apply(CookieAuthenticationOptions cookie, SessionOptions session, HttpResponse response)
            {
        {{Repeat(n, 8, i => (i % 3) switch
        {
            0 => $"cookie.ExpireTimeSpan = TimeSpan.FromMinutes({1 + (i % 50)});",
            1 => $"session.IdleTimeout = TimeSpan.FromMinutes({1 + (i % 50)});",
            _ => $"var options{i} = new CookieOptions {{ Expires = DateTimeOffset.UtcNow.AddHours({1 + (i % 20)}) }};\nresponse.Cookies.Append(\"session-{i}\", \"1\", options{i});",
        })}}
            }
        }

        """));
}
