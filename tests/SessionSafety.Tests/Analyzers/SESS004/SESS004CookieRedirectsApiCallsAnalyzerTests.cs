using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SessionSafety.Analyzers;
using SessionSafety.Tests.Verifiers;
using static SessionSafety.Tests.Analyzers.SESS004.SESS004Sources;

using Verify = SessionSafety.Tests.Verifiers.CSharpAnalyzerVerifier<
    SessionSafety.Analyzers.Rules.SESS004.SESS004CookieRedirectsApiCallsAnalyzer>;

namespace SessionSafety.Tests.Analyzers.SESS004;

/// <summary>
/// SESS004 on ASP.NET Core 10 (the test project's references) and, where the answer differs or must hold on both
/// sides, on ASP.NET Core 8 (<see cref="TestProject.OnAspNetCore8"/>). Location 0 is the configuration call the
/// diagnostic goes on, location 1 the endpoint it names.
/// </summary>
public sealed class SESS004CookieRedirectsApiCallsAnalyzerTests
{
    /// <summary>SESS004 at location 0 naming the endpoint at location 1 (the message is checked where a test gives its arguments).</summary>
    private static DiagnosticResult Reported() => Expected().WithLocation(0).WithLocation(1);

    private static DiagnosticResult Expected() => new(DiagnosticIds.CookieRedirectsApiCalls, DiagnosticSeverity.Warning);

    private static Task VerifyAsync(string source, bool aspNetCore8, params DiagnosticResult[] expected) =>
        VerifyAsync(new[] { source }, aspNetCore8, expected);

