using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SessionSafety.CodeFixes;
using SessionSafety.Tests.Verifiers;
using static SessionSafety.Tests.Analyzers.SESS002.SESS002Sources;

using Verify = SessionSafety.Tests.Verifiers.CSharpAnalyzerVerifier<
    SessionSafety.Analyzers.Rules.SESS002.SESS002LoginRedirectDiscardsInputAnalyzer>;

namespace SessionSafety.Tests.Analyzers.SESS002;

public sealed class SESS002LoginRedirectDiscardsInputAnalyzerTests
{
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
        var test = new Verify.Test {
            TestCode = source,
        };
        test.TestState.Sources.Add(("/0/Maui.cs", MauiStubs));
        return test.RunAsync();
    }

    // ------------------------------------------------------------------ sinks: Blazor navigation

    [Fact]
    public async Task NavigateToConstantLoginPath_Reports() =>
        await Verify.VerifyAnalyzerAsync(SaveThenCatch("""[|Nav.NavigateTo("/login")|]"""));

    // Members whose text names no sink are skipped; an escaped identifier still names one.
    [Fact]
    public async Task SinkNameSpelledWithUnicodeEscape_Reports() =>
        await Verify.VerifyAnalyzerAsync(SaveThenCatch("""[|Nav.N\u0061vigateTo("/login")|]"""));

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
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.login_paths = connexion|konto/anmelden") } },
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
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.login_paths = konto/anmelden") } },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task TestProject_DoesNotReport()
    {
        var test = new Verify.Test
        {
            TestCode = SaveThenCatch("""Nav.NavigateTo("/login")"""),
            TestState = { AdditionalReferences = { typeof(FactAttribute).Assembly.Location } },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task TestProjectWithIncludeTests_Reports()
    {
        var test = new Verify.Test
        {
            TestCode = SaveThenCatch("""[|Nav.NavigateTo("/login")|]"""),
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.include_tests = true") }, AdditionalReferences = { typeof(FactAttribute).Assembly.Location } },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task IncompleteCodeWhileTyping_DoesNotThrow()
    {
        var test = new Verify.Test
        {
            TestCode = Component("""
                    private async Task SendAsync()
                    {
                        var response = await Http.PostAsJsonAsync("api/messages", );
                        if (response.StatusCode == )
                        {
                            Nav.NavigateTo();
                            Nav.NavigateTo(LoginPath);
                            Nav.NavigateToLogin();
                        }
                    }
                }

                public class PostsController : Microsoft.AspNetCore.Mvc.Controller
                {
                    [Microsoft.AspNetCore.Mvc.HttpPost]
                    public Microsoft.AspNetCore.Mvc.IActionResult Create(Missing model) => RedirectToAction(, "Account");

                    [Microsoft.AspNetCore.Mvc.HttpPost]
                    public Microsoft.AspNetCore.Mvc.IActionResult Edit(PostModel model) => Redirect(Unknown.Login);
                """),
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }

    // ------------------------------------------------------------------ sinks: MVC, Razor Pages, minimal APIs

    [Fact]
    public async Task MvcRedirectsToLogin_Reports() =>
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
    public async Task ChallengesInPostAction_Reports() =>
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
    public async Task ResultsRedirectAndChallengeInPostAction_Reports() =>
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

    // ------------------------------------------------------------------ context (a): the failure path of a save

    [Fact]
    public async Task RedirectAfterUnauthorizedStatus_Reports() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private async Task SendAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/messages", message);
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        [|Nav.NavigateTo("/login")|];
                        return;
                    }

                    message = "";
                }
            """));

    [Fact]
    public async Task RedirectAfterIntStatusOrPattern_Reports() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private async Task SendAsync()
                {
                    var response = await Http.PatchAsJsonAsync("api/messages/1", message);
                    if ((int)response.StatusCode == 401 || (int)response.StatusCode == 403)
                    {
                        [|Nav.NavigateTo("/login")|];
                    }

                    if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    {
                        [|Nav.NavigateToLogin("authentication/login")|];
                    }

                    if (response is { StatusCode: HttpStatusCode.Forbidden })
                    {
                        [|Nav.NavigateTo("/login")|];
                    }
                }
            """));

    [Fact]
    public async Task RedirectWhenNotSuccessful_Reports() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private async Task SendAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/messages", message);
                    if (!response.IsSuccessStatusCode)
                    {
                        [|Nav.NavigateTo("/login")|];
                    }
                }
            """));

    [Fact]
    public async Task RedirectInElseOfIsSuccessStatusCode_Reports() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private async Task SendAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/messages", message);
                    if (response.IsSuccessStatusCode)
                    {
                        message = "";
                    }
                    else
                    {
                        [|Nav.NavigateTo("/login")|];
                    }
                }
            """));

    [Fact]
    public async Task RedirectAfterEarlyReturnOnSuccess_Reports() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private async Task SendAsync()
                {
                    using var response = await Http.PostAsJsonAsync("api/messages", message);
                    if (response.IsSuccessStatusCode)
                    {
                        message = "";
                        return;
                    }

                    [|Nav.NavigateTo("/login", forceLoad: true)|];
                }
            """));

    [Fact]
    public async Task RedirectInStatusSwitch_Reports() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private async Task SendAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/messages", message);
                    switch (response.StatusCode)
                    {
                        case HttpStatusCode.OK:
                            message = "";
                            break;
                        case HttpStatusCode.Unauthorized:
                        case HttpStatusCode.Forbidden:
                            [|Nav.NavigateTo("/login")|];
                            break;
                    }
                }
            """));

    [Fact]
    public async Task RedirectInCatchOfHttpRequestExceptionWithStatus_Reports() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private async Task SendAsync()
                {
                    try
                    {
                        var response = await Http.PostAsJsonAsync("api/messages", message);
                        response.EnsureSuccessStatusCode();
                    }
                    catch (HttpRequestException exception) when (exception.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        [|Nav.NavigateTo("/login")|];
                    }
                }
            """));

    [Fact]
    public async Task SaveInLambdaOfTheMember_Reports() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private Func<Task> Send => async () =>
                {
                    try
                    {
                        await Http.PostAsJsonAsync("api/messages", message);
                    }
                    catch (AccessTokenNotAvailableException exception)
                    {
                        [|exception.Redirect()|];
                    }
                };
            """));

    [Fact]
    public async Task ContentSaveNamingTheContent_Reports() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private async Task SendAsync()
                {
                    using var content = new StringContent(message);
                    var response = await Http.PutAsync("api/messages/1", {|#1:content|});
                    if (!response.IsSuccessStatusCode)
                    {
                        {|#0:Nav.NavigateTo("/login")|};
                    }
                }
            """), Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("'content'", StoreDraft));

    [Fact]
    public async Task RequestSaveNamingTheRequest_Reports() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private async Task SendAsync()
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = JsonContent.Create(message) };
                    var response = await Http.SendAsync({|#1:request|});
                    if (response.StatusCode == HttpStatusCode.Forbidden)
                    {
                        {|#0:Nav.NavigateTo("/login")|};
                    }
                }
            """), Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("'request'", StoreDraft));

    [Fact]
    public async Task MultiLinePayload_MessageQuotesItOnOneLineShortened() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private async Task SendAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/messages", new
                    {
                        Subject = "a fairly long subject line",
                        Body    =	"and a body that makes the expression longer than eighty characters",
                    });
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        {|#0:Nav.NavigateTo("/login")|};
                    }
                }
            """), Verify.Diagnostic().WithLocation(0).WithArguments("""'new { Subject = "a fairly long subject line", Body = "and a body that makes t...'""", StoreDraft).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public async Task JsonSave_MessageNamesThePayload() =>
        await Verify.VerifyAnalyzerAsync(SaveThenCatch("""{|#0:Nav.NavigateTo("/login")|}"""),
            Verify.Diagnostic().WithLocation(0).WithArguments("'message'", StoreDraft).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public async Task FetchDataSampleRedirectAroundGets_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private WeatherForecast[]? forecasts;

                protected override async Task OnInitializedAsync()
                {
                    try
                    {
                        forecasts = await Http.GetFromJsonAsync<WeatherForecast[]>("WeatherForecast");
                        var page = await Http.GetAsync("api/page");
                        await Http.DeleteAsync("api/old");
                    }
                    catch (AccessTokenNotAvailableException exception)
                    {
                        exception.Redirect();
                    }
                }

                public class WeatherForecast
                {
                    public int TemperatureC { get; set; }
                }
            """));

    [Fact]
    public async Task GetFailureInMemberThatSavedEarlier_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private async Task SendAsync()
                {
                    var saved = await Http.PostAsJsonAsync("api/messages", message);
                    try
                    {
                        var list = await Http.GetFromJsonAsync<string[]>("api/messages");
                    }
                    catch (AccessTokenNotAvailableException exception)
                    {
                        exception.Redirect();
                    }
                }
            """));

    [Fact]
    public async Task RedirectOnSuccessPathAfterSave_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private async Task SendAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/account/delete", message);
                    response.EnsureSuccessStatusCode();
                    Nav.NavigateTo("/login");
                }

                private async Task PublishAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/messages", message);
                    if (response.IsSuccessStatusCode)
                    {
                        Nav.NavigateTo("/login");
                    }
                }

                private async Task ArchiveAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/messages/archive", message);
                    if (response.StatusCode != HttpStatusCode.Unauthorized)
                    {
                        Nav.NavigateTo("/login");
                    }
                }
            """));

    [Fact]
    public async Task RouteGuardBeforeAnySave_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                [CascadingParameter] public Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? AuthState { get; set; }

                protected override async Task OnInitializedAsync()
                {
                    var state = await AuthState!;
                    if (state.User.Identity?.IsAuthenticated != true)
                    {
                        Nav.NavigateTo($"authentication/login?returnUrl={Uri.EscapeDataString(Nav.Uri)}");
                    }
                }

                private async Task SendAsync()
                {
                    if (string.IsNullOrEmpty(message))
                    {
                        Nav.NavigateTo("/login");
                        return;
                    }

                    await Http.PostAsJsonAsync("api/messages", message);
                }
            """));

    [Fact]
    public async Task UserClickedSignInButtonAndLogout_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private void SignIn() => Nav.NavigateToLogin("authentication/login");

                private void BeginLogIn() => Nav.NavigateTo("authentication/login");

                private void LogOut() => Nav.NavigateToLogout("authentication/logout");

                private async Task SignOutAsync()
                {
                    try
                    {
                        await Http.PostAsJsonAsync("api/session/end", message);
                    }
                    finally
                    {
                        Nav.NavigateTo("/login");
                    }
                }
            """));

    [Fact]
    public async Task LoginFormThatReturnsToLoginOnFailure_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(BlazorUsings + """
            public class Login : ComponentBase
            {
                [Inject] public HttpClient Http { get; set; } = default!;
                [Inject] public NavigationManager Nav { get; set; } = default!;
                private LoginInput input = new();

                private async Task SubmitAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/login", input);
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        Nav.NavigateTo("/login?error=1");
                    }
                }

                public class LoginInput
                {
                    public string User { get; set; } = "";
                    public string Password { get; set; } = "";
                }
            }
            """);

    [Fact]
    public async Task SaveThroughTheRuntimeGuard_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private async Task SendAsync()
                {
                    var response = await SessionSafety.DraftGuard.Default.SendAsync("Chat.SendAsync", message, draft => Http.PostAsJsonAsync("api/messages", draft));
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        Nav.NavigateTo("/login");
                    }
                }
            """));

    [Fact]
    public async Task UnknownConditionAfterSave_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private async Task SendAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/messages", message);
                    var saved = await response.Content.ReadFromJsonAsync<string>();
                    if (saved is null)
                    {
                        Nav.NavigateTo("/login");
                    }
                }
            """));

    [Fact]
    public async Task HandlerRedirectsOnUnauthorizedAfterBaseSend_Reports() =>
        await Verify.VerifyAnalyzerAsync(HandlerUsings + """
            public sealed class AuthRedirectHandler : DelegatingHandler
            {
                private readonly NavigationManager navigation;

                public AuthRedirectHandler(NavigationManager navigation) => this.navigation = navigation;

                protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    var response = await base.SendAsync(request, cancellationToken);
                    if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    {
                        {|#0:navigation.NavigateTo("authentication/login", forceLoad: true)|};
                    }

                    return response;
                }
            }
            """, Verify.Diagnostic().WithLocation(0).WithArguments("'request'", StoreDraft));

    [Fact]
    public async Task HandlerSyncSendRedirectsToLogin_Reports() =>
        await Verify.VerifyAnalyzerAsync(HandlerUsings + """
            public sealed class AuthRedirectHandler : DelegatingHandler
            {
                private readonly NavigationManager navigation;

                public AuthRedirectHandler(NavigationManager navigation) => this.navigation = navigation;

                protected override HttpResponseMessage Send(HttpRequestMessage message, CancellationToken cancellationToken)
                {
                    var response = base.Send(message, cancellationToken);
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        [|navigation.NavigateToLogin("authentication/login")|];
                    }

                    return response;
                }
            }
            """);

    [Fact]
    public async Task HandlerRedirectsOnTokenExceptionAroundBaseSend_Reports() =>
        await Verify.VerifyAnalyzerAsync(HandlerUsings + """
            public sealed class TokenHandler : DelegatingHandler
            {
                protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    try
                    {
                        return await base.SendAsync(request, cancellationToken);
                    }
                    catch (AccessTokenNotAvailableException exception)
                    {
                        [|exception.Redirect()|];
                        throw;
                    }
                }
            }
            """);

    [Fact]
    public async Task HandlerRedirectOutsideTheFailurePath_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(HandlerUsings + """
            public sealed class AuthRedirectHandler : DelegatingHandler
            {
                private readonly NavigationManager navigation;

                public AuthRedirectHandler(NavigationManager navigation) => this.navigation = navigation;

                protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    if (request.Headers.Authorization is null)
                    {
                        navigation.NavigateTo("authentication/login");
                    }

                    var response = await base.SendAsync(request, cancellationToken);
                    if (response.StatusCode == HttpStatusCode.NotFound)
                    {
                        navigation.NavigateTo("/login");
                    }

                    return response;
                }

                public void Other(HttpResponseMessage response)
                {
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        navigation.NavigateTo("/login");
                    }
                }
            }
            """);

    // ------------------------------------------------------------------ context (c): POST actions and handlers with input

    [Fact]
    public async Task PostActionWithModelRedirectsToLoginNamingThePostedForm_Reports() =>
        await Verify.VerifyAnalyzerAsync(Controller("""
                [HttpPost]
                public IActionResult Create(PostModel model)
                {
                    if (User.Identity?.IsAuthenticated != true)
                    {
                        return {|#0:RedirectToAction("Login", "Account")|};
                    }

                    return RedirectToAction("Index");
                }
            """), Verify.Diagnostic().WithLocation(0).WithArguments("the posted form", StoreDraft));

    [Fact]
    public async Task PutPatchAndAcceptVerbsActions_Reports() =>
        await Verify.VerifyAnalyzerAsync(Controller("""
                [HttpPut("{id}")]
                public IActionResult Replace(int id, [FromBody] PostModel model) => [|Challenge()|];

                [HttpPatch("{id}")]
                public IActionResult Edit(int id, [FromForm] string title) => [|RedirectToAction("Login", "Account")|];

                [AcceptVerbs("GET", "POST")]
                public IActionResult Compose(PostModel model) => [|Redirect("/login")|];

                [HttpPost]
                public IActionResult Import(IFormCollection form) => [|Challenge()|];

                [HttpPost]
                public IActionResult Raw()
                {
                    var title = Request.Form["title"];
                    return [|Challenge()|];
                }
            """));

    [Fact]
    public async Task RazorPagesPostHandlerWithBindProperty_Reports() =>
        await Verify.VerifyAnalyzerAsync(Page("""
                [BindProperty]
                public CommentInput Input { get; set; } = new();

                public IActionResult OnGet() => Page();

                public async Task<IActionResult> OnPostAsync()
                {
                    if (User.Identity?.IsAuthenticated != true)
                    {
                        return {|#0:RedirectToPage("/Account/Login", new { area = "Identity" })|};
                    }

                    await Task.Yield();
                    return RedirectToPage("./Index");
                }

                public IActionResult OnPostPublish() => [|Challenge()|];
            """, attributes: "[IgnoreAntiforgeryToken]\n"), Verify.Diagnostic().WithLocation(0).WithArguments("the posted form", StoreDraft));

    [Fact]
    public async Task RazorPagesPostHandlerWithModelParameterOrBindProperties_Reports() =>
        await Verify.VerifyAnalyzerAsync(Page("""
                public string Text { get; set; } = "";

                public IActionResult OnPostSave(CommentInput input) => [|Challenge()|];

                public IActionResult OnPutAsync() => [|Redirect("/login")|];
            """, attributes: "[BindProperties]\n[IgnoreAntiforgeryToken]\n"));

    [Fact]
    public async Task GetActionsAndHandlers_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(Controller("""
                [HttpGet]
                public IActionResult Create(PostModel model) => RedirectToAction("Login", "Account");

                public IActionResult Edit(PostModel model) => Challenge();
            }

            public class ItemsModel : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
            {
                [BindProperty]
                public PostModel Input { get; set; } = new();

                public IActionResult OnGet() => Challenge();

                public IActionResult OnGetEdit(PostModel model) => RedirectToPage("/Account/Login");
            """));

    [Fact]
    public async Task PostsWithoutUserInput_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(Controller("""
                [HttpPost]
                public IActionResult Delete(int id) => RedirectToAction("Login", "Account");

                [HttpPost]
                public IActionResult Pin(Guid id, DateTime at, DayOfWeek day, string returnUrl, System.Threading.CancellationToken cancellationToken) => Challenge();

                [HttpPost]
                public IActionResult Like(int[] ids, [FromServices] IServiceProvider services, [FromQuery] PostModel filter) => Challenge();

                [HttpPost]
                public IActionResult Upload(IFormFile file) => Challenge();

                [HttpPost]
                public IActionResult Rate([FromForm] int rating, [FromBody] DayOfWeek day) => Challenge();

                [HttpPost]
                public IActionResult Save(PostModel model) => View(model);
            """));

    [Fact]
    public async Task PageWithOnlyQueryLikeOrScalarBoundProperties_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(Page("""
                [BindProperty(SupportsGet = true)]
                public string? Search { get; set; }

                [BindProperty]
                public int Id { get; set; }

                public IActionResult OnPost() => Challenge();
            """));

    [Fact]
    public async Task AuthenticationFlowActions_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(MvcUsings + """
            public class RegisterViewModel
            {
                public string Email { get; set; } = "";
                public string Password { get; set; } = "";
            }

            public class AccountController : Controller
            {
                [HttpPost]
                public IActionResult Register(RegisterViewModel model) => RedirectToAction("Login");

                [HttpPost]
                public IActionResult ResetPassword(RegisterViewModel model) => RedirectToAction(nameof(Login));

                [HttpPost]
                public IActionResult Login(RegisterViewModel model) => RedirectToAction(nameof(Login));

                [HttpPost]
                public IActionResult ExternalLogin(string provider, string returnUrl) => Challenge(new AuthenticationProperties(), provider);

                public IActionResult Login() => View();
            }

            public class ProfileController : Controller
            {
                [HttpPost]
                public async Task<IActionResult> Close(RegisterViewModel model)
                {
                    await HttpContext.SignOutAsync();
                    return RedirectToAction("Login", "Account");
                }
            }
            """);

    [Fact]
    public async Task ExternalLoginPageWithBindProperty_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(PageUsings + """
            public class ExternalLoginModel : PageModel
            {
                [BindProperty]
                public CommentInput Input { get; set; } = new();

                public IActionResult OnPost(string provider, string? returnUrl = null) =>
                    new ChallengeResult(provider, new AuthenticationProperties { RedirectUri = returnUrl });
            }
            """);

    // ------------------------------------------------------------------ context (c): authorization or antiforgery first

    [Theory]
    [InlineData("[Authorize]\n", "")]
    [InlineData("", "[Authorize(Policy = \"Editors\")]")]
    [InlineData("", "[Authorize(AuthenticationSchemes = \"Cookies\")]")]
    [InlineData("[EditorsOnly]\n", "")]
    public async Task PostActionWhereAuthorizationRunsFirst_DoesNotReport(string controllerAttributes, string actionAttributes) =>
        await Verify.VerifyAnalyzerAsync(ChallengingAction("Challenge()", controllerAttributes, actionAttributes) + """

            public sealed class EditorsOnlyAttribute : AuthorizeAttribute
            {
                public EditorsOnlyAttribute() => Roles = "Editor";
            }
            """);

    [Fact]
    public async Task PostActionOfAControllerWhoseBaseAuthorizes_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(ChallengingAction("RedirectToAction(\"Login\", \"Account\")", baseType: "MembersController") + """

            [Authorize]
            public abstract class MembersController : Controller
            {
            }
            """);

    [Fact]
    public async Task AuthorizedControllerButAnonymousAction_Reports() =>
        await Verify.VerifyAnalyzerAsync(ChallengingAction("[|Challenge()|]", "[Authorize]\n", "[AllowAnonymous]"));

    [Theory]
    [InlineData("[RequireMembership]\n", "")]
    [InlineData("", "[TypeFilter(typeof(MembershipFilter))]")]
    [InlineData("", "[ServiceFilter(typeof(MembershipFilter))]")]
    [InlineData("[Membership]\n", "")]
    [InlineData("[Membership]\n", "[AllowAnonymous]")]
    public async Task PostActionWhereAnAuthorizationFilterOfTheAppRunsFirst_DoesNotReport(string controllerAttributes, string actionAttributes) =>
        await Verify.VerifyAnalyzerAsync(ChallengingAction("Challenge()", controllerAttributes, actionAttributes) + """

            public sealed class RequireMembershipAttribute : Attribute, IAsyncAuthorizationFilter
            {
                public Task OnAuthorizationAsync(AuthorizationFilterContext context)
                {
                    if (context.HttpContext.User.Identity?.IsAuthenticated != true)
                    {
                        context.Result = new StatusCodeResult(403);
                    }

                    return Task.CompletedTask;
                }
            }

            public sealed class MembershipFilter : IAuthorizationFilter
            {
                public void OnAuthorization(AuthorizationFilterContext context)
                {
                }
            }

            public sealed class MembershipAttribute : TypeFilterAttribute
            {
                public MembershipAttribute() : base(typeof(MembershipFilter))
                {
                }
            }
            """);

    [Fact]
    public async Task PostActionUnderATypeFilterAttributeOfAReferencedProject_ReportsAsInABuild()
    {
        // In the IDE the attribute's source belongs to another compilation; a build sees metadata, where
        // the filter it names is not visible: both treat it as a filter that does not authorize.
        var test = new Verify.Test { TestCode = ChallengingAction("[|Challenge()|]", "[Shared.Membership]\n") };
        test.TestState.AdditionalProjects["Shared"].Sources.Add(("Membership.cs", """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Filters;

            namespace Shared;

            public sealed class MembershipFilter : IAuthorizationFilter
            {
                public void OnAuthorization(AuthorizationFilterContext context)
                {
                }
            }

            public sealed class MembershipAttribute : TypeFilterAttribute
            {
                public MembershipAttribute() : base(typeof(MembershipFilter))
                {
                }
            }
            """));
        test.TestState.AdditionalProjects["Shared"].AdditionalReferences.AddRange(test.TestState.AdditionalReferences);
        test.TestState.AdditionalProjectReferences.Add("Shared");
        await test.RunAsync();
    }

    [Fact]
    public async Task PostActionUnderAFilterThatDoesNotAuthorize_Reports() =>
        await Verify.VerifyAnalyzerAsync(ChallengingAction("[|Challenge()|]", "[Audited]\n", "[TypeFilter(typeof(AuditFilter))]") + """

            public sealed class AuditFilter : IActionFilter
            {
                public void OnActionExecuting(ActionExecutingContext context)
                {
                }

                public void OnActionExecuted(ActionExecutedContext context)
                {
                }
            }

            public sealed class AuditedAttribute : TypeFilterAttribute
            {
                public AuditedAttribute() : base(typeof(AuditFilter))
                {
                }
            }
            """);

    [Theory]
    [InlineData("", "[ValidateAntiForgeryToken]")]
    [InlineData("[AutoValidateAntiforgeryToken]\n", "")]
    [InlineData("[ValidateAntiForgeryToken]\n", "[AllowAnonymous]")]
    public async Task PostActionWhereAntiforgeryValidationRunsFirst_DoesNotReport(string controllerAttributes, string actionAttributes) =>
        await Verify.VerifyAnalyzerAsync(ChallengingAction("Challenge()", controllerAttributes, actionAttributes));

    [Fact]
    public async Task AntiforgeryValidatedOnTheControllerButIgnoredOnTheAction_Reports() =>
        await Verify.VerifyAnalyzerAsync(ChallengingAction("[|Challenge()|]", "[AutoValidateAntiforgeryToken]\n", "[IgnoreAntiforgeryToken]"));

    [Fact]
    public async Task AntiforgeryValidatedOnABaseController_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(ChallengingAction("Redirect(\"/login\")", baseType: "SiteController") + """

            [AutoValidateAntiforgeryToken]
            public abstract class SiteController : Controller
            {
            }
            """);

    [Theory]
    [InlineData("services.AddControllersWithViews(options => options.Filters.Add(new AuthorizeFilter()));")]
    [InlineData("services.AddMvc(options => options.Filters.Add(typeof(AuthorizeFilter)));")]
    [InlineData("services.AddControllersWithViews(options => options.Filters.Add<MembershipFilter>());")]
    [InlineData("services.AddControllersWithViews(options => options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));")]
    [InlineData("services.AddAuthorization(options => options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());")]
    [InlineData("services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());")]
    [InlineData("app.MapControllers().RequireAuthorization();")]
    [InlineData("app.MapDefaultControllerRoute().RequireAuthorization(\"Members\");")]
    public async Task PostActionWhereAGlobalRegistrationRunsFirst_DoesNotReport(string registration)
    {
        var test = new Verify.Test { TestCode = ChallengingAction("Challenge()") };
        test.TestState.Sources.Add(("/0/Startup.cs", ProtectionImports + $$"""
            public sealed class MembershipFilter : IAuthorizationFilter
            {
                public void OnAuthorization(AuthorizationFilterContext context)
                {
                }
            }

            public static class Startup
            {
                public static void Configure(IServiceCollection services, WebApplication app)
                {
                    {{registration}}
                }
            }
            """));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("app.MapRazorPages().RequireAuthorization();")]
    [InlineData("app.MapGroup(\"/api\").RequireAuthorization();")]
    [InlineData("services.AddAuthorization(options => options.FallbackPolicy = null);")]
    [InlineData("services.AddControllersWithViews(options => options.Filters.Add(new ResponseCacheAttribute()));")]
    public async Task GlobalRegistrationThatDoesNotGuardControllers_Reports(string registration)
    {
        var test = new Verify.Test { TestCode = ChallengingAction("[|Challenge()|]") };
        test.TestState.Sources.Add(("/0/Startup.cs", ProtectionImports + $$"""
            public static class Startup
            {
                public static void Configure(IServiceCollection services, WebApplication app)
                {
                    {{registration}}
                }
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task AnonymousActionUnderAGlobalAuthorizationFilterOfTheApp_DoesNotReport()
    {
        var test = new Verify.Test { TestCode = ChallengingAction("Challenge()", actionAttributes: "[AllowAnonymous]") };
        test.TestState.Sources.Add(("/0/Startup.cs", ProtectionImports + """
            public sealed class MembershipFilter : IAuthorizationFilter
            {
                public void OnAuthorization(AuthorizationFilterContext context)
                {
                }
            }

            public static class Startup
            {
                public static void Configure(IServiceCollection services) =>
                    services.AddControllersWithViews(options => options.Filters.Add<MembershipFilter>());
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task ActionIgnoringAntiforgeryUnderAGlobalAntiforgeryFilter_Reports()
    {
        var test = new Verify.Test { TestCode = ChallengingAction("[|Challenge()|]", actionAttributes: "[IgnoreAntiforgeryToken]") };
        test.TestState.Sources.Add(("/0/Startup.cs", ProtectionImports + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services) =>
                    services.AddControllersWithViews(options => options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task GlobalAuthorizeFilterButAnonymousAction_Reports()
    {
        var test = new Verify.Test { TestCode = ChallengingAction("[|Challenge()|]", actionAttributes: "[AllowAnonymous]") };
        test.TestState.Sources.Add(("/0/Startup.cs", ProtectionImports + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services) =>
                    services.AddControllersWithViews(options => options.Filters.Add(new AuthorizeFilter()));
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task RazorPagesHandlerValidatedByDefault_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(Page("""
                [BindProperty]
                public CommentInput Input { get; set; } = new();

                public IActionResult OnPost() => User.Identity?.IsAuthenticated == true ? Page() : Challenge();

                public IActionResult OnPostPublish() => RedirectToPage("/Account/Login");
            """));

    [Fact]
    public async Task RazorPagesHandlerWithAntiforgeryIgnoredButAuthorized_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(Page("""
                [BindProperty]
                public CommentInput Input { get; set; } = new();

                public IActionResult OnPost() => Challenge();
            """, attributes: "[IgnoreAntiforgeryToken]\n[Microsoft.AspNetCore.Authorization.Authorize]\n"));

    // ------------------------------------------------------------------ context (d): filters and middleware

    [Fact]
    public async Task AuthorizationFilterRedirectsToANamedLoginRoute_ReportsWithTheAdvice() =>
        await Verify.VerifyAnalyzerAsync(PipelineUsings + """
            public sealed class MembersOnlyAttribute : Attribute, IAsyncAuthorizationFilter
            {
                public Task OnAuthorizationAsync(AuthorizationFilterContext context)
                {
                    if (context.HttpContext.User.Identity?.IsAuthenticated != true)
                    {
                        context.Result = {|#0:new RedirectToRouteResult("MemberSignIn", new RouteValueDictionary())|};
                    }

                    return Task.CompletedTask;
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("the input of every form post and script call that reaches it", AnswerUnauthorized));

    [Fact]
    public async Task FiltersOfEveryKindThatRedirectToLogin_Report() =>
        await Verify.VerifyAnalyzerAsync(PipelineUsings + """
            public sealed class SignedInFilter : IAuthorizationFilter
            {
                public void OnAuthorization(AuthorizationFilterContext context) =>
                    context.Result = [|new RedirectToActionResult("SignIn", "Account", null)|];
            }

            public sealed class SessionCheckAttribute : ActionFilterAttribute
            {
                public override void OnActionExecuting(ActionExecutingContext context)
                {
                    if (context.HttpContext.Session.GetString("user") is null)
                    {
                        context.Result = [|new RedirectResult("/account/login?expired=1")|];
                    }
                }
            }

            public sealed class KnownUserFilter : IAsyncActionFilter
            {
                public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
                {
                    if (context.HttpContext.User.Identity?.IsAuthenticated != true)
                    {
                        context.Result = [|new LocalRedirectResult("~/login")|];
                        return;
                    }

                    await next();
                }
            }

            public sealed class TenantFilter : IResourceFilter
            {
                public void OnResourceExecuting(ResourceExecutingContext context) =>
                    context.Result = [|new RedirectToRouteResult(new { controller = "Account", action = "Login" })|];

                public void OnResourceExecuted(ResourceExecutedContext context)
                {
                }
            }

            public sealed class GuardedPageFilter : IPageFilter
            {
                public void OnPageHandlerSelected(PageHandlerSelectedContext context)
                {
                }

                public void OnPageHandlerExecuting(PageHandlerExecutingContext context) =>
                    context.Result = [|new RedirectToPageResult("/Account/Login")|];

                public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
                {
                }
            }

            public class SecureController : Controller
            {
                public override void OnActionExecuting(ActionExecutingContext context)
                {
                    if (User.Identity?.IsAuthenticated != true)
                    {
                        context.Result = [|RedirectToAction("Login", "Account")|];
                    }
                }
            }
            """);

    [Fact]
    public async Task FilterRedirectInOneArmOfAConditional_ReportsTheLoginArm() =>
        await Verify.VerifyAnalyzerAsync(PipelineUsings + """
            public sealed class OpenStoreFilter(bool closed) : IAuthorizationFilter
            {
                public void OnAuthorization(AuthorizationFilterContext context) =>
                    context.Result = closed
                        ? new RedirectToRouteResult("StoreClosed", new RouteValueDictionary())
                        : [|new RedirectToRouteResult("Login", new RouteValueDictionary())|];
            }
            """);

    [Theory]
    [InlineData("context.HttpContext.Request.Method == \"POST\"")]
    [InlineData("!HttpMethods.IsGet(context.HttpContext.Request.Method)")]
    [InlineData("context.HttpContext.Request.Headers[\"X-Requested-With\"] == \"XMLHttpRequest\"")]
    [InlineData("context.HttpContext.Request.Headers.Accept.ToString().Contains(\"application/json\")")]
    [InlineData("context.HttpContext.Request.ContentType?.Contains(\"json\") == true")]
    [InlineData("context.HttpContext.Request.Headers.TryGetValue(\"X-Requested-With\", out var requestedWith)")]
    [InlineData("context.HttpContext.Request.ComesFromScript()")]
    [InlineData("Requests.WantsData(context.HttpContext)")]
    public async Task FilterThatTellsNavigationsFromOtherRequests_DoesNotReport(string test) =>
        await Verify.VerifyAnalyzerAsync(PipelineUsings + $$"""
            public sealed class MembersOnlyAttribute : Attribute, IAuthorizationFilter
            {
                public void OnAuthorization(AuthorizationFilterContext context)
                {
                    if (context.HttpContext.User.Identity?.IsAuthenticated == true)
                    {
                        return;
                    }

                    var script = {{test}};
                    context.Result = script
                        ? new StatusCodeResult(401)
                        : new RedirectToRouteResult("Login", new RouteValueDictionary());
                }
            }

            public static class Requests
            {
                // Recognised by what it reads, whatever its name.
                public static bool ComesFromScript(this HttpRequest request) =>
                    string.Equals(request.Headers["X-Requested-With"], "XMLHttpRequest", StringComparison.Ordinal);

                public static bool WantsData(HttpContext context) => context.Request.ComesFromScript();
            }
            """);

    [Fact]
    public async Task FilterThatTellsNavigationsApartOnlyInAnotherBranch_Reports() =>
        await Verify.VerifyAnalyzerAsync(PipelineUsings + """
            public sealed class PermissionFilter(bool member) : IAuthorizationFilter
            {
                public void OnAuthorization(AuthorizationFilterContext context)
                {
                    if (!member)
                    {
                        context.Result = [|new RedirectToRouteResult("AdminLogin", new RouteValueDictionary())|];
                    }
                    else
                    {
                        var script = context.HttpContext.Request.Headers["X-Requested-With"] == "XMLHttpRequest";
                        context.Result = script ? new JsonResult(new { denied = true }) : new RedirectToActionResult("AccessDenied", "Home", null);
                    }
                }
            }
            """);

    [Fact]
    public async Task FilterWhoseHelpersLiveInAReferencedProject_ReportsUnlessNamedForScripts()
    {
        // In the IDE a project reference is a compilation: the helpers' bodies are source of another
        // compilation, judged by name as in a build, where they are metadata.
        var test = new Verify.Test
        {
            TestCode = PipelineUsings + """
                using System.Linq;
                using Shared;

                public sealed class AreaFilter(bool ignore) : IAsyncAuthorizationFilter
                {
                    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
                    {
                        ArgumentNullException.ThrowIfNull(context);
                        if (ignore || !Setup.IsInstalled() || !context.Filters.Any(f => f is AreaFilter))
                        {
                            return;
                        }

                        if (!await Task.FromResult(false))
                        {
                            context.Result = [|new RedirectToRouteResult("AreaLogin", new RouteValueDictionary())|];
                        }
                    }
                }

                public sealed class ScriptAwareFilter : IAuthorizationFilter
                {
                    public void OnAuthorization(AuthorizationFilterContext context) =>
                        context.Result = Setup.IsAjaxCall(context.HttpContext.Request)
                            ? new UnauthorizedResult()
                            : new RedirectToRouteResult("AreaLogin", new RouteValueDictionary());
                }
                """,
        };
        test.TestState.AdditionalProjects["Shared"].Sources.Add(("Setup.cs", """
            namespace Shared;

            public static class Setup
            {
                private static string? connection = "db";

                public static bool IsInstalled() => !string.IsNullOrEmpty(connection);

                public static bool IsAjaxCall(Microsoft.AspNetCore.Http.HttpRequest request) => request.Path.HasValue;
            }
            """));
        test.TestState.AdditionalProjects["Shared"].AdditionalReferences.AddRange(test.TestState.AdditionalReferences);
        test.TestState.AdditionalProjectReferences.Add("Shared");
        await test.RunAsync();
    }

    [Fact]
    public async Task FilterNestedInItsTypeFilterAttribute_Reports() =>
        await Verify.VerifyAnalyzerAsync(PipelineUsings + """
            using System.Linq;

            public interface IAccess
            {
                Task<bool> AllowedAsync(string area);
            }

            public sealed class BackOfficeAttribute : TypeFilterAttribute
            {
                public BackOfficeAttribute(bool skip = false)
                    : base(typeof(BackOfficeFilter))
                {
                    Skip = skip;
                    Arguments = new object[] { skip };
                }

                public bool Skip { get; }

                private sealed class BackOfficeFilter(bool skip, IAccess access) : IAsyncAuthorizationFilter
                {
                    public async Task OnAuthorizationAsync(AuthorizationFilterContext filterContext)
                    {
                        ArgumentNullException.ThrowIfNull(filterContext);
                        var own = filterContext.ActionDescriptor.FilterDescriptors
                            .Where(f => f.Scope == FilterScope.Action)
                            .Select(f => f.Filter).OfType<BackOfficeAttribute>().FirstOrDefault();
                        if (own?.Skip ?? skip)
                            return;

                        if (filterContext.Filters.Any(filter => filter is BackOfficeFilter))
                        {
                            if (!await access.AllowedAsync("back-office"))
                                filterContext.Result = [|new RedirectToRouteResult("BackOfficeLogin", new RouteValueDictionary())|];
                        }
                    }
                }
            }
            """);

    [Fact]
    public async Task FilterWhoseHelperTestsSomethingElse_Reports() =>
        await Verify.VerifyAnalyzerAsync(PipelineUsings + """
            public sealed class MembersOnlyAttribute : Attribute, IAuthorizationFilter
            {
                public void OnAuthorization(AuthorizationFilterContext context)
                {
                    if (!IsPublicArea(context.HttpContext.Request))
                    {
                        context.Result = [|new RedirectResult("/login")|];
                    }
                }

                private static bool IsPublicArea(HttpRequest request) => request.Path.StartsWithSegments("/public");
            }
            """);

    [Fact]
    public async Task FilterThatRedirectsElsewhereOrChallenges_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(PipelineUsings + """
            public sealed class StoreFilter(int state) : IAuthorizationFilter
            {
                public void OnAuthorization(AuthorizationFilterContext context)
                {
                    context.Result = state switch
                    {
                        0 => new RedirectToRouteResult("StoreClosed", new RouteValueDictionary()),
                        1 => new RedirectToActionResult("AccessDenied", "Home", null),
                        2 => new ChallengeResult(),
                        3 => new ForbidResult(),
                        4 => new RedirectToRouteResult("Blogin", new RouteValueDictionary()),
                        _ => new RedirectResult("/home"),
                    };
                }
            }

            public class LoginFormFilterHost : Controller
            {
                // Not a filter: an ordinary GET action.
                public IActionResult Index() => RedirectToAction("Login", "Account");
            }
            """);

    [Fact]
    public async Task MiddlewareLambdaThatTurns401IntoALoginRedirect_Reports() =>
        await Verify.VerifyAnalyzerAsync(PipelineUsings + """
            public static class Pipeline
            {
                public static void Configure(WebApplication app)
                {
                    app.Use(async (context, next) =>
                    {
                        await next();
                        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
                        {
                            {|#0:context.Response.Redirect("/account/login")|};
                        }
                    });

                    app.Use(next => async context =>
                    {
                        if (context.User.Identity?.IsAuthenticated != true && !context.Request.Path.StartsWithSegments("/login"))
                        {
                            [|context.Response.Redirect("/login?returnUrl=" + context.Request.Path)|];
                            return;
                        }

                        await next(context);
                    });
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("the input of every form post and script call that reaches it", AnswerUnauthorized));

    [Fact]
    public async Task MiddlewareClassesThatRedirectSignedOutUsers_Report() =>
        await Verify.VerifyAnalyzerAsync(PipelineUsings + """
            public sealed class SignInMiddleware : IMiddleware
            {
                public async Task InvokeAsync(HttpContext context, RequestDelegate next)
                {
                    if (context.User.Identity?.IsAuthenticated == true)
                    {
                        await next(context);
                        return;
                    }

                    [|context.Response.Redirect("/signin")|];
                }
            }

            public sealed class ExpiredSessionMiddleware
            {
                private readonly RequestDelegate next;

                public ExpiredSessionMiddleware(RequestDelegate next) => this.next = next;

                public async Task Invoke(HttpContext context)
                {
                    await next(context);
                    if (context.Response.StatusCode is 401 or 403)
                    {
                        [|context.Response.Redirect("/Identity/Account/Login")|];
                    }
                }
            }
            """);

    [Fact]
    public async Task StatusCodePagesThatRedirectToLogin_Report() =>
        await Verify.VerifyAnalyzerAsync(PipelineUsings + """
            public static class Pipeline
            {
                public static void Configure(WebApplication app, bool withHandler)
                {
                    if (withHandler)
                    {
                        app.UseStatusCodePages(async status =>
                        {
                            if (status.HttpContext.Response.StatusCode == 401)
                            {
                                [|status.HttpContext.Response.Redirect("/account/login")|];
                            }

                            await Task.CompletedTask;
                        });
                    }
                    else
                    {
                        [|app.UseStatusCodePagesWithRedirects("/Account/Login?status={0}")|];
                    }
                }
            }
            """);

    [Fact]
    public async Task MiddlewareThatTellsNavigationsApartOrRedirectsElsewhere_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(PipelineUsings + """
            public static class Pipeline
            {
                public static void Configure(WebApplication app)
                {
                    app.Use(async (context, next) =>
                    {
                        await next();
                        if (context.Response.StatusCode == 401 && HttpMethods.IsGet(context.Request.Method))
                        {
                            context.Response.Redirect("/login");
                        }
                    });

                    // Not about the session: an old address.
                    app.Use(async (context, next) =>
                    {
                        if (context.Request.Path == "/signin-old")
                        {
                            context.Response.Redirect("/login");
                            return;
                        }

                        await next();
                    });

                    app.Use(async (context, next) =>
                    {
                        await next();
                        if (context.Response.StatusCode == 404)
                        {
                            context.Response.Redirect("/not-found");
                        }
                    });

                    app.UseStatusCodePagesWithRedirects("/error/{0}");
                    app.UseStatusCodePagesWithReExecute("/login");
                }
            }
            """);

    // ------------------------------------------------------------------ input kept first

    [Fact]
    public async Task DraftStoredInRuntimeStoreFirst_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private async Task SendAsync()
                {
                    try
                    {
                        await Http.PostAsJsonAsync("api/messages", message);
                    }
                    catch (AccessTokenNotAvailableException exception)
                    {
                        await DraftStore.Default.SaveAsync("Chat.SendAsync", message);
                        exception.Redirect();
                    }
                }

                private async Task PublishAsync(IDraftStore store)
                {
                    await store.SaveAsync("Chat.PublishAsync", new { message });
                    var response = await Http.PostAsJsonAsync("api/messages", message);
                    if (!response.IsSuccessStatusCode)
                    {
                        Nav.NavigateTo("/login");
                    }
                }
            """, "using SessionSafety;\n"));

    [Fact]
    public async Task DraftStoredInBrowserStorageFirst_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                [Inject] public Microsoft.JSInterop.IJSRuntime JS { get; set; } = default!;
                [Inject] public ProtectedLocalStorage Local { get; set; } = default!;
                [Inject] public ProtectedSessionStorage Session { get; set; } = default!;

                private async Task SendAsync()
                {
                    try
                    {
                        await Http.PostAsJsonAsync("api/messages", message);
                    }
                    catch (HttpRequestException) when (message.Length > 3)
                    {
                        await JS.InvokeVoidAsync("localStorage.setItem", "draft", message);
                        Nav.NavigateTo("/login");
                    }
                    catch (HttpRequestException) when (message.Length > 2)
                    {
                        await JS.InvokeAsync<object>("window.sessionStorage.setItem", "draft", message);
                        Nav.NavigateTo("/login");
                    }
                    catch (HttpRequestException) when (message.Length > 1)
                    {
                        await Local.SetAsync("draft", message);
                        Nav.NavigateTo("/login");
                    }
                    catch (HttpRequestException)
                    {
                        await Session.SetAsync("draft", message);
                        Nav.NavigateTo("/login");
                    }
                }
            """, "using Microsoft.JSInterop;\nusing Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;\n"));

    [Fact]
    public async Task JsCallThatDoesNotStore_Reports() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                [Inject] public IJSRuntime JS { get; set; } = default!;

                private async Task SendAsync()
                {
                    try
                    {
                        await Http.PostAsJsonAsync("api/messages", message);
                    }
                    catch (HttpRequestException)
                    {
                        await JS.InvokeVoidAsync("localStorage.removeItem", "draft");
                        [|Nav.NavigateTo("/login")|];
                    }
                }
            """, "using Microsoft.JSInterop;\n"));

    [Fact]
    public async Task TempDataWrittenFirst_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(Controller("""
                [TempData]
                public string? Draft { get; set; }

                [HttpPost]
                public IActionResult Create(PostModel model)
                {
                    TempData["Draft"] = System.Text.Json.JsonSerializer.Serialize(model);
                    return RedirectToAction("Login", "Account");
                }

                [HttpPost]
                public IActionResult Edit(PostModel model)
                {
                    TempData.Add("Draft", model.Body);
                    return Challenge();
                }

                [HttpPost]
                public IActionResult Reply(PostModel model)
                {
                    Draft = model.Body;
                    return Challenge();
                }
            """));

    [Fact]
    public async Task MauiPreferencesOrSecureStorageFirst_DoesNotReport() =>
        await VerifyMaui(MauiPage("""
                private async Task SendAsync()
                {
                    var response = await http.PostAsJsonAsync("api/messages", message);
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        Preferences.Set("draft", message);
                        await Shell.Current.GoToAsync("//login");
                    }
                    else if (response.StatusCode == HttpStatusCode.Forbidden)
                    {
                        await SecureStorage.SetAsync("draft", message);
                        await Shell.Current.GoToAsync("//login");
                    }
                }
            """));

    [Fact]
    public async Task ConfiguredDraftSaveMethodFirst_DoesNotReport()
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
                            await MyApp.Drafts.KeepAsync(message);
                            Nav.NavigateTo("/login");
                        }
                    }
                }

                namespace MyApp
                {
                    public static class Drafts
                    {
                        public static Task KeepAsync(string text) => Task.CompletedTask;
                    }
                """),
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.draft_save_methods = MyApp.Drafts.KeepAsync") } },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task UnconfiguredHelperFirst_Reports() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private async Task SendAsync()
                {
                    try
                    {
                        await Http.PostAsJsonAsync("api/messages", message);
                    }
                    catch (HttpRequestException)
                    {
                        await MyApp.Drafts.KeepAsync(message);
                        [|Nav.NavigateTo("/login")|];
                    }
                }
            }

            namespace MyApp
            {
                public static class Drafts
                {
                    public static Task KeepAsync(string text) => Task.CompletedTask;
                }
            """));

    [Fact]
    public async Task DraftStoredInAnotherBranchOrAfter_Reports() =>
        await Verify.VerifyAnalyzerAsync(Component("""
                private async Task SendAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/messages", message);
                    if (response.IsSuccessStatusCode)
                    {
                        await DraftStore.Default.SaveAsync("Chat.SendAsync", message);
                    }
                    else
                    {
                        [|Nav.NavigateTo("/login")|];
                        await DraftStore.Default.SaveAsync("Chat.SendAsync", message);
                    }
                }
            """, "using SessionSafety;\n"));

    [Fact]
    public async Task PostActionThatStoresDraftSynchronously_DoesNotReport() =>
        await Verify.VerifyAnalyzerAsync(Controller("""
                [HttpPost]
                public IActionResult Create(PostModel model)
                {
                    SessionSafety.DraftStoreExtensions.Save(SessionSafety.DraftStore.Default, "PostsController.Create", model);
                    return RedirectToAction("Login", "Account");
                }
            """));

    // ------------------------------------------------------------------ Razor

    private const string ChatRazor = """
        @page "/chat"
        @using System.Net.Http
        @using System.Net.Http.Json
        @using Microsoft.AspNetCore.Components.WebAssembly.Authentication
        @inject HttpClient Http
        @inject NavigationManager Nav

        <textarea @bind="message"></textarea>
        <button @onclick="SendAsync">Send</button>

        @code {
            private string message = "";

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
        }
        """;

    [Fact]
    public async Task RazorCodeBlockRedirectAroundSaveInTheRazorFile_Reports()
    {
        var test = new Verify.Test();
        test.TestState.AddRazorFile(("Pages/Chat.razor", ChatRazor));
        await test.RunAsync();
    }

    [Fact]
    public async Task RazorCodeBlockNavigateToLoginWithTheMessage_Reports()
    {
        var test = new Verify.Test();
        test.TestState.AddRazorFile(("Pages/Chat.razor", ChatRazor.Replace("[|exception.Redirect()|]", "{|#0:Nav.NavigateTo($\"authentication/login?returnUrl={Uri.EscapeDataString(Nav.Uri)}\")|}")));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic().WithLocation(0).WithArguments("'message'", StoreDraft).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        await test.RunAsync();
    }

    [Fact]
    public async Task RazorStatusBranchNavigateTo_Reports()
    {
        var test = new Verify.Test();
        test.TestState.AddRazorFile(("Components/Compose.razor", """
            @using System.Net
            @using System.Net.Http
            @using System.Net.Http.Json
            @inject HttpClient Http
            @inject NavigationManager Nav

            <textarea @bind="message"></textarea>
            <button @onclick="SendAsync">Send</button>

            @code {
                private string message = "";

                private async Task SendAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/messages", message);
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        [|Nav.NavigateTo("/login")|];
                    }
                }
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task RazorFetchDataSample_DoesNotReport()
    {
        var test = new Verify.Test();
        test.TestState.AddRazorFile(("Pages/FetchData.razor", """
            @page "/fetchdata"
            @using System.Net.Http
            @using System.Net.Http.Json
            @using Microsoft.AspNetCore.Components.WebAssembly.Authentication
            @inject HttpClient Http

            @if (forecasts == null)
            {
                <p><em>Loading...</em></p>
            }
            else
            {
                <p>@forecasts.Length forecasts</p>
            }

            @code {
                private WeatherForecast[]? forecasts;

                protected override async Task OnInitializedAsync()
                {
                    try
                    {
                        forecasts = await Http.GetFromJsonAsync<WeatherForecast[]>("WeatherForecast");
                    }
                    catch (AccessTokenNotAvailableException exception)
                    {
                        exception.Redirect();
                    }
                }

                public class WeatherForecast
                {
                    public int TemperatureC { get; set; }
                }
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task RazorDraftInLocalStorageFirst_DoesNotReport()
    {
        var test = new Verify.Test();
        test.TestState.AddRazorFile(("Pages/Chat.razor", ChatRazor
            .Replace("@inject NavigationManager Nav", "@inject NavigationManager Nav\n@inject Microsoft.JSInterop.IJSRuntime JS")
            .Replace("[|exception.Redirect()|];", "await JS.InvokeVoidAsync(\"localStorage.setItem\", \"chat-draft\", message);\n            exception.Redirect();")
            .Replace("@using System.Net.Http\n", "@using System.Net.Http\n@using Microsoft.JSInterop\n")));
        await test.RunAsync();
    }

    [Fact]
    public async Task RazorLoginPathsFromTheRazorSection_Apply()
    {
        var test = new Verify.Test
        {
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("""
                [*.razor]
                session_safety.login_paths = connexion
                """) } },
        };
        test.TestState.AddRazorFile(("Pages/Chat.razor", ChatRazor
            .Replace("[|exception.Redirect()|];", "[|Nav.NavigateTo(\"/connexion\")|];\n            Nav.NavigateTo(\"/login\");")));
        await test.RunAsync();
    }

    // Generated code is skipped (Razor's output aside): the same code in a file marked generated, or
    // named like one, is not reported. (The library skips its own generated-code check for analyzers
    // that configure generated-code analysis, as every rule does to see Razor output.)
    [Theory]
    [InlineData("// <auto-generated/>\n", "/0/Test0.cs")]
    [InlineData("", "/0/Test0.g.cs")]
    [InlineData("", "/0/Form1.Designer.cs")]
    public async Task GeneratedCode_DoesNotReport(string header, string path)
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add((path, header + SaveThenCatch("Nav.NavigateTo(\"/login\")")));
        await test.RunAsync();
    }
}
