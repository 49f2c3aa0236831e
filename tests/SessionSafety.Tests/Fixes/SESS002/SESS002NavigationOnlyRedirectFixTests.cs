using System.Threading.Tasks;
using SessionSafety.CodeFixes;
using static SessionSafety.Tests.Analyzers.SESS002.SESS002Sources;

using Verify = SessionSafety.Tests.Verifiers.CSharpCodeFixVerifier<
    SessionSafety.Analyzers.Rules.SESS002.SESS002LoginRedirectDiscardsInputAnalyzer,
    SessionSafety.CodeFixes.Rules.SESS002.SESS002LoginRedirectDiscardsInputCodeFix>;

namespace SessionSafety.Tests.Fixes.SESS002;

/// <summary>Context (d)'s fix: filters and middleware answer 401 (403 when signed in) to requests that are not page navigations.</summary>
public sealed class SESS002NavigationOnlyRedirectFixTests
{
    [Fact]
    public async Task FilterResult_FixRedirectsNavigationsOnly() =>
        await Verify.VerifyCodeFixAsync(
            PipelineUsings + """
            public sealed class MembersOnlyAttribute : Attribute, IAuthorizationFilter
            {
                public void OnAuthorization(AuthorizationFilterContext context)
                {
                    if (context.HttpContext.User.Identity?.IsAuthenticated != true)
                    {
                        context.Result = [|new RedirectToRouteResult("MemberSignIn", new RouteValueDictionary())|];
                    }
                }
            }
            """,
            PipelineUsings + """
            public sealed class MembersOnlyAttribute : Attribute, IAuthorizationFilter
            {
                public void OnAuthorization(AuthorizationFilterContext context)
                {
                    if (context.HttpContext.User.Identity?.IsAuthenticated != true)
                    {
                        context.Result = HttpMethods.IsGet(context.HttpContext.Request.Method) && context.HttpContext.Request.Headers["X-Requested-With"] != "XMLHttpRequest" ? new RedirectToRouteResult("MemberSignIn", new RouteValueDictionary()) : context.HttpContext.User.Identity?.IsAuthenticated == true ? (IActionResult)new ForbidResult() : new UnauthorizedResult();
                    }
                }
            }
            """);

    [Fact]
    public async Task LoginArmOfAConditional_FixParenthesizesTheChoice() =>
        await Verify.VerifyCodeFixAsync(
            PipelineUsings + """
            public sealed class OpenStoreFilter(bool closed) : IAuthorizationFilter
            {
                public void OnAuthorization(AuthorizationFilterContext filterContext) =>
                    filterContext.Result = closed
                        ? new RedirectToRouteResult("StoreClosed", new RouteValueDictionary())
                        : [|new RedirectToActionResult("Login", "Account", null)|];
            }
            """,
            PipelineUsings + """
            public sealed class OpenStoreFilter(bool closed) : IAuthorizationFilter
            {
                public void OnAuthorization(AuthorizationFilterContext filterContext) =>
                    filterContext.Result = closed
                        ? new RedirectToRouteResult("StoreClosed", new RouteValueDictionary())
                        : (HttpMethods.IsGet(filterContext.HttpContext.Request.Method) && filterContext.HttpContext.Request.Headers["X-Requested-With"] != "XMLHttpRequest" ? new RedirectToActionResult("Login", "Account", null) : filterContext.HttpContext.User.Identity?.IsAuthenticated == true ? (IActionResult)new ForbidResult() : new UnauthorizedResult());
            }
            """);

    [Fact]
    public async Task MiddlewareRedirect_FixAnswers401OrForbiddenToTheRest() =>
        await Verify.VerifyCodeFixAsync(
            PipelineUsings + """
            public static class Pipeline
            {
                public static void Configure(WebApplication app) =>
                    app.Use(async (context, next) =>
                    {
                        await next();
                        if (context.Response.StatusCode == 401)
                            [|context.Response.Redirect("/account/login")|];
                    });
            }
            """,
            PipelineUsings + """
            public static class Pipeline
            {
                public static void Configure(WebApplication app) =>
                    app.Use(async (context, next) =>
                    {
                        await next();
                        if (context.Response.StatusCode == 401)
                        {
                            if (HttpMethods.IsGet(context.Request.Method) && context.Request.Headers["X-Requested-With"] != "XMLHttpRequest")
                            {
                                context.Response.Redirect("/account/login");
                            }
                            else
                            {
                                context.Response.StatusCode = context.User.Identity?.IsAuthenticated == true ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
                            }
                        }
                    });
            }
            """);