    private static Task VerifyAsync(string[] sources, bool aspNetCore8, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test();
        for (var i = 0; i < sources.Length; i++)
        {
            test.TestState.Sources.Add(($"/0/File{i}.cs", sources[i]));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return (aspNetCore8 ? test.OnAspNetCore8() : test).RunAsync();
    }

    private const string CookieApp = Usings + """

        static class Setup
        {
            public static void Add(IServiceCollection services) =>
                services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
                    .{|#0:AddCookie|}(options => options.LoginPath = "/login");
        }
        """;

    // ------------------------------------------------------------ redirected endpoints, both sides of ASP.NET Core 10

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddCookieAndAuthorizedPlainControllerFromBodyAnsweringOk_Reports(bool aspNetCore8) =>
        await VerifyAsync(CookieApp + NotesController, aspNetCore8, Reported());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddCookieAndAuthorizedIResultMinimalApiReadingNoJson_Reports(bool aspNetCore8) =>
        await VerifyAsync(CookieApp + MessageEndpoint, aspNetCore8, Reported());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task MinimalApiReturningString_Reports(bool aspNetCore8)
    {
        var source = CookieApp + """

            static class Endpoints
            {
                public static void Map(WebApplication app) =>
                    app.{|#1:MapPut|}("/api/drafts/{id}", (int id) => "saved").RequireAuthorization();
            }
            """;
        await VerifyAsync(source, aspNetCore8, Reported());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PlainControllerWriteActionReturningJson_Reports(bool aspNetCore8)
    {
        var source = CookieApp + """

            [Authorize]
            public sealed class CommentsController : Controller
            {
                [HttpPost]
                public IActionResult {|#1:Add|}(string text, bool preview)
                {
                    if (preview)
                    {
                        return Ok();
                    }

                    return Json(new { saved = true });
                }
            }
            """;
        await VerifyAsync(source, aspNetCore8, Reported());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PlainControllerActionDeclaredToReturnJsonResult_Reports(bool aspNetCore8)
    {
        var source = CookieApp + """

            [Authorize]
            public sealed class TagsController : Controller
            {
                [HttpPatch]
                public JsonResult {|#1:Rename|}(string name) => new JsonResult(name);
            }
            """;
        await VerifyAsync(source, aspNetCore8, Reported());
    }

    // ------------------------------------------------------------ endpoints only ASP.NET Core 8 redirects

    [Fact]
    public async Task ApiControllerOnAspNetCore8_Reports()
    {
        var source = CookieApp + """

            public sealed record Order(string Item);

            [ApiController, Authorize, Route("api/orders")]
            public sealed class OrdersController : ControllerBase
            {
                [HttpPost]
                public IActionResult {|#1:Create|}(Order order) => Ok();
            }
            """;
        await VerifyAsync(source, aspNetCore8: true, Reported());
    }

    [Fact]
    public async Task ApiControllerOnAspNetCore10_DoesNotReport()
    {
        var source = CookieApp.Replace("{|#0:AddCookie|}", "AddCookie") + """

            public sealed record Order(string Item);

            [ApiController, Authorize, Route("api/orders")]
            public sealed class OrdersController : ControllerBase
            {
                [HttpPost]
                public IActionResult Create(Order order) => Ok();
            }
            """;
        await VerifyAsync(source, aspNetCore8: false);
    }

    [Fact]
    public async Task MinimalApiReadingJsonBodyOnAspNetCore8_Reports()
    {
        var source = CookieApp + """

            public sealed record Message(string Body);

            static class Endpoints
            {
                public static void Map(WebApplication app) =>
                    app.{|#1:MapPost|}("/api/messages", (Message message) => Results.Ok()).RequireAuthorization();
            }
            """;
        await VerifyAsync(source, aspNetCore8: true, Reported());
    }

    [Theory]
    [InlineData("(Message message) => Results.Ok()")]
    [InlineData("([FromBody] Message message) => \"saved\"")]
    [InlineData("(int id) => new Message(\"saved\")")]
    [InlineData("(int id) => TypedResults.Ok()")]
    [InlineData("(int id) => TypedResults.Ok(new Message(\"saved\"))")]
    public async Task MinimalApiThatAspNetCore10KnowsAsApi_DoesNotReport(string handler)
    {
        var source = CookieApp.Replace("{|#0:AddCookie|}", "AddCookie") + """

            public sealed record Message(string Body);

            static class Endpoints
            {
                public static void Map(WebApplication app) =>
                    app.MapPost("/api/messages", HANDLER).RequireAuthorization();
            }
            """.Replace("HANDLER", handler);
        await VerifyAsync(source, aspNetCore8: false);
    }

    [Fact]
    public async Task MinimalApiWhoseComplexParameterIsARegisteredService_Reports()
    {
        var source = Usings + """

            public sealed class MessageLog { }

            static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddSingleton<MessageLog>();
                    services.AddAuthentication().{|#0:AddCookie|}();
                }

                public static void Map(WebApplication app) =>
                    app.{|#1:MapPost|}("/api/messages", (MessageLog log, HttpContext context) => Results.Ok()).RequireAuthorization();
            }
            """;
        await VerifyAsync(source, aspNetCore8: false, Reported());
    }

    [Fact]
    public async Task DisableCookieRedirectOnAspNetCore10_DoesNotReport()
    {
        var source = CookieApp.Replace("{|#0:AddCookie|}", "AddCookie") + """

            static class Endpoints
            {
                public static void Map(WebApplication app) =>
                    app.MapPost("/api/messages", (HttpContext context) => Results.Ok()).RequireAuthorization().DisableCookieRedirect();
            }
            """;
        await VerifyAsync(source, aspNetCore8: false);
    }

    [Fact]
    public async Task DisableCookieRedirectOnTheGroup_DoesNotReport()
    {
        var source = CookieApp.Replace("{|#0:AddCookie|}", "AddCookie") + """

            static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    var api = app.MapGroup("/api").RequireAuthorization().DisableCookieRedirect();
                    api.MapPost("/messages", (HttpContext context) => Results.Ok());
                }
            }
            """;
        await VerifyAsync(source, aspNetCore8: false);
    }

    // ------------------------------------------------------------ how endpoints require authorization

    [Fact]
    public async Task GroupRequiringAuthorization_Reports()
    {
        var source = CookieApp + """

            static class Endpoints
            {
                public static void Map(WebApplication app) =>
                    app.MapGroup("/api").RequireAuthorization().{|#1:MapPost|}("/messages", (HttpContext context) => Results.Ok());
            }
            """;
        await VerifyAsync(source, aspNetCore8: false, Reported());
    }

    [Fact]
    public async Task LocalGroupRequiringAuthorizationLater_Reports()
    {
        var source = CookieApp + """

            static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    var api = app.MapGroup("/api");
                    api.RequireAuthorization();
                    api.{|#1:MapPatch|}("/messages/{id}", (int id, HttpContext context) => Results.NoContent());
                }
            }
            """;
        await VerifyAsync(source, aspNetCore8: false, Reported());
    }

    [Fact]
    public async Task GroupPassedToAMappingMethod_Reports()
    {
        var source = CookieApp + """

            static class Endpoints
            {
                public static void Map(WebApplication app) =>
                    app.MapGroup("/api").RequireAuthorization().MapMessages();

                public static RouteGroupBuilder MapMessages(this RouteGroupBuilder group)
                {
                    group.{|#1:MapPost|}("/messages", (HttpContext context) => Results.Ok());
                    return group;
                }
            }
            """;
        await VerifyAsync(source, aspNetCore8: false, Reported());
    }

    [Fact]
    public async Task AuthorizeAttributeOnTheHandler_Reports()
    {
        var source = CookieApp + """

            static class Endpoints
            {
                public static void Map(WebApplication app) =>
                    app.{|#1:MapPost|}("/api/messages", [Authorize] (HttpContext context) => Results.Ok());
            }
            """;
        await VerifyAsync(source, aspNetCore8: false, Reported());
    }

    [Fact]
    public async Task FallbackPolicy_Reports()
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).{|#0:AddCookie|}();
                    services.AddAuthorization(options => options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
                }

                public static void Map(WebApplication app) =>
                    app.{|#1:MapPost|}("/api/messages", (HttpContext context) => Results.Ok());
            }
            """;
        await VerifyAsync(source, aspNetCore8: false, Reported());
    }

    [Fact]
    public async Task GlobalAuthorizeFilter_Reports()
    {
        var source = Usings + """

            public sealed record Note(string Text);

            public sealed class NotesController : Controller
            {
                [HttpPost]
                public IActionResult {|#1:Save|}([FromBody] Note note) => Ok();
            }

            static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).{|#0:AddCookie|}();
                    services.AddControllersWithViews(options => options.Filters.Add(new Microsoft.AspNetCore.Mvc.Authorization.AuthorizeFilter()));
                }
            }
            """;
        await VerifyAsync(source, aspNetCore8: false, Reported());
    }

    [Fact]
    public async Task ControllersMappedWithRequireAuthorization_Reports()
    {
        var source = CookieApp + """

            public sealed record Note(string Text);

            public sealed class NotesController : Controller
            {
                [HttpPost]
                public IActionResult {|#1:Save|}([FromBody] Note note) => Ok();
            }

            static class Endpoints
            {
                public static void Map(WebApplication app) => app.MapControllers().RequireAuthorization();
            }
            """;
        await VerifyAsync(source, aspNetCore8: false, Reported());
    }

    [Fact]
    public async Task AuthorizeOnABaseController_Reports()
    {
        var source = CookieApp + """

            public sealed record Note(string Text);

            [Authorize]
            public abstract class SignedInController : Controller { }

            public sealed class NotesController : SignedInController
            {
                [HttpPut]
                public IActionResult {|#1:Save|}([FromBody] Note note) => Ok();
            }
            """;
        await VerifyAsync(source, aspNetCore8: false, Reported());
    }

    [Fact]
    public async Task EndpointsWithoutAuthorization_DoNotReport()
    {
        var source = CookieApp.Replace("{|#0:AddCookie|}", "AddCookie") + """

            public sealed record Note(string Text);

            public sealed class NotesController : Controller
            {
                [HttpPost]
                public IActionResult Save([FromBody] Note note) => Ok();
            }

            static class Endpoints
            {
                public static void Map(WebApplication app) =>
                    app.MapPost("/api/messages", (HttpContext context) => Results.Ok());
            }
            """;
        await VerifyAsync(source, aspNetCore8: true);
    }

    [Fact]
    public async Task AnonymousEndpoints_DoNotReport()
    {
        var source = Usings + """

            public sealed record Note(string Text);

            [Authorize]
            public sealed class AccountController : Controller
            {
                [HttpPost, AllowAnonymous]
                public IActionResult SignIn([FromBody] Note credentials) => Ok();
            }

            static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
                    services.AddAuthorization(options => options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
                }

                public static void Map(WebApplication app)
                {
                    app.MapPost("/login", (HttpContext context) => Results.Ok()).AllowAnonymous();
                    app.MapPost("/register", [AllowAnonymous] (HttpContext context) => Results.Ok());
                }
            }
            """;
        await VerifyAsync(source, aspNetCore8: true);
    }

    [Fact]
    public async Task ReadOnlyEndpoints_DoNotReport()
    {
        var source = CookieApp.Replace("{|#0:AddCookie|}", "AddCookie") + """

            [Authorize]
            public sealed class NotesController : Controller
            {
                [HttpGet]
                public IActionResult List() => Json(new[] { "a" });
            }

            static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/api/messages", () => Results.Ok()).RequireAuthorization();
                    app.MapDelete("/api/messages/{id}", (int id) => Results.Ok()).RequireAuthorization();
                }
            }
            """;
        await VerifyAsync(source, aspNetCore8: true);
    }

    [Fact]
    public async Task PlainControllerActionWithFormInputAndAView_DoesNotReport()
    {
        var source = CookieApp.Replace("{|#0:AddCookie|}", "AddCookie") + """

            public sealed class Note { public string Text { get; set; } = ""; }

            [Authorize]
            public sealed class NotesController : Controller
            {
                [HttpPost]
                public IActionResult Save(Note note) => View(note);
            }
            """;
        await VerifyAsync(source, aspNetCore8: false);
    }

    // ------------------------------------------------------------ the challenging scheme

    [Fact]
    public async Task OnlySchemeAddedBecomesTheDefault_Reports()
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services) => services.AddAuthentication().{|#0:AddCookie|}();
            }
            """ + NotesController;
        await VerifyAsync(source, aspNetCore8: false, Reported());
    }

