using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SessionSafety.Analyzers;
using SessionSafety.CodeFixes;
using SessionSafety.Tests.Verifiers;
using static SessionSafety.Tests.Analyzers.SESS004.SESS004Sources;

using Verify = SessionSafety.Tests.Verifiers.CSharpCodeFixVerifier<
    SessionSafety.Analyzers.Rules.SESS004.SESS004CookieRedirectsApiCallsAnalyzer,
    SessionSafety.CodeFixes.Rules.SESS004.SESS004CookieRedirectsApiCallsCodeFix>;

namespace SessionSafety.Tests.Fixes.SESS004;

/// <summary>
/// SESS004's fix, one diagnostic at a time and through Fix All (document, project, solution), the fixed code
/// compiled and analyzed again (the diagnostic is gone), on ASP.NET Core 10 and 8.
/// </summary>
public sealed class SESS004CookieRedirectsApiCallsCodeFixTests
{
    /// <summary>What the fix adds inside an options lambda whose parameter is <c>options</c>, indented for a lambda body at <paramref name="indent"/>.</summary>
    internal static string Events(string indent, bool accessDenied = true, string options = "options")
    {
        var text = """
            // A script call (not a GET, or one that asks for JSON) gets 401/403, which its client can tell from a success
            // and keep the user's input; a page navigation still goes to the login page.
            var redirectToLogin = OPTIONS.Events.OnRedirectToLogin;
            OPTIONS.Events.OnRedirectToLogin = context => IsScriptCall(context.Request) ? Answer(context.Response, StatusCodes.Status401Unauthorized) : redirectToLogin(context);
            """;
        if (accessDenied)
        {
            text += "\n" + """
                var redirectToAccessDenied = OPTIONS.Events.OnRedirectToAccessDenied;
                OPTIONS.Events.OnRedirectToAccessDenied = context => IsScriptCall(context.Request) ? Answer(context.Response, StatusCodes.Status403Forbidden) : redirectToAccessDenied(context);
                """;
        }

        text += "\n" + """

            static bool IsScriptCall(HttpRequest request) =>
                !HttpMethods.IsGet(request.Method)
                || request.Headers.XRequestedWith == "XMLHttpRequest"
                || request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);

            static Task Answer(HttpResponse response, int status)
            {
                response.StatusCode = status;
                return Task.CompletedTask;
            }
            """;
        return Indent(text.Replace("OPTIONS", options), indent);
    }

