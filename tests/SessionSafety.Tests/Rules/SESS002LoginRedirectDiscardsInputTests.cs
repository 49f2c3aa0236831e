using System.Threading.Tasks;
using SessionSafety.CodeFixes;
using Verify = SessionSafety.Tests.Verifiers.CSharpCodeFixVerifier<
    SessionSafety.Analyzers.Rules.SESS002LoginRedirectDiscardsInputAnalyzer,
    SessionSafety.CodeFixes.Rules.SESS002LoginRedirectDiscardsInputCodeFix>;

namespace SessionSafety.Tests.Rules;

public sealed class SESS002LoginRedirectDiscardsInputTests
{
    // ------------------------------------------------------------------ sources

    private const string BlazorUsings = """
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
    private static string Component(string members, string extraUsings = "") => BlazorUsings + extraUsings + """
        public class Chat : ComponentBase
        {
            [Inject] public HttpClient Http { get; set; } = default!;
            [Inject] public NavigationManager Nav { get; set; } = default!;
            private string message = "";

        """ + members + """

        }
        """;

    private const string MvcUsings = """
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

    private static string Controller(string members) => MvcUsings + """
        public class PostsController : Controller
        {

        """ + members + """

        }
        """;

    private const string PageUsings = """
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

    private static string Page(string members, string attributes = "") => PageUsings + attributes + """
        public class EditModel : PageModel
        {

        """ + members + """

        }
        """;

    /// <summary>Minimal MAUI types in their real namespaces (the MAUI workload is not installed here).</summary>
    private const string MauiStubs = """
        namespace Microsoft.Maui.Controls
        {
            using System.Threading.Tasks;

            public class ShellNavigationState
            {
                public ShellNavigationState(string location) => Location = location;

                public string Location { get; }

                public static implicit operator ShellNavigationState(string location) => new ShellNavigationState(location);
            }

            public class Page
            {
            }

            public class Shell : Page
            {
                public static Shell Current { get; } = new Shell();

                public Task GoToAsync(ShellNavigationState state) => Task.CompletedTask;

                public Task GoToAsync(ShellNavigationState state, bool animate) => Task.CompletedTask;
            }
        }

        namespace Microsoft.Maui.Storage
        {
            using System.Threading.Tasks;

            public static class Preferences
            {
                public static void Set(string key, string value) { }
            }

            public static class SecureStorage
            {
                public static Task SetAsync(string key, string value) => Task.CompletedTask;
            }
        }
        """;

    private static string MauiPage(string members) => """
        using System;
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;
        using Microsoft.Maui.Controls;
        using Microsoft.Maui.Storage;

        public class LoginPage : Page
        {
        }

        public class ComposePage : Page
        {
            private readonly HttpClient http = new HttpClient();
            private string message = "";

        """ + members + """

        }
        """;

    private static Task VerifyMaui(string source)
    {
        var test = new Verify.Test { TestCode = source };
        test.AdditionalSources.Add(("Maui.cs", MauiStubs));
        return test.RunAsync();
    }

    /// <summary>A try around a save whose catch runs <paramref name="redirect"/> (markup included).</summary>
    private static string SaveThenCatch(string redirect) => Component($$"""
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

    // ------------------------------------------------------------------ sinks: Blazor navigation

    [Fact]
    public async Task NavigateToConstantLoginPath_Reports() =>
        await Verify.VerifyAnalyzerAsync(SaveThenCatch("""[|Nav.NavigateTo("/login")|]"""));

    [Fact]
    public async Task NavigateToWithForceLoad_Reports() =>
        await Verify.VerifyAnalyzerAsync(SaveThenCatch("""[|Nav.NavigateTo("account/login", forceLoad: true)|]"""));

    [Fact]
    public async Task NavigateToWithReplaceAndOptions_Reports() =>
        await Verify.VerifyAnalyzerAsync(SaveThenCatch("""[|Nav.NavigateTo("/SignIn", new NavigationOptions { ForceLoad = true })|]"""));

    [Fact]
    public async Task NavigateToInterpolatedLoginUrl_Reports() =>
        await Verify.VerifyAnalyzerAsync(SaveThenCatch("""[|Nav.NavigateTo($"authentication/login?returnUrl={Uri.EscapeDataString(Nav.Uri)}")|]"""));

    [Fact]
    public async Task NavigateToInterpolatedPrefixAndLoginSegment_Reports() =>
        await Verify.VerifyAnalyzerAsync(SaveThenCatch("""[|Nav.NavigateTo($"{Nav.BaseUri}log-in")|]"""));

    [Fact]
    public async Task NavigateToConcatenatedLoginUrl_Reports() =>
        await Verify.VerifyAnalyzerAsync(SaveThenCatch("""[|Nav.NavigateTo("/Identity/Account/Login?ReturnUrl=" + Uri.EscapeDataString(Nav.Uri))|]"""));