    [Fact]
    public async Task DefaultChallengeSchemeSetInOptions_Reports()
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddAuthentication(options =>
                    {
                        options.DefaultScheme = "Bearer";
                        options.DefaultChallengeScheme = "Site";
                    })
                    .{|#0:AddCookie|}("Site")
                    .AddScheme<AuthenticationSchemeOptions, TokenHandler>("Bearer", null);
            }

            """ + TokenHandler + NotesController;
        await VerifyAsync(source, aspNetCore8: false, Reported());
    }

    [Fact]
    public async Task CookieSchemeThatDoesNotChallenge_DoesNotReport()
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddAuthentication("Bearer")
                    .AddCookie("Site")
                    .AddScheme<AuthenticationSchemeOptions, TokenHandler>("Bearer", null);
            }

            """ + TokenHandler + NotesController.Replace("{|#1:Save|}", "Save");
        await VerifyAsync(source, aspNetCore8: true);
    }

    [Fact]
    public async Task EndpointNamingTheCookieScheme_Reports()
    {
        var source = Usings + """

            public sealed record Note(string Text);

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddAuthentication("Bearer")
                    .{|#0:AddCookie|}("Admin", options => options.LoginPath = "/admin/login")
                    .AddScheme<AuthenticationSchemeOptions, TokenHandler>("Bearer", null);
            }

            """ + TokenHandler + """

            [Authorize(AuthenticationSchemes = "Admin")]
            public sealed class AdminNotesController : Controller
            {
                [HttpPost]
                public IActionResult {|#1:Save|}([FromBody] Note note) => Ok();
            }
            """;
        await VerifyAsync(source, aspNetCore8: false, Reported());
    }

    [Fact]
    public async Task EndpointNamingAnotherScheme_DoesNotReport()
    {
        var source = CookieApp.Replace("{|#0:AddCookie|}", "AddCookie") + """

            public sealed record Note(string Text);

            [Authorize(AuthenticationSchemes = "Bearer")]
            public sealed class NotesController : Controller
            {
                [HttpPost]
                public IActionResult Save([FromBody] Note note) => Ok();
            }
            """;
        await VerifyAsync(source, aspNetCore8: true);
    }

    [Fact]
    public async Task ActionAndControllerNamingSchemeLists_ReportsEachNamedCookieScheme()
    {
        // MVC combines every [Authorize] of the action and its controller: the action is challenged by all the schemes they name.
        var source = Usings + """

            public sealed record Note(string Text);

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddAuthentication("Bearer")
                    .{|#0:AddCookie|}("Site", options => options.LoginPath = "/login")
                    .{|#2:AddCookie|}("Admin", options => options.LoginPath = "/admin/login")
                    .AddCookie("Partner", options => options.LoginPath = "/partner/login")
                    .AddScheme<AuthenticationSchemeOptions, TokenHandler>("Bearer", null);
            }

            """ + TokenHandler + """

            [Authorize(AuthenticationSchemes = "Site")]
            public sealed class NotesController : Controller
            {
                [Authorize(AuthenticationSchemes = " Bearer , Admin ")]
                [HttpPost]
                public IActionResult {|#1:Save|}([FromBody] Note note) => Ok();
            }
            """;
        await VerifyAsync(source, aspNetCore8: false, Reported(), Expected().WithLocation(2).WithLocation(1));
    }

    // ------------------------------------------------------------ Identity

    [Fact]
    public async Task IdentityPostConfiguredWithOnlyAccessDeniedHandler_Reports()
    {
        var setup = Usings + """

            static class Startup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddIdentity<AppUser, IdentityRole>();
                    services.Configure<AuthenticationOptions>(options =>
                    {
                        options.DefaultChallengeScheme = null;
                        options.DefaultScheme = IdentityConstants.ApplicationScheme;
                    });
                }
            }
            """ + User;
        var cookies = Usings + """

            static class CookieSetup
            {
                public static void Add(IServiceCollection services) =>
                    services.{|#0:PostConfigure<CookieAuthenticationOptions>|}(IdentityConstants.ApplicationScheme, options =>
                    {
                        options.LoginPath = "/login";
                        KeepAccessDeniedQuery(options);
                    });

                private static void KeepAccessDeniedQuery(CookieAuthenticationOptions options)
                {
                    var previous = options.Events.OnRedirectToAccessDenied;
                    options.Events.OnRedirectToAccessDenied = context => previous(context);
                }
            }
            """;
        await VerifyAsync(new[] { setup, cookies, Usings + NotesController }, aspNetCore8: false, Reported());
    }

    [Fact]
    public async Task ConfigureApplicationCookieWithoutEventsAndDefaultIdentity_Reports()
    {
        var source = Usings + """

            static class Startup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddDefaultIdentity<AppUser>();
                    services.{|#0:ConfigureApplicationCookie|}(options => options.LoginPath = "/account/login");
                }
            }
            """ + User + DefaultIdentity + NotesController;
        var test = new Verify.Test { TestCode = source };
        test.ExpectedDiagnostics.Add(Reported());
        await test.RunAsync();
    }

    [Fact]
    public async Task IdentityWithoutCookieConfiguration_ReportsOnAddIdentity()
    {
        var source = Usings + """

            static class Startup
            {
                public static void Add(IServiceCollection services) => services.{|#0:AddIdentity<AppUser, IdentityRole>|}();
            }
            """ + User + NotesController;
        await VerifyAsync(source, aspNetCore8: true, Reported());
    }

    [Fact]
    public async Task IdentityCookiesAsTheDefaultScheme_Reports()
    {
        var source = Usings + """

            static class Startup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddAuthentication(IdentityConstants.ApplicationScheme).{|#0:AddIdentityCookies|}();
                    services.AddIdentityCore<AppUser>().AddSignInManager();
                }
            }
            """ + User + MessageEndpoint;
        await VerifyAsync(source, aspNetCore8: false, Reported());
    }

    [Fact]
    public async Task IdentityCoreWithSignInManagerAndNoCookies_DoesNotReport()
    {
        var source = Usings + """

            static class Startup
            {
                public static void Add(IServiceCollection services) => services.AddIdentityCore<AppUser>().AddSignInManager();
            }
            """ + User + NotesController.Replace("{|#1:Save|}", "Save");
        await VerifyAsync(source, aspNetCore8: false);
    }

    // ------------------------------------------------------------ handled

    [Theory]
    [InlineData("options.Events.OnRedirectToLogin = context => { context.Response.StatusCode = 401; return Task.CompletedTask; };")]
    [InlineData("options.Events = new CookieAuthenticationEvents { OnRedirectToLogin = context => Task.CompletedTask };")]
    [InlineData("options.Events = new ApiAwareEvents();")]
    [InlineData("options.EventsType = typeof(ApiAwareEvents);")]
    [InlineData("options.EventsType = typeof(ConstructedEvents);")]
    [InlineData("AnswerScriptCalls(options);")]
    public async Task AddCookieThatHandlesTheLoginRedirect_DoesNotReport(string statement)
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
                    {
                        options.LoginPath = "/login";
                        STATEMENT
                    });

                private static void AnswerScriptCalls(CookieAuthenticationOptions options) => SetEvents(options.Events);

                private static void SetEvents(CookieAuthenticationEvents events) =>
                    events.OnRedirectToLogin = context => Task.CompletedTask;
            }

            public sealed class ApiAwareEvents : CookieAuthenticationEvents
            {
                public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) => Task.CompletedTask;
            }

            public sealed class ConstructedEvents : CookieAuthenticationEvents
            {
                public ConstructedEvents() => OnRedirectToLogin = context => Task.CompletedTask;
            }
            """.Replace("STATEMENT", statement) + NotesController.Replace("{|#1:Save|}", "Save");
        await VerifyAsync(source, aspNetCore8: true);
    }

    [Fact]
    public async Task HandledInAnotherFileByNamedPostConfigure_DoesNotReport()
    {
        var events = Usings + """

            static class CookieEvents
            {
                public static void Add(IServiceCollection services) =>
                    services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, options =>
                        options.Events.OnRedirectToLogin = context => Task.CompletedTask);
            }
            """;
        await VerifyAsync(new[] { CookieApp.Replace("{|#0:AddCookie|}", "AddCookie"), events, Usings + NotesController.Replace("{|#1:Save|}", "Save") }, aspNetCore8: false);
    }

    [Fact]
    public async Task HandledByPostConfigureAll_DoesNotReport()
    {
        var source = CookieApp.Replace("{|#0:AddCookie|}", "AddCookie") + """

            static class CookieEvents
            {
                public static void Add(IServiceCollection services) =>
                    services.PostConfigureAll<CookieAuthenticationOptions>(options => options.Events.OnRedirectToLogin = context => Task.CompletedTask);
            }
            """ + NotesController.Replace("{|#1:Save|}", "Save");
        await VerifyAsync(source, aspNetCore8: false);
    }

    [Fact]
    public async Task HandledForIdentityByConfigureApplicationCookie_DoesNotReport()
    {
        var source = Usings + """

            static class Startup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddIdentity<AppUser, IdentityRole>();
                    services.ConfigureApplicationCookie(options => options.Events.OnRedirectToLogin = context => Task.CompletedTask);
                }
            }
            """ + User + NotesController.Replace("{|#1:Save|}", "Save");
        await VerifyAsync(source, aspNetCore8: true);
    }

    [Fact]
    public async Task HandledOnlyInUnnamedConfigure_Reports()
    {
        // Configure<T>(action) configures the options named "", which no scheme reads: the scheme still redirects.
        var source = CookieApp + """

            static class CookieEvents
            {
                public static void Add(IServiceCollection services) =>
                    services.Configure<CookieAuthenticationOptions>(options => options.Events.OnRedirectToLogin = context => Task.CompletedTask);
            }
            """ + NotesController;
        await VerifyAsync(source, aspNetCore8: false, Reported());
    }

    [Theory]
    [InlineData("services.ConfigureOptions<ScriptCallStatusCodes>();")]
    [InlineData("services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, ScriptCallStatusCodes>();")]
    [InlineData("services.ConfigureOptions(typeof(ScriptCallStatusCodes));")]
    public async Task OptionsClassRegisteredThatSetsTheLoginHandler_DoesNotReport(string registration)
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
                    REGISTRATION
                }
            }

            public sealed class ScriptCallStatusCodes : IPostConfigureOptions<CookieAuthenticationOptions>
            {
                public void PostConfigure(string? name, CookieAuthenticationOptions options) =>
                    options.Events.OnRedirectToLogin = context => Task.CompletedTask;
            }
            """.Replace("REGISTRATION", registration) + NotesController.Replace("{|#1:Save|}", "Save");
        await VerifyAsync(source, aspNetCore8: false);
    }

    [Fact]
    public async Task OptionsClassRegisteredOnlyWhenConfigurationSaysSo_Reports()
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services, bool answerScriptCalls)
                {
                    services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).{|#0:AddCookie|}();
                    if (answerScriptCalls)
                    {
                        services.ConfigureOptions<ScriptCallStatusCodes>();
                    }
                }
            }

            public sealed class ScriptCallStatusCodes : IPostConfigureOptions<CookieAuthenticationOptions>
            {
                public void PostConfigure(string? name, CookieAuthenticationOptions options) =>
                    options.Events.OnRedirectToLogin = context => Task.CompletedTask;
            }
            """ + NotesController;
        await VerifyAsync(source, aspNetCore8: false, Reported());
    }

    [Fact]
    public async Task OptionsClassThatSetsOnlyTheAccessDeniedHandler_Reports()
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).{|#0:AddCookie|}();
                    services.ConfigureOptions<DeniedPage>();
                }
            }

            public sealed class DeniedPage : IConfigureNamedOptions<CookieAuthenticationOptions>
            {
                public void Configure(string? name, CookieAuthenticationOptions options) =>
                    options.Events.OnRedirectToAccessDenied = context => Task.CompletedTask;

                public void Configure(CookieAuthenticationOptions options) => Configure(null, options);
            }
            """ + NotesController;
        await VerifyAsync(source, aspNetCore8: false, Reported());
    }

    [Fact]
    public async Task OptionsClassImplementingOnlyTheUnnamedInterface_Reports()
    {
        // IConfigureOptions<T> alone configures the options named "", which no scheme reads.
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).{|#0:AddCookie|}();
                    services.ConfigureOptions<UnnamedEvents>();
                }
            }

            public sealed class UnnamedEvents : IConfigureOptions<CookieAuthenticationOptions>
            {
                public void Configure(CookieAuthenticationOptions options) =>
                    options.Events.OnRedirectToLogin = context => Task.CompletedTask;
            }
            """ + NotesController;
        await VerifyAsync(source, aspNetCore8: false, Reported());
    }

    [Fact]
    public async Task IdentityCookiesBuilderConfiguringTheApplicationCookie_DoesNotReport()
    {
        var source = Usings + """

            static class Startup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies(cookies =>
                        cookies.ApplicationCookie!.Configure(options => options.Events.OnRedirectToLogin = context => Task.CompletedTask));
            }
            """ + User + NotesController.Replace("{|#1:Save|}", "Save");
        await VerifyAsync(source, aspNetCore8: false);
    }

    [Fact]
    public async Task NamedOptionsBuilderSettingTheLoginHandler_DoesNotReport()
    {
        var source = CookieApp.Replace("{|#0:AddCookie|}", "AddCookie") + """

            static class CookieEvents
            {
                public static void Add(IServiceCollection services) =>
                    services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
                        .Configure(options => options.Events.OnRedirectToLogin = context => Task.CompletedTask);
            }
            """ + NotesController.Replace("{|#1:Save|}", "Save");
        await VerifyAsync(source, aspNetCore8: false);
    }

    [Fact]
    public async Task IdentityChallengeWinsOverADefaultSchemeSetElsewhere_Reports()
    {
        // AddIdentity sets DefaultChallengeScheme; AddAuthentication("Bearer") sets only DefaultScheme.
        var source = Usings + """

            static class Startup
            {
                public static void Add(IServiceCollection services)
                {
                    services.{|#0:AddIdentity<AppUser, IdentityRole>|}();
                    services.AddAuthentication("Bearer").AddScheme<AuthenticationSchemeOptions, TokenHandler>("Bearer", null);
                }
            }
            """ + TokenHandler + User + NotesController;
        await VerifyAsync(source, aspNetCore8: false, Reported());
    }

    // ------------------------------------------------------------ location and message

    [Fact]
    public async Task SchemeConfiguredInSeveralFiles_ReportsOnTheFirstConfigurationCallNamingTheEndpoint()
    {
        var first = Usings + """

            static class Startup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).{|#0:AddCookie|}();
            }
            """;
        var second = Usings + """

            static class MoreCookieOptions
            {
                public static void Add(IServiceCollection services) =>
                    services.Configure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, options => options.LoginPath = "/signin");
            }
            """;
        var endpoints = Usings + MessageEndpoint;
        var line = endpoints.Split('\n').ToList().FindIndex(l => l.Contains("{|#1:MapPost|}", System.StringComparison.Ordinal)) + 1;
        await VerifyAsync(
            new[] { first, second, endpoints },
            aspNetCore8: false,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("Cookies", "POST /api/messages", "File2.cs:" + line));
    }

    [Fact]
    public async Task TwoUnhandledSchemes_ReportEach()
    {
        var source = Usings + """

            public sealed record Note(string Text);

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddAuthentication(options => options.DefaultChallengeScheme = "Site")
                        .{|#0:AddCookie|}("Site")
                        .{|#2:AddCookie|}("Admin");
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
        await VerifyAsync(source, aspNetCore8: false, Reported(), Expected().WithLocation(2).WithLocation(3));
    }

    [Fact]
    public async Task Pragma_DoesNotReport()
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
            #pragma warning disable SESS004 // the app's scripts handle the login page themselves
                    services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
            #pragma warning restore SESS004
            }
            """ + NotesController.Replace("{|#1:Save|}", "Save");
        await VerifyAsync(source, aspNetCore8: false);
    }

    [Fact]
    public async Task WithoutCookieAuthentication_DoesNotReport()
    {
        var source = Usings + NotesController.Replace("{|#1:Save|}", "Save");
        await VerifyAsync(source, aspNetCore8: true);
    }

    [Theory]
    [InlineData("// <auto-generated/>\n", "/0/Startup.cs")]
    [InlineData("", "/0/Startup.g.cs")]
    public async Task GeneratedCode_DoesNotReport(string header, string path)
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add((path, header + CookieApp.Replace("{|#0:AddCookie|}", "AddCookie") + NotesController.Replace("{|#1:Save|}", "Save")));
        await test.RunAsync();
    }

    [Fact]
    public async Task TestProject_DoesNotReport()
    {
        var test = new Verify.Test { TestCode = CookieApp.Replace("{|#0:AddCookie|}", "AddCookie") + NotesController.Replace("{|#1:Save|}", "Save") };
        test.TestState.AdditionalReferences.Add(TestReferences.FromFile(typeof(FactAttribute).Assembly.Location));
        await test.RunAsync();
    }
}
