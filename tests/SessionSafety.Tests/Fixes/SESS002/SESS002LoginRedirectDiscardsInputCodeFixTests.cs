using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SessionSafety.CodeFixes;
using SessionSafety.Tests.Verifiers;
using static SessionSafety.Tests.Analyzers.SESS002.SESS002Sources;

using Verify = SessionSafety.Tests.Verifiers.CSharpCodeFixVerifier<
    SessionSafety.Analyzers.Rules.SESS002.SESS002LoginRedirectDiscardsInputAnalyzer,
    SessionSafety.CodeFixes.Rules.SESS002.SESS002LoginRedirectDiscardsInputCodeFix>;

namespace SessionSafety.Tests.Fixes.SESS002;

public sealed class SESS002LoginRedirectDiscardsInputCodeFixTests
{
    // ------------------------------------------------------------------ the fix

    private const string UsingRuntime = "using SessionSafety;\n";

    [Fact]
    public async Task CatchAroundSave_FixStoresThePayloadAwaited() =>
        await Verify.VerifyCodeFixAsync(
            SaveThenCatch("""[|Nav.NavigateTo("/login")|]"""),
            Component("""
                private async Task SendAsync()
                {
                    try
                    {
                        await Http.PostAsJsonAsync("api/messages", message);
                    }
                    catch (HttpRequestException)
                    {
                        await DraftStore.Default.SaveAsync("Chat.SendAsync", message);
                        Nav.NavigateTo("/login");
                    }
                }
            """, UsingRuntime));

    [Fact]
    public async Task StatusBranchWithComment_FixKeepsTheCommentAndUsesTheExistingUsing() =>
        await Verify.VerifyCodeFixAsync(
            Component("""
                private async Task SendAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/messages", message);
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        // The session has expired.
                        [|Nav.NavigateTo("/login")|]; // go
                    }
                }
            """, UsingRuntime),
            Component("""
                private async Task SendAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/messages", message);
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        // The session has expired.
                        await DraftStore.Default.SaveAsync("Chat.SendAsync", message);
                        Nav.NavigateTo("/login"); // go
                    }
                }
            """, UsingRuntime));

    [Fact]
    public async Task EmbeddedStatement_FixAddsABlock() =>
        await Verify.VerifyCodeFixAsync(
            Component("""
                private async Task SendAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/messages", message);
                    if (!response.IsSuccessStatusCode)
                        [|Nav.NavigateTo("/login")|];
                }
            """),
            Component("""
                private async Task SendAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/messages", message);
                    if (!response.IsSuccessStatusCode)
                    {
                        await DraftStore.Default.SaveAsync("Chat.SendAsync", message);
                        Nav.NavigateTo("/login");
                    }
                }
            """, UsingRuntime));

    [Fact]
    public async Task NullableStringPayload_FixKeepsItNonNull() =>
        await Verify.VerifyCodeFixAsync(
            Component("""
                private string? draft;

                private async Task SendAsync()
                {
                    try
                    {
                        await Http.PostAsJsonAsync("api/messages", draft);
                    }
                    catch (AccessTokenNotAvailableException exception)
                    {
                        [|exception.Redirect()|];
                    }
                }
            """),
            Component("""
                private string? draft;

                private async Task SendAsync()
                {
                    try
                    {
                        await Http.PostAsJsonAsync("api/messages", draft);
                    }
                    catch (AccessTokenNotAvailableException exception)
                    {
                        await DraftStore.Default.SaveAsync("Chat.SendAsync", draft ?? string.Empty);
                        exception.Redirect();
                    }
                }
            """, UsingRuntime));