    [Fact]
    public async Task FiltersAndMiddlewareOfADocument_FixAllChangesEach()
    {
        var test = new Verify.Test
        {
            TestCode = PipelineUsings + """
                public sealed class SignedInFilter : IAuthorizationFilter
                {
                    public void OnAuthorization(AuthorizationFilterContext context) =>
                        context.Result = [|new RedirectResult("/login")|];
                }

                public sealed class ExpiredSessionMiddleware(RequestDelegate next)
                {
                    public async Task Invoke(HttpContext context)
                    {
                        await next(context);
                        if (context.Response.StatusCode is 401 or 403)
                        {
                            [|context.Response.Redirect("/signin")|];
                            return;
                        }
                    }
                }

                public static class Pipeline
                {
                    public static void Configure(WebApplication app) =>
                        app.UseStatusCodePages(async status =>
                        {
                            if (status.HttpContext.Response.StatusCode == 401)
                            {
                                [|status.HttpContext.Response.Redirect("/login")|];
                            }

                            await Task.CompletedTask;
                        });
                }
                """,
            FixedCode = PipelineUsings + """
                public sealed class SignedInFilter : IAuthorizationFilter
                {
                    public void OnAuthorization(AuthorizationFilterContext context) =>
                        context.Result = HttpMethods.IsGet(context.HttpContext.Request.Method) && context.HttpContext.Request.Headers["X-Requested-With"] != "XMLHttpRequest" ? new RedirectResult("/login") : context.HttpContext.User.Identity?.IsAuthenticated == true ? (IActionResult)new ForbidResult() : new UnauthorizedResult();
                }

                public sealed class ExpiredSessionMiddleware(RequestDelegate next)
                {
                    public async Task Invoke(HttpContext context)
                    {
                        await next(context);
                        if (context.Response.StatusCode is 401 or 403)
                        {
                            if (HttpMethods.IsGet(context.Request.Method) && context.Request.Headers["X-Requested-With"] != "XMLHttpRequest")
                            {
                                context.Response.Redirect("/signin");
                            }
                            else
                            {
                                context.Response.StatusCode = context.User.Identity?.IsAuthenticated == true ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
                            }
                            return;
                        }
                    }
                }

                public static class Pipeline
                {
                    public static void Configure(WebApplication app) =>
                        app.UseStatusCodePages(async status =>
                        {
                            if (status.HttpContext.Response.StatusCode == 401)
                            {
                                if (HttpMethods.IsGet(status.HttpContext.Request.Method) && status.HttpContext.Request.Headers["X-Requested-With"] != "XMLHttpRequest")
                                {
                                    status.HttpContext.Response.Redirect("/login");
                                }
                                else
                                {
                                    status.HttpContext.Response.StatusCode = status.HttpContext.User.Identity?.IsAuthenticated == true ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
                                }
                            }

                            await Task.CompletedTask;
                        });
                }
                """,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task StatusCodePagesWithRedirects_NoFix()
    {
        const string Source = PipelineUsings + """
            public static class Pipeline
            {
                public static void Configure(WebApplication app) => [|app.UseStatusCodePagesWithRedirects("/login?status={0}")|];
            }
            """;
        await Verify.VerifyCodeFixAsync(Source, Source);
    }

    [Fact]
    public async Task SaveFailureRedirect_OnlyTheDraftIsOffered()
    {
        const string Source = BlazorUsings + """
            public sealed class Chat : ComponentBase
            {
                [Inject] public System.Net.Http.HttpClient Http { get; set; } = default!;
                [Inject] public NavigationManager Nav { get; set; } = default!;
                private string message = "";

                private async Task SendAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/messages", message);
                    if (!response.IsSuccessStatusCode)
                    {
                        [|Nav.NavigateTo("/login")|];
                    }
                }
            }
            """;
        await new Verify.Test
        {
            TestCode = Source,
            FixedCode = Source,
            CodeActionEquivalenceKey = FixEquivalenceKeys.AnswerUnauthorizedToNonNavigations,
        }.RunAsync();
    }
}
