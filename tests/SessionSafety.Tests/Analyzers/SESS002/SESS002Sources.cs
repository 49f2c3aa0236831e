using System.Threading.Tasks;
using SessionSafety.CodeFixes;
using SessionSafety.Tests.Verifiers;


namespace SessionSafety.Tests.Analyzers.SESS002;

/// <summary>Sources and helpers that the SESS002 analyzer and fix tests share.</summary>
internal static class SESS002Sources
{
    /// <summary>The message's advice for input in hand (contexts (a)–(c)).</summary>
    internal const string StoreDraft = "store it as a draft before redirecting";

    /// <summary>The message's advice for a filter or middleware (context (d)).</summary>
    internal const string AnswerUnauthorized = "answer 401 to requests that are not page navigations";

    // ------------------------------------------------------------------ sources

    internal const string BlazorUsings = """
        using System;
        using System.Collections.Generic;
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Components;
        using Microsoft.AspNetCore.Components.WebAssembly.Authentication;

        """;

    /// <summary>A Blazor component with an HttpClient, a NavigationManager and a message field; <paramref name="members"/> go inside.</summary>
    internal static string Component(string members, string extraUsings = "") => BlazorUsings + extraUsings + """
        public class Chat : ComponentBase
        {
            [Inject] public HttpClient Http { get; set; } = default!;
            [Inject] public NavigationManager Nav { get; set; } = default!;
            private string message = "";

        """ + members + """

        }
        """;

    internal const string MvcUsings = """
        using System;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;

        public class PostModel
        {
            public string Title { get; set; } = "";
            public string Body { get; set; } = "";
        }

        """;

    internal static string Controller(string members) => MvcUsings + """
        public class PostsController : Controller
        {

        """ + members + """

        }
        """;

    internal const string PageUsings = """
        using System;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;

        public class CommentInput
        {
            public string Text { get; set; } = "";
        }

        """;

    internal static string Page(string members, string attributes = "") => PageUsings + attributes + """
        public class EditModel : PageModel
        {

        """ + members + """

        }
        """;

    /// <summary>A try around a save whose catch runs <paramref name="redirect"/> (markup included).</summary>
    internal static string SaveThenCatch(string redirect) => Component($$"""
            private async Task SendAsync()
            {
                try
                {
                    await Http.PostAsJsonAsync("api/messages", message);
                }
                catch (HttpRequestException)
                {
                    {{redirect}};
                }
            }
        """);

    // ------------------------------------------------------------------ context (c): what runs before an action

    internal const string ProtectionImports = """
        using System;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.Authorization;
        using Microsoft.AspNetCore.Mvc.Filters;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Microsoft.Extensions.DependencyInjection;

        """;

    internal const string ProtectionUsings = ProtectionImports + """
        public class PostModel
        {
            public string Title { get; set; } = "";
        }

        """;

    /// <summary>A POST action with a model that challenges when the user is not signed in (markup included), under <paramref name="attributes"/>.</summary>
    internal static string ChallengingAction(string challenge, string controllerAttributes = "", string actionAttributes = "", string baseType = "Controller") =>
        ProtectionUsings + controllerAttributes + $$"""
        public class PostsController : {{baseType}}
        {
            {{actionAttributes}}
            [HttpPost]
            public IActionResult Create(PostModel model) => User.Identity?.IsAuthenticated == true ? View(model) : {{challenge}};
        }
        """;

    // ------------------------------------------------------------------ context (d): filters and middleware

    internal const string PipelineUsings = """
        using System;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.Filters;
        using Microsoft.AspNetCore.Routing;

        """;

    // ------------------------------------------------------------------ context (b): a DelegatingHandler

    internal const string HandlerUsings = """
        using System.Net;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Components;
        using Microsoft.AspNetCore.Components.WebAssembly.Authentication;

        """;
}