    [Fact]
    public async Task SynchronousContinuation_FixStoresSynchronously() =>
        await Verify.VerifyCodeFixAsync(
            Component("""
                private Task SendAsync() =>
                    Http.PostAsJsonAsync("api/messages", message).ContinueWith(task =>
                    {
                        if (task.Result.StatusCode == HttpStatusCode.Unauthorized)
                        {
                            [|Nav.NavigateTo("/login")|];
                        }
                    });
            """),
            Component("""
                private Task SendAsync() =>
                    Http.PostAsJsonAsync("api/messages", message).ContinueWith(task =>
                    {
                        if (task.Result.StatusCode == HttpStatusCode.Unauthorized)
                        {
                            DraftStore.Default.Save("Chat.SendAsync", message);
                            Nav.NavigateTo("/login");
                        }
                    });
            """, UsingRuntime));

    [Fact]
    public async Task InlineJsonContent_FixStoresTheValue() =>
        await Verify.VerifyCodeFixAsync(
            Component("""
                private async Task SendAsync()
                {
                    var response = await Http.PostAsync("api/messages", JsonContent.Create(message));
                    if (!response.IsSuccessStatusCode)
                    {
                        [|Nav.NavigateTo("/login")|];
                    }
                }
            """),
            Component("""
                private async Task SendAsync()
                {
                    var response = await Http.PostAsync("api/messages", JsonContent.Create(message));
                    if (!response.IsSuccessStatusCode)
                    {
                        await DraftStore.Default.SaveAsync("Chat.SendAsync", message);
                        Nav.NavigateTo("/login");
                    }
                }
            """, UsingRuntime));

    [Fact]
    public async Task ContentLocal_FixStoresItsText() =>
        await Verify.VerifyCodeFixAsync(
            Component("""
                private async Task SendAsync()
                {
                    using var content = new StringContent(message);
                    var response = await Http.PutAsync("api/messages/1", content);
                    if (!response.IsSuccessStatusCode)
                    {
                        [|Nav.NavigateTo("/login")|];
                    }
                }
            """),
            Component("""
                private async Task SendAsync()
                {
                    using var content = new StringContent(message);
                    var response = await Http.PutAsync("api/messages/1", content);
                    if (!response.IsSuccessStatusCode)
                    {
                        await DraftStore.Default.SaveAsync("Chat.SendAsync", await content.ReadAsStringAsync());
                        Nav.NavigateTo("/login");
                    }
                }
            """, UsingRuntime));

    [Fact]
    public async Task RequestLocal_FixStoresItsContent() =>
        await Verify.VerifyCodeFixAsync(
            Component("""
                private async Task SendAsync()
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = JsonContent.Create(message) };
                    var response = await Http.SendAsync(request);
                    if (response.StatusCode == HttpStatusCode.Forbidden)
                    {
                        [|Nav.NavigateTo("/login")|];
                    }
                }
            """),
            Component("""
                private async Task SendAsync()
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = JsonContent.Create(message) };
                    var response = await Http.SendAsync(request);
                    if (response.StatusCode == HttpStatusCode.Forbidden)
                    {
                        await DraftStore.Default.SaveAsync("Chat.SendAsync", request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync());
                        Nav.NavigateTo("/login");
                    }
                }
            """, UsingRuntime));

    [Fact]
    public async Task SecondSaveOfTheMember_FixUsesTheSameKeyAsTheGuard() =>
        await Verify.VerifyCodeFixAsync(
            Component("""
                private string title = "";

                private async Task SendAsync()
                {
                    await Http.PutAsJsonAsync("api/titles/1", title);
                    try
                    {
                        await Http.PostAsJsonAsync("api/messages", message);
                    }
                    catch (HttpRequestException)
                    {
                        [|Nav.NavigateTo("/login")|];
                    }
                }
            """),
            Component("""
                private string title = "";

                private async Task SendAsync()
                {
                    await Http.PutAsJsonAsync("api/titles/1", title);
                    try
                    {
                        await Http.PostAsJsonAsync("api/messages", message);
                    }
                    catch (HttpRequestException)
                    {
                        await DraftStore.Default.SaveAsync("Chat.SendAsync.2", message);
                        Nav.NavigateTo("/login");
                    }
                }
            """, UsingRuntime));