    [Fact]
    public async Task NavigateToLoginWithQuery_Reports() =>
        await Verify.VerifyAnalyzerAsync(SaveThenCatch("""[|Nav.NavigateTo("/signin?next=x")|]"""));

    [Fact]
    public async Task NavigateToAbsoluteLoginUrl_Reports() =>
        await Verify.VerifyAnalyzerAsync(SaveThenCatch("""[|Nav.NavigateTo("https://auth.example.com/logon")|]"""));

    [Fact]
    public async Task NavigateToConstantFieldAndLocal_Reports() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private const string LoginPath = "/login";
                private static readonly string SignInPath = "/signin";

                private async Task SendAsync()
                {
                    var target = "/" + "log-in";
                    try
                    {
                        await Http.PostAsJsonAsync("api/messages", message);
                    }
                    catch (HttpRequestException) when (message.Length > 10)
                    {
                        [|Nav.NavigateTo(LoginPath)|];
                    }
                    catch (HttpRequestException) when (message.Length > 5)
                    {
                        [|Nav.NavigateTo(SignInPath)|];
                    }
                    catch (HttpRequestException)
                    {
                        [|Nav.NavigateTo(target)|];
                    }
                }
            """));

    [Fact]
    public async Task NavigateToPathThatOnlyContainsLoginLetters_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private async Task SendAsync()
                {
                    try
                    {
                        await Http.PostAsJsonAsync("api/messages", message);
                    }
                    catch (HttpRequestException) when (message.Length > 10)
                    {
                        Nav.NavigateTo("/designing");
                    }
                    catch (HttpRequestException) when (message.Length > 5)
                    {
                        Nav.NavigateTo("/loginhistory");
                    }
                    catch (HttpRequestException) when (message.Length > 2)
                    {
                        Nav.NavigateTo("/settings?next=/login");
                    }
                    catch (HttpRequestException)
                    {
                        Nav.NavigateTo("/error");
                    }
                }
            """));

    [Fact]
    public async Task NavigateToUnknownTarget_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private async Task SendAsync(string returnUrl)
                {
                    try
                    {
                        await Http.PostAsJsonAsync("api/messages", message);
                    }
                    catch (HttpRequestException)
                    {
                        Nav.NavigateTo(returnUrl);
                    }
                }
            """));

    [Fact]
    public async Task NavigateToLogin_Reports() =>
        await Verify.VerifyAnalyzerAsync(SaveThenCatch("""[|Nav.NavigateToLogin("authentication/login")|]"""));

    [Fact]
    public async Task NavigateToLoginWithRequestOptions_Reports() =>
        await Verify.VerifyAnalyzerAsync(SaveThenCatch(
            """[|Nav.NavigateToLogin("authentication/login", new InteractiveRequestOptions { Interaction = InteractionType.SignIn, ReturnUrl = Nav.Uri })|]"""));

    [Fact]
    public async Task AccessTokenNotAvailableRedirectAroundSave_Reports() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private async Task SendAsync()
                {
                    try
                    {
                        await Http.PostAsJsonAsync("api/messages", message);
                    }
                    catch (AccessTokenNotAvailableException exception)
                    {
                        [|exception.Redirect()|];
                    }
                }
            """));

    [Fact]
    public async Task AccessTokenNotAvailableRedirectWithOptionsAroundSave_Reports() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private async Task SendAsync()
                {
                    try
                    {
                        await Http.PutAsJsonAsync("api/messages/1", message);
                    }
                    catch (AccessTokenNotAvailableException exception)
                    {
                        [|exception.Redirect(options => options.TryAddAdditionalParameter("prompt", "login"))|];
                    }
                }
            """));

    [Fact]
    public async Task LoginPathsOption_ReplacesTheMarkers()
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
                        catch (HttpRequestException) when (message.Length > 3)
                        {
                            [|Nav.NavigateTo("/connexion")|];
                        }
                        catch (HttpRequestException) when (message.Length > 2)
                        {
                            [|Nav.NavigateTo("/Konto/Anmelden?ziel=1")|];
                        }
                        catch (HttpRequestException)
                        {
                            Nav.NavigateTo("/login");
                        }
                    }
                """),
            EditorConfig = "session_safety.login_paths = connexion|konto/anmelden",
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task MultiSegmentLoginPathNeedsConsecutiveSegments_DoesNotReport()
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
                            Nav.NavigateTo("/konto/profil/anmelden");
                        }
                    }
                """),
            EditorConfig = "session_safety.login_paths = konto/anmelden",
        };
        await test.RunAsync();
    }

    // ------------------------------------------------------------------ sinks: MVC, Razor Pages, minimal APIs

    [Fact]
    public async Task MvcRedirectsToLogin_Report() =>
        await Verify.VerifyAnalyzerAsync(Controller("""
                [HttpPost]
                public IActionResult Create(PostModel model)
                {
                    if (model.Title.Length == 0) return [|Redirect("/Account/Login")|];
                    if (model.Title.Length == 1) return [|LocalRedirect("~/login?returnUrl=%2Fposts")|];
                    if (model.Title.Length == 2) return [|RedirectToAction("Login", "Account")|];
                    if (model.Title.Length == 3) return [|RedirectToAction(nameof(AccountController.SignIn), "Account", new { returnUrl = "/posts" })|];
                    if (model.Title.Length == 4) return [|RedirectToPage("/Account/Login")|];
                    if (model.Title.Length == 5) return [|RedirectToRoute("login")|];
                    if (model.Title.Length == 6) return [|RedirectToActionPermanent("Login", "Account")|];
                    if (model.Title.Length == 7) return [|RedirectToRoute(new { controller = "Account", action = "Login" })|];
                    if (model.Title.Length == 8) return [|Redirect(Url.Action("Login", "Account")!)|];
                    return View(model);
                }
            }

            public class AccountController : Controller
            {
                public IActionResult SignIn() => View();
            """));

    [Fact]
    public async Task MvcRedirectsElsewhere_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(Controller("""
                [HttpPost]
                public IActionResult Create(PostModel model, string returnUrl)
                {
                    if (model.Title.Length == 0) return Redirect("/posts");
                    if (model.Title.Length == 1) return LocalRedirect(returnUrl);
                    if (model.Title.Length == 2) return RedirectToAction("Index");
                    if (model.Title.Length == 3) return RedirectToAction();
                    if (model.Title.Length == 4) return RedirectToPage("/Posts/Index", new { returnUrl = "/login" });
                    return RedirectToAction("Details", "Posts", new { id = 1 });
                }
            """));

    [Fact]
    public async Task ChallengesInPostAction_Report() =>
        await Verify.VerifyAnalyzerAsync(Controller("""
                [HttpPost]
                public async Task<IActionResult> Create(PostModel model)
                {
                    if (model.Title.Length == 0) return [|Challenge()|];
                    if (model.Title.Length == 1) return [|Challenge(new AuthenticationProperties { RedirectUri = "/posts" })|];
                    if (model.Title.Length == 2) return [|new ChallengeResult()|];
                    if (model.Title.Length == 3) return [|new RedirectToActionResult("Login", "Account", null)|];
                    if (model.Title.Length == 4)
                    {
                        await [|HttpContext.ChallengeAsync()|];
                        return new EmptyResult();
                    }

                    return View(model);
                }
            """));

    [Fact]
    public async Task ResultsRedirectAndChallengeInPostAction_Report() =>
        await Verify.VerifyAnalyzerAsync(Controller("""
                [HttpPost]
                public IResult Create(PostModel model)
                {
                    if (model.Title.Length == 0) return [|Results.Redirect("/login")|];
                    if (model.Title.Length == 1) return [|TypedResults.LocalRedirect("/Account/Login")|];
                    if (model.Title.Length == 2) return [|Results.Challenge()|];
                    return Results.Ok();
                }
            """));

    [Fact]
    public async Task HttpResponseRedirectInPostAction_Reports() =>
        await Verify.VerifyAnalyzerAsync(Controller("""
                [HttpPost]
                public void Create(PostModel model)
                {
                    if (User.Identity?.IsAuthenticated != true)
                    {
                        [|Response.Redirect("/Account/Login")|];
                    }
                }
            """));

    // ------------------------------------------------------------------ sinks: MAUI

    [Fact]
    public async Task ShellGoToLoginRouteAfterFailedSave_Reports() =>
        await VerifyMaui(MauiPage("""
                private async Task SendAsync()
                {
                    var response = await http.PostAsJsonAsync("api/messages", message);
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        await [|Shell.Current.GoToAsync("//login")|];
                    }
                    else if (response.StatusCode == HttpStatusCode.Forbidden)
                    {
                        await [|Shell.Current.GoToAsync($"//{nameof(LoginPage)}", true)|];
                    }
                    else if (!response.IsSuccessStatusCode)
                    {
                        await [|Shell.Current.GoToAsync(new ShellNavigationState("//SignInView"))|];
                    }
                }
            """));

    [Fact]
    public async Task ShellGoToOtherRouteAfterFailedSave_DoesNotReport() =>
        await VerifyMaui(MauiPage("""
                private async Task SendAsync()
                {
                    var response = await http.PostAsJsonAsync("api/messages", message);
                    if (!response.IsSuccessStatusCode)
                    {
                        await Shell.Current.GoToAsync("//settings");
                        await Shell.Current.GoToAsync("//LoginHistoryPage");
                    }
                }
            """));
}