    private static string Indent(string text, string indent)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = lines[i].Length == 0 ? lines[i] : indent + lines[i];
        }

        return string.Join("\n", lines);
    }

    /// <summary>SESS004 reports at compilation end, a "non-local" diagnostic, which the IDE fixes like any other.</summary>
    internal const CodeFixTestBehaviors NonLocal = CodeFixTestBehaviors.SkipLocalDiagnosticCheck;

    private static DiagnosticResult Reported() => new DiagnosticResult(DiagnosticIds.CookieRedirectsApiCalls, DiagnosticSeverity.Warning).WithLocation(0).WithLocation(1);

    private static Task VerifyAsync(string source, string fixedSource, bool aspNetCore8 = false)
    {
        var test = new Verify.Test { TestCode = source, FixedCode = fixedSource, CodeFixTestBehaviors = NonLocal };
        test.ExpectedDiagnostics.Add(Reported());
        return (aspNetCore8 ? test.OnAspNetCore8() : test).RunAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddCookieWithBlockLambda_AddsTheEventsAtItsEnd(bool aspNetCore8)
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).{|#0:AddCookie|}(options =>
                    {
                        options.LoginPath = "/login";
                    });
                }
            }
            """ + NotesController;
        var fixedSource = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
                    {
                        options.LoginPath = "/login";
            EVENTS
                    });
                }
            }
            """.Replace("EVENTS", Events("            ")) + NotesController.Replace("{|#1:Save|}", "Save");
        await VerifyAsync(source, fixedSource, aspNetCore8);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddCookieWithoutOptions_CreatesTheOptionsLambda(bool aspNetCore8)
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddAuthentication().{|#0:AddCookie|}();
                }
            }
            """ + NotesController;
        var fixedSource = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddAuthentication().AddCookie(options =>
                    {
            EVENTS
                    });
                }
            }
            """.Replace("EVENTS", Events("            ")) + NotesController.Replace("{|#1:Save|}", "Save");
        await VerifyAsync(source, fixedSource, aspNetCore8);
    }

    [Fact]
    public async Task NamedAddCookieWithoutOptions_AddsTheLambdaAfterTheName()
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddAuthentication("Site").{|#0:AddCookie|}("Site");
                }
            }
            """ + NotesController;
        var fixedSource = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddAuthentication("Site").AddCookie("Site", options =>
                    {
            EVENTS
                    });
                }
            }
            """.Replace("EVENTS", Events("            ")) + NotesController.Replace("{|#1:Save|}", "Save");
        await VerifyAsync(source, fixedSource);
    }

    [Fact]
    public async Task ExpressionBodiedOptionsLambda_BecomesABlockThatKeepsTheOption()
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddAuthentication().{|#0:AddCookie|}(o => o.LoginPath = "/signin");
                }
            }
            """ + NotesController;
        var fixedSource = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddAuthentication().AddCookie(o =>
                    {
                        o.LoginPath = "/signin";
            EVENTS
                    });
                }
            }
            """.Replace("EVENTS", Events("            ", options: "o")) + NotesController.Replace("{|#1:Save|}", "Save");
        await VerifyAsync(source, fixedSource);
    }

    [Fact]
    public async Task PostConfigureWithAnAccessDeniedHandlerElsewhere_AddsOnlyTheLoginHandler()
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddIdentity<AppUser, IdentityRole>();
                    services.{|#0:PostConfigure<CookieAuthenticationOptions>|}(IdentityConstants.ApplicationScheme, options =>
                    {
                        options.LoginPath = "/login";
                    });
                    services.ConfigureApplicationCookie(options => options.Events.OnRedirectToAccessDenied = context => Task.CompletedTask);
                }
            }
            """ + User + NotesController;
        var fixedSource = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddIdentity<AppUser, IdentityRole>();
                    services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, options =>
                    {
                        options.LoginPath = "/login";
            EVENTS
                    });
                    services.ConfigureApplicationCookie(options => options.Events.OnRedirectToAccessDenied = context => Task.CompletedTask);
                }
            }
            """.Replace("EVENTS", Events("            ", accessDenied: false)) + User + NotesController.Replace("{|#1:Save|}", "Save");
        await VerifyAsync(source, fixedSource);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task IdentityThatNothingConfigures_AddsConfigureApplicationCookieAfterTheStatement(bool aspNetCore8)
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.{|#0:AddIdentity<AppUser, IdentityRole>|}()
                        .AddDefaultTokenProviders();
                }
            }
            """ + User + NotesController;
        var fixedSource = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddIdentity<AppUser, IdentityRole>()
                        .AddDefaultTokenProviders();
                    services.ConfigureApplicationCookie(options =>
                    {
            EVENTS
                    });
                }
            }
            """.Replace("EVENTS", Events("            ")) + User + NotesController.Replace("{|#1:Save|}", "Save");
        await VerifyAsync(source, fixedSource, aspNetCore8);
    }

    [Fact]
    public async Task TopLevelProgram_AddsTheEventsAndCompiles()
    {
        var program = Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).{|#0:AddCookie|}(options => options.LoginPath = "/login");
            var app = builder.Build();
            app.{|#1:MapPost|}("/api/notes", (HttpContext context) => Results.Ok()).RequireAuthorization();
            app.Run();
            """;
        var fixedProgram = Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
            {
                options.LoginPath = "/login";
            EVENTS
            });
            var app = builder.Build();
            app.MapPost("/api/notes", (HttpContext context) => Results.Ok()).RequireAuthorization();
            app.Run();
            """.Replace("EVENTS", Events("    "));
        var test = new Verify.Test { TestCode = program, FixedCode = fixedProgram, CodeFixTestBehaviors = NonLocal };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Reported());
        await test.RunAsync();
    }

    [Fact]
    public async Task NamesAlreadyTakenInScope_GetANumber()
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services, HttpContext context)
                {
                    var redirectToLogin = "/login";
                    services.AddAuthentication().{|#0:AddCookie|}(options =>
                    {
                        options.LoginPath = redirectToLogin;
                    });
                }
            }
            """ + NotesController;
        var fixedSource = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services, HttpContext context)
                {
                    var redirectToLogin = "/login";
                    services.AddAuthentication().AddCookie(options =>
                    {
                        options.LoginPath = redirectToLogin;
            EVENTS
                    });
                }
            }
            """.Replace("EVENTS", Events("            ").Replace("redirectToLogin", "redirectToLogin2").Replace("context", "context2")) + NotesController.Replace("{|#1:Save|}", "Save");
        await VerifyAsync(source, fixedSource);
    }

    [Fact]
    public async Task OptionsFromAMethodGroup_OffersNoFix()
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services) => services.AddAuthentication().{|#0:AddCookie|}(Configure);

                private static void Configure(CookieAuthenticationOptions options) => options.LoginPath = "/login";
            }
            """ + NotesController;
        await VerifyAsync(source, source);
    }

    [Fact]
    public async Task TwoSchemesInOneDocument_FixAllAddsTheEventsToBoth()
    {
        var source = Usings + """

            public sealed record Note(string Text);

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddAuthentication(options => options.DefaultChallengeScheme = "Site")
                        .{|#0:AddCookie|}("Site")
                        .{|#2:AddCookie|}("Admin", options => options.LoginPath = "/admin/login");
            }

            [Authorize]
            public sealed class NotesController : Controller
            {
                [HttpPost]
                public IActionResult {|#1:Save|}([FromBody] Note note) => Ok();
            }

            [Authorize(AuthenticationSchemes = "Admin")]
            public sealed class AdminController : Controller
            {
                [HttpPost]
                public IActionResult {|#3:Save|}([FromBody] Note note) => Ok();
            }
            """;
        var fixedSource = Usings + """

            public sealed record Note(string Text);

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddAuthentication(options => options.DefaultChallengeScheme = "Site")
                        .AddCookie("Site", options =>
                        {
            EVENTS
                        })
                        .AddCookie("Admin", options =>
                        {
                            options.LoginPath = "/admin/login";
            EVENTS
                        });
            }

            [Authorize]
            public sealed class NotesController : Controller
            {
                [HttpPost]
                public IActionResult Save([FromBody] Note note) => Ok();
            }

            [Authorize(AuthenticationSchemes = "Admin")]
            public sealed class AdminController : Controller
            {
                [HttpPost]
                public IActionResult Save([FromBody] Note note) => Ok();
            }
            """.Replace("EVENTS", Events("                "));
        var test = new Verify.Test { TestCode = source, FixedCode = fixedSource, CodeFixTestBehaviors = NonLocal };
        test.ExpectedDiagnostics.Add(Reported());
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticIds.CookieRedirectsApiCalls, DiagnosticSeverity.Warning).WithLocation(2).WithLocation(3));
        await test.RunAsync();
    }
}