    [Fact]
    public async Task PayloadOutOfScopeAtTheRedirect_NoFix() =>
        await NoCodeFixAsync(Component("""
                private async Task SendAsync()
                {
                    try
                    {
                        var text = message.Trim();
                        await Http.PostAsJsonAsync("api/messages", text);
                    }
                    catch (HttpRequestException)
                    {
                        [|Nav.NavigateTo("/login")|];
                    }

                    try
                    {
                        await Http.PostAsJsonAsync("api/messages", message.Trim());
                    }
                    catch (HttpRequestException)
                    {
                        [|Nav.NavigateTo("/login")|];
                    }
                }
            """));

    [Fact]
    public async Task RuntimeNotReferenced_NoFix()
    {
        var source = SaveThenCatch("""[|Nav.NavigateTo("/login")|]""");
        var test = new Verify.Test {
            TestCode = source,
            FixedCode = source,
        }.WithoutRuntime();
        await test.RunAsync();
    }

    [Fact]
    public async Task RedirectInOneArmOfAnExpression_NoFix() =>
        await NoCodeFixAsync(Controller("""
                [HttpPost]
                public IActionResult Create(PostModel model) =>
                    User.Identity?.IsAuthenticated == true ? View(model) : [|Challenge()|];
            """));

    [Fact]
    public async Task FilterRedirectWithNoInputInHand_NoDraftFix()
    {
        const string Source = PipelineUsings + """
            public sealed class MembersOnlyAttribute : Attribute, IAuthorizationFilter
            {
                public void OnAuthorization(AuthorizationFilterContext context) =>
                    context.Result = [|new RedirectToRouteResult("MemberSignIn", new RouteValueDictionary())|];
            }
            """;
        await new Verify.Test
        {
            TestCode = Source,
            FixedCode = Source,
            CodeActionEquivalenceKey = FixEquivalenceKeys.StoreDraftBeforeRedirect,
        }.RunAsync();
    }

    [Fact]
    public async Task PostAction_FixStoresTheModelSynchronously() =>
        await Verify.VerifyCodeFixAsync(
            Controller("""
                [HttpPost]
                public IActionResult Create(PostModel model)
                {
                    if (User.Identity?.IsAuthenticated != true)
                        return [|RedirectToAction("Login", "Account")|];

                    return RedirectToAction("Index");
                }
            """),
            Controller("""
                [HttpPost]
                public IActionResult Create(PostModel model)
                {
                    if (User.Identity?.IsAuthenticated != true)
                    {
                        DraftStore.Default.Save("PostsController.Create", model);
                        return RedirectToAction("Login", "Account");
                    }

                    return RedirectToAction("Index");
                }
            """).Replace("using Microsoft.AspNetCore.Mvc;\n", "using Microsoft.AspNetCore.Mvc;\nusing SessionSafety;\n"));

    [Fact]
    public async Task ExpressionBodiedAsyncAction_FixMakesABlockBody() =>
        await Verify.VerifyCodeFixAsync(
            Controller("""
                [HttpPost]
                public async Task<IActionResult> Create(PostModel model, [FromForm] string tag) => await Task.FromResult([|Challenge()|]);

                [HttpPost]
                public async Task Close(PostModel model) => await [|HttpContext.ChallengeAsync()|];
            """),
            Controller("""
                [HttpPost]
                public async Task<IActionResult> Create(PostModel model, [FromForm] string tag)
                {
                    await DraftStore.Default.SaveAsync("PostsController.Create", new { model, tag });
                    return await Task.FromResult(Challenge());
                }

                [HttpPost]
                public async Task Close(PostModel model)
                {
                    await DraftStore.Default.SaveAsync("PostsController.Close", model);
                    await HttpContext.ChallengeAsync();
                }
            """).Replace("using Microsoft.AspNetCore.Mvc;\n", "using Microsoft.AspNetCore.Mvc;\nusing SessionSafety;\n"));

