namespace SessionSafety.Benchmarks.Corpus;

// SESS004's shapes per group of entities: a plain MVC controller whose pages' scripts post JSON to it
// ([FromBody], answering Ok() or Json(…)), which cookie authentication redirects to the login page, and
// an options class that post-configures the cookie with an access-denied handler only (which does not
// handle the login redirect). Every group's start-up adds the same cookie scheme, so the compilation has
// one SESS004.
public sealed partial class CorpusGenerator
{
    private string ScriptSaves(string module, string ns, int index)
    {
        if (index == 0)
        {
            Plant("SESS004");
        }

        var lower = module.ToLowerInvariant();
        return $$"""
            using Microsoft.AspNetCore.Authentication.Cookies;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Options;

            namespace {{ns}};

            public sealed record {{module}}DraftInput(Guid Id, string Text);

            [Authorize]
            public sealed class {{module}}ScriptSaves{{index}}Controller : Controller
            {
                [HttpPost("/{{lower}}/g{{index}}/drafts")]
                public IActionResult Save([FromBody] {{module}}DraftInput draft)
                {
                    if (string.IsNullOrWhiteSpace(draft.Text))
                    {
                        return BadRequest();
                    }

                    return Ok();
                }

                [HttpPost("/{{lower}}/g{{index}}/drafts/preview")]
                public IActionResult Preview(string text) => Json(new { length = text.Length, words = text.Split(' ').Length });
            }

            public sealed class {{module}}DeniedPage{{index}} : IPostConfigureOptions<CookieAuthenticationOptions>
            {
                public void PostConfigure(string? name, CookieAuthenticationOptions options)
                {
                    var previous = options.Events.OnRedirectToAccessDenied;
                    options.Events.OnRedirectToAccessDenied = context =>
                    {
                        context.RedirectUri += "&module={{lower}}";
                        return previous(context);
                    };
                }
            }

            public static class {{module}}DeniedPage{{index}}Registration
            {
                public static IServiceCollection Add{{module}}DeniedPage{{index}}(this IServiceCollection services) =>
                    services.ConfigureOptions<{{module}}DeniedPage{{index}}>();
            }
            """;
    }
}
