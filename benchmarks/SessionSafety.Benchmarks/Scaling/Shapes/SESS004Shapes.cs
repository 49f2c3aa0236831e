using System.Collections.Generic;
using static SessionSafety.Benchmarks.Scaling.Shapes.ShapeSources;

namespace SessionSafety.Benchmarks.Scaling.Shapes;

/// <summary>
/// SESS004's worst cases (issue #20): the compilation-end decision reads every scheme configuration,
/// every endpoint and every options class together, so each of them grows with N here.
/// </summary>
internal static class SESS004Shapes
{
    private const string Rule = "SESS004";

    public static IEnumerable<ScalingShape> All { get; } = new[]
    {
        new ScalingShape(Rule, "cookie-schemes", "N named cookie schemes in one method, the even ones with a login handler; one script save challenges each scheme", CookieSchemes, Odds),
        new ScalingShape(Rule, "script-save-controllers", "N plain [Authorize] controllers taking JSON saves under one cookie scheme", ScriptSaveControllers, _ => 1),
        new ScalingShape(Rule, "options-classes", "N options classes post-configuring the cookie with an access-denied handler only", OptionsClasses, _ => 1),
    };

    private const string Usings = """
        using Microsoft.AspNetCore.Authentication;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.Options;

        """;

    private static ShapeCode CookieSchemes(int n) => Code(
        ("Startup.cs", Usings + $$"""
            namespace Contoso.Scaling;

            public static class Startup
            {
                public static void Add(IServiceCollection services)
                {
                    var authentication = services.AddAuthentication();
            {{Repeat(n, 8, i => i % 2 == 0
                ? $"authentication.AddCookie(\"scheme{i}\", o => o.Events.OnRedirectToLogin = context => {{ context.Response.StatusCode = 401; return Task.CompletedTask; }});"
                : $"authentication.AddCookie(\"scheme{i}\", o => o.LoginPath = \"/login{i}\");")}}
                }
            }

            """),
        ("NotesController.cs", Usings + $$"""
            namespace Contoso.Scaling;

            public sealed class NotesController : Controller
            {
            {{Repeat(n, 4, i => $$"""
                [Authorize(AuthenticationSchemes = "scheme{{i}}")]
                [HttpPost("/notes/{{i}}")]
                public IActionResult Save{{i}}([FromBody] Note note) => Ok();

                """)}}
            }

            """));

    private static ShapeCode ScriptSaveControllers(int n) => Code(
        ("Startup.cs", Usings + """
            namespace Contoso.Scaling;

            public static class Startup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o => o.LoginPath = "/login");
            }

            """),
        ("Controllers.cs", Usings + $$"""
            namespace Contoso.Scaling;

            {{Repeat(n, 0, i => $$"""
            [Authorize]
            public sealed class Notes{{i}}Controller : Controller
            {
                [HttpPost("/notes{{i}}")]
                public IActionResult Save([FromBody] Note note) => string.IsNullOrEmpty(note.Text) ? BadRequest() : Ok();
            }

            """)}}

            """));

    private static ShapeCode OptionsClasses(int n) => Code(
        ("Startup.cs", Usings + $$"""
            namespace Contoso.Scaling;

            public static class Startup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
            {{Repeat(n, 8, i => $"services.ConfigureOptions<DeniedPage{i}>();")}}
                }
            }

            [Authorize]
            public sealed class NotesController : Controller
            {
                [HttpPost("/notes")]
                public IActionResult Save([FromBody] Note note) => Ok();
            }

            """),
        ("DeniedPages.cs", Usings + $$"""
            namespace Contoso.Scaling;

            {{Repeat(n, 0, i => $$"""
            public sealed class DeniedPage{{i}} : IPostConfigureOptions<CookieAuthenticationOptions>
            {
                public void PostConfigure(string? name, CookieAuthenticationOptions options) =>
                    options.Events.OnRedirectToAccessDenied = context => { context.RedirectUri += "&page={{i}}"; return Task.CompletedTask; };
            }

            """)}}

            """));
}