    [Fact]
    public async Task RazorPagesHandler_FixStoresTheBoundProperties() =>
        await Verify.VerifyCodeFixAsync(
            Page("""
                [BindProperty]
                public CommentInput Input { get; set; } = new();

                [BindProperty]
                public string Tag { get; set; } = "";

                public async Task<IActionResult> OnPostAsync()
                {
                    await Task.Yield();
                    return [|Challenge()|];
                }
            """, attributes: "[IgnoreAntiforgeryToken]\n"),
            Page("""
                [BindProperty]
                public CommentInput Input { get; set; } = new();

                [BindProperty]
                public string Tag { get; set; } = "";

                public async Task<IActionResult> OnPostAsync()
                {
                    await Task.Yield();
                    await DraftStore.Default.SaveAsync("EditModel.OnPostAsync", new { Input, Tag });
                    return Challenge();
                }
            """, attributes: "[IgnoreAntiforgeryToken]\n").Replace("using Microsoft.AspNetCore.Mvc.RazorPages;\n", "using Microsoft.AspNetCore.Mvc.RazorPages;\nusing SessionSafety;\n"));

    [Fact]
    public async Task Handler_FixStoresTheRequestContent() =>
        await Verify.VerifyCodeFixAsync(
            HandlerUsings + """
            public sealed class AuthRedirectHandler : DelegatingHandler
            {
                private readonly NavigationManager navigation;

                public AuthRedirectHandler(NavigationManager navigation) => this.navigation = navigation;

                protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    var response = await base.SendAsync(request, cancellationToken);
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        [|navigation.NavigateTo("authentication/login")|];
                    }

                    return response;
                }
            }
            """,
            HandlerUsings + UsingRuntime + """
            public sealed class AuthRedirectHandler : DelegatingHandler
            {
                private readonly NavigationManager navigation;

                public AuthRedirectHandler(NavigationManager navigation) => this.navigation = navigation;

                protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    var response = await base.SendAsync(request, cancellationToken);
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        await DraftStore.Default.SaveAsync("AuthRedirectHandler.SendAsync", request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync());
                        navigation.NavigateTo("authentication/login");
                    }

                    return response;
                }
            }
            """);

