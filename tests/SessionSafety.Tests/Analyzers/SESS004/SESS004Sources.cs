namespace SessionSafety.Tests.Analyzers.SESS004;

/// <summary>Sources the SESS004 analyzer and fix tests share: an app's usings and the endpoints scripts call.</summary>
internal static class SESS004Sources
{
    internal const string Usings = """
        using System;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication;
        using Microsoft.AspNetCore.Authentication.Cookies;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Identity;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Routing;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;

        """;

    /// <summary>A plain MVC controller (no <c>[ApiController]</c>) whose script-called save reads JSON and answers <c>Ok()</c>: redirected on every version.</summary>
    internal const string NotesController = """

        public sealed record Note(string Text);

        [Authorize]
        public sealed class NotesController : Controller
        {
            [HttpPost]
            public IActionResult {|#1:Save|}([FromBody] Note note) => Ok();
        }
        """;

    /// <summary>A minimal API that reads its body itself and returns <c>IResult</c>: redirected on every version.</summary>
    internal const string MessageEndpoint = """

        static class MessageEndpoints
        {
            public static void Map(IEndpointRouteBuilder app) =>
                app.{|#1:MapPost|}("/api/messages", async (HttpContext context) =>
                {
                    var text = await new System.IO.StreamReader(context.Request.Body).ReadToEndAsync();
                    return Results.Ok();
                }).RequireAuthorization();
        }
        """;

    /// <summary>An identity user for <c>AddIdentity</c>/<c>AddDefaultIdentity</c>.</summary>
    internal const string User = """

        public sealed class AppUser : IdentityUser { }
        """;

    /// <summary>
    /// <c>AddDefaultIdentity</c> as the Identity UI package declares it (the package is not among the test
    /// references): it returns the Identity builder and makes the application cookie the default scheme.
    /// </summary>
    internal const string DefaultIdentity = """

        public static class IdentityUiExtensions
        {
            public static IdentityBuilder AddDefaultIdentity<TUser>(this IServiceCollection services) where TUser : class =>
                new IdentityBuilder(typeof(TUser), services);
        }
        """;

    /// <summary>A token scheme's handler for apps whose default scheme is not the cookie.</summary>
    internal const string TokenHandler = """

        public sealed class TokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, Microsoft.Extensions.Logging.ILoggerFactory logger, System.Text.Encodings.Web.UrlEncoder encoder)
            : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
        {
            protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
        }
        """;
}