    [Fact]
    public async Task TwoRedirectsInADocument_FixAllAddsTheUsingOnce()
    {
        var test = new Verify.Test
        {
            TestCode = Component("""
                private async Task SendAsync()
                {
                    try
                    {
                        await Http.PostAsJsonAsync("api/messages", message);
                    }
                    catch (HttpRequestException)
                    {
                        [|Nav.NavigateTo("/login")|];
                    }
                }

                private async Task EditAsync()
                {
                    var response = await Http.PutAsJsonAsync("api/messages/1", message);
                    if (!response.IsSuccessStatusCode)
                    {
                        [|Nav.NavigateToLogin("authentication/login")|];
                    }
                }
            """),
            FixedCode = Component("""
                private async Task SendAsync()
                {
                    try
                    {
                        await Http.PostAsJsonAsync("api/messages", message);
                    }
                    catch (HttpRequestException)
                    {
                        await DraftStore.Default.SaveAsync("Chat.SendAsync", message);
                        Nav.NavigateTo("/login");
                    }
                }

                private async Task EditAsync()
                {
                    var response = await Http.PutAsJsonAsync("api/messages/1", message);
                    if (!response.IsSuccessStatusCode)
                    {
                        await DraftStore.Default.SaveAsync("Chat.EditAsync", message);
                        Nav.NavigateToLogin("authentication/login");
                    }
                }
            """, UsingRuntime),
            CodeActionEquivalenceKey = FixEquivalenceKeys.StoreDraftBeforeRedirect,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task RazorCodeBehind_FixAppliesInTheRazorCsFile()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;

                namespace TestProject.Pages;

                public partial class Compose
                {
                    [Inject] public HttpClient Http { get; set; } = default!;
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
                """,
            FixedCode = """
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;
                using SessionSafety;

                namespace TestProject.Pages;

                public partial class Compose
                {
                    [Inject] public HttpClient Http { get; set; } = default!;
                    [Inject] public NavigationManager Nav { get; set; } = default!;
                    private string message = "";

                    private async Task SendAsync()
                    {
                        var response = await Http.PostAsJsonAsync("api/messages", message);
                        if (!response.IsSuccessStatusCode)
                        {
                            await DraftStore.Default.SaveAsync("Compose.SendAsync", message);
                            Nav.NavigateTo("/login");
                        }
                    }
                }
                """,
        };
        test.TestState.AddRazorFile(("Pages/Compose.razor", """
            @page "/compose"
            <textarea @bind="message"></textarea>
            <button @onclick="SendAsync">Send</button>
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task RedirectInsideLock_FixStoresSynchronously() =>
        await Verify.VerifyCodeFixAsync(
            Component("""
                private readonly object gate = new();

                private async Task SendAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/messages", message);
                    lock (gate)
                    {
                        if (!response.IsSuccessStatusCode)
                        {
                            [|Nav.NavigateTo("/login")|];
                        }
                    }
                }
            """),
            Component("""
                private readonly object gate = new();

                private async Task SendAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/messages", message);
                    lock (gate)
                    {
                        if (!response.IsSuccessStatusCode)
                        {
                            DraftStore.Default.Save("Chat.SendAsync", message);
                            Nav.NavigateTo("/login");
                        }
                    }
                }
            """, UsingRuntime));

    [Fact]
    public async Task RedirectInSwitchSectionAndLocalFunction_FixInsertsInPlace() =>
        await Verify.VerifyCodeFixAsync(
            Component("""
                private async Task SendAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/messages", message);
                    switch (response.StatusCode)
                    {
                        case HttpStatusCode.Unauthorized:
                            [|Nav.NavigateTo("/login")|];
                            break;
                    }
                }

                private async Task EditAsync()
                {
                    try
                    {
                        await Http.PutAsJsonAsync("api/messages/1", message);
                    }
                    catch (AccessTokenNotAvailableException exception)
                    {
                        Go();
                        void Go() => [|exception.Redirect()|];
                    }
                }
            """),
            Component("""
                private async Task SendAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/messages", message);
                    switch (response.StatusCode)
                    {
                        case HttpStatusCode.Unauthorized:
                            await DraftStore.Default.SaveAsync("Chat.SendAsync", message);
                            Nav.NavigateTo("/login");
                            break;
                    }
                }

                private async Task EditAsync()
                {
                    try
                    {
                        await Http.PutAsJsonAsync("api/messages/1", message);
                    }
                    catch (AccessTokenNotAvailableException exception)
                    {
                        Go();
                        void Go()
                        {
                            DraftStore.Default.Save("Chat.EditAsync", message);
                            exception.Redirect();
                        }
                    }
                }
            """, UsingRuntime));

    [Fact]
    public async Task RedirectInExpressionLambda_FixGivesTheLambdaABlock() =>
        await Verify.VerifyCodeFixAsync(
            Component("""
                private async Task SendAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/messages", message);
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        await InvokeAsync(() => [|Nav.NavigateTo("/login")|]);
                    }
                }
            """),
            Component("""
                private async Task SendAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/messages", message);
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        await InvokeAsync(() =>
                        {
                            DraftStore.Default.Save("Chat.SendAsync", message);
                            Nav.NavigateTo("/login");
                        });
                    }
                }
            """, UsingRuntime));

    /// <summary>The diagnostics are reported (as the markup says) but no fix is offered for them.</summary>
    private static Task NoCodeFixAsync(string source) => Verify.VerifyCodeFixAsync(source, source);
}
