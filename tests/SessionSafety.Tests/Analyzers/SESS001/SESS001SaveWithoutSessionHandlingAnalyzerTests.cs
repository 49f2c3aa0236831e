using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SessionSafety.Tests.Verifiers;
using static SessionSafety.Tests.Analyzers.SESS001.SESS001Sources;

using Verify = SessionSafety.Tests.Verifiers.CSharpAnalyzerVerifier<
    SessionSafety.Analyzers.Rules.SESS001.SESS001SaveWithoutSessionHandlingAnalyzer>;

namespace SessionSafety.Tests.Analyzers.SESS001;

public sealed partial class SESS001SaveWithoutSessionHandlingAnalyzerTests
{
    // ---------------------------------------------------------------- flagged: every save call

    [Theory]
    [InlineData("var r = await http.[|PostAsJsonAsync|](\"api/m\", message); r.EnsureSuccessStatusCode();")]
    [InlineData("var r = await http.[|PutAsJsonAsync|](\"api/m\", message); r.EnsureSuccessStatusCode();")]
    [InlineData("var r = await http.[|PatchAsJsonAsync|](\"api/m\", message); r.EnsureSuccessStatusCode();")]
    [InlineData("var r = await http.[|PostAsync|](\"api/m\", content); r.EnsureSuccessStatusCode();")]
    [InlineData("var r = await http.[|PutAsync|](new Uri(\"api/m\", UriKind.Relative), content, CancellationToken.None); r.EnsureSuccessStatusCode();")]
    [InlineData("var r = await http.[|PatchAsync|](\"api/m\", new StringContent(text)); r.EnsureSuccessStatusCode();")]
    [InlineData("await http.[|PostAsJsonAsync|](\"api/m\", message);")]
    [InlineData("await http.[|PostAsJsonAsync|](\"api/m\", message).ConfigureAwait(false);")]
    [InlineData("var r = await HttpClientJsonExtensions.[|PostAsJsonAsync|](http, \"api/m\", message); r.EnsureSuccessStatusCode();")]
    public async Task SaveCallWithoutHandling_Reports(string body)
    {
        await Verify.VerifyAnalyzerAsync(InMethod(body));
    }

    // The rule skips members whose text names no save method; an identifier spelled with a Unicode
    // escape names one all the same.
    [Fact]
    public async Task SaveNameSpelledWithUnicodeEscape_Reports()
    {
        await Verify.VerifyAnalyzerAsync(InMethod("var r = await http.[|P\\u006fstAsJsonAsync|](\"api/m\", message); r.EnsureSuccessStatusCode();"));
    }

    [Fact]
    public async Task SavesOutsideMethodBodies_Reports()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public record Message(string Text);

            public class Compose
            {
                private static readonly HttpClient Http = new HttpClient();
                private readonly Task<HttpResponseMessage> pending = Http.[|PostAsJsonAsync|]("api/m", new Message("draft")).ContinueWith(t => t.Result);

                public Task Save(Message message) => Http.[|PutAsJsonAsync|]("api/m", message).ContinueWith(t => t.Result.EnsureSuccessStatusCode());

                public Func<Message, Task> Later { get; } = async message => (await Http.[|PatchAsJsonAsync|]("api/m", message)).EnsureSuccessStatusCode();
            }
            """);
    }

    [Fact]
    public async Task MessageNamesTheCall_Reports()
    {
        await Verify.VerifyAnalyzerAsync(
            InMethod("var r = await http.{|#0:PostAsJsonAsync|}(\"api/m\", message); r.EnsureSuccessStatusCode();"),
            Verify.Diagnostic().WithLocation(0).WithArguments("PostAsJsonAsync"));
    }

    [Fact]
    public async Task SynchronousCalls_Reports()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Compose
            {
                public void Save(HttpClient http, HttpContent content)
                {
                    var first = http.[|PostAsync|]("api/m", content).Result;
                    first.EnsureSuccessStatusCode();
                    var second = http.[|PutAsync|]("api/m", content).GetAwaiter().GetResult();
                    Console.WriteLine(second.IsSuccessStatusCode);
                    var request = new HttpRequestMessage(HttpMethod.Post, "api/m") { Content = content };
                    using var third = http.[|Send|](request);
                    third.EnsureSuccessStatusCode();
                }
            }
            """);
    }

    [Theory]
    [InlineData("var request = new HttpRequestMessage(HttpMethod.Post, \"api/m\") { Content = content };")]
    [InlineData("var request = new HttpRequestMessage { Method = HttpMethod.Put, Content = content };")]
    [InlineData("var request = new HttpRequestMessage(); request.Method = HttpMethod.Patch; request.Content = content;")]
    [InlineData("var request = new HttpRequestMessage(new HttpMethod(\"PATCH\"), \"api/m\");")]
    [InlineData("HttpRequestMessage request; request = new HttpRequestMessage(HttpMethod.Post, \"api/m\");")]
    public async Task SendAsyncWithSaveMethod_Reports(string createRequest)
    {
        await Verify.VerifyAnalyzerAsync(InMethod(createRequest + """

                    using var response = await http.[|SendAsync|](request);
                    response.EnsureSuccessStatusCode();
            """));
    }

    [Fact]
    public async Task SendAsyncWithInlineRequest_Reports()
    {
        await Verify.VerifyAnalyzerAsync(InMethod("""
                    using var response = await http.[|SendAsync|](new HttpRequestMessage(HttpMethod.Post, "api/m") { Content = content }, CancellationToken.None);
                    response.EnsureSuccessStatusCode();
            """));
    }

    [Fact]
    public async Task IsSuccessStatusCodeCheck_Reports()
    {
        await Verify.VerifyAnalyzerAsync(InMethod("""
                    var response = await http.[|PostAsJsonAsync|]("api/m", message);
                    if (!response.IsSuccessStatusCode)
                    {
                        Console.WriteLine("Could not send");
                    }
            """));
    }

    [Fact]
    public async Task CatchHttpRequestExceptionWithoutStatus_Reports()
    {
        await Verify.VerifyAnalyzerAsync(InMethod("""
                    try
                    {
                        var response = await http.[|PostAsJsonAsync|]("api/m", message);
                        response.EnsureSuccessStatusCode();
                    }
                    catch (HttpRequestException exception)
                    {
                        Console.WriteLine(exception.Message);
                    }
            """));
    }

    [Fact]
    public async Task CatchExceptionDoesNotCount_Reports()
    {
        await Verify.VerifyAnalyzerAsync(InMethod("""
                    try
                    {
                        await http.[|PostAsJsonAsync|]("api/m", message);
                    }
                    catch (Exception)
                    {
                        throw;
                    }
            """));
    }

    [Fact]
    public async Task ComparisonWithOtherStatus_Reports()
    {
        await Verify.VerifyAnalyzerAsync(InMethod("""
                    var response = await http.[|PostAsJsonAsync|]("api/m", message);
                    if (response.StatusCode == HttpStatusCode.BadRequest || (int)response.StatusCode == 500)
                    {
                        Console.WriteLine("invalid");
                    }
            """));
    }

    [Fact]
    public async Task ExpressionBodiedTaskMethod_Reports()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Compose(HttpClient http)
            {
                public async Task SaveAsync(string text) => await http.[|PostAsJsonAsync|]("api/m", text);
            }
            """);
    }

    [Fact]
    public async Task LambdaAndLocalFunction_Reports()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Compose(HttpClient http)
            {
                public event Func<string, Task>? Sent;

                public void Wire(string text)
                {
                    Sent += async value =>
                    {
                        var response = await http.[|PostAsJsonAsync|]("api/m", value);
                        response.EnsureSuccessStatusCode();
                    };

                    async Task SaveLocalAsync()
                    {
                        var response = await http.[|PutAsJsonAsync|]("api/m", text);
                        response.EnsureSuccessStatusCode();
                    }

                    _ = SaveLocalAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task ConditionalAccess_Reports()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Compose
            {
                public HttpClient? Http { get; set; }

                public async Task SaveAsync(HttpContent content)
                {
                    var pending = Http?.[|PostAsync|]("api/m", content);
                    if (pending is not null)
                    {
                        using var response = await pending;
                        response.EnsureSuccessStatusCode();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task TopLevelStatements_Reports()
    {
        await new Verify.Test
        {
            TestCode = """
                using System.Net.Http;
                using System.Net.Http.Json;

                var http = new HttpClient();
                var response = await http.[|PostAsJsonAsync|]("api/m", new { Text = "hello" });
                response.EnsureSuccessStatusCode();
                """,
            TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
        }.RunAsync();
    }

    // ---------------------------------------------------------------- not flagged: not a save

    [Theory]
    [InlineData("var items = await http.GetFromJsonAsync<string[]>(\"api/m\");")]
    [InlineData("var r = await http.GetAsync(\"api/m\"); r.EnsureSuccessStatusCode();")]
    [InlineData("var r = await http.DeleteAsync(\"api/m/1\"); r.EnsureSuccessStatusCode();")]
    [InlineData("var r = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, \"api/m\")); r.EnsureSuccessStatusCode();")]
    [InlineData("var r = await http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, \"api/m\")); r.EnsureSuccessStatusCode();")]
    [InlineData("var r = await http.PostAsync(\"api/logout\", null); r.EnsureSuccessStatusCode();")]
    [InlineData("var text2 = await http.GetStringAsync(\"api/m\");")]
    public async Task NotASave_DoesNotReport(string body)
    {
        await Verify.VerifyAnalyzerAsync(InMethod(body));
    }

    [Fact]
    public async Task SendAsyncWithUnknownMethod_DoesNotReport()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Relay(HttpClient http)
            {
                public async Task RelayAsync(HttpRequestMessage request)
                {
                    using var response = await http.SendAsync(request);
                    response.EnsureSuccessStatusCode();
                }
            }
            """);
    }

    // ---------------------------------------------------------------- not flagged: status compared with 401/403

    [Theory]
    [InlineData("if (response.StatusCode == HttpStatusCode.Unauthorized) { Keep(); }")]
    [InlineData("if (response.StatusCode != HttpStatusCode.Forbidden) { return; } Keep();")]
    [InlineData("if (HttpStatusCode.Unauthorized == response.StatusCode) { Keep(); }")]
    [InlineData("if ((int)response.StatusCode == 401) { Keep(); }")]
    [InlineData("if ((int)response.StatusCode is 401 or 403) { Keep(); }")]
    [InlineData("if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) { Keep(); }")]
    [InlineData("if (response is { StatusCode: HttpStatusCode.Unauthorized }) { Keep(); }")]
    [InlineData("if (response.StatusCode.Equals(HttpStatusCode.Forbidden)) { Keep(); }")]
    [InlineData("switch (response.StatusCode) { case HttpStatusCode.Unauthorized: Keep(); break; default: response.EnsureSuccessStatusCode(); break; }")]
    [InlineData("switch ((int)response.StatusCode) { case 403: Keep(); break; }")]
    [InlineData("switch (response.StatusCode) { case HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized: Keep(); break; }")]
    [InlineData("var outcome = response.StatusCode switch { HttpStatusCode.Unauthorized => \"expired\", _ => \"ok\" }; Console.WriteLine(outcome);")]
    [InlineData("var status = response.StatusCode; if (status == HttpStatusCode.Unauthorized) { Keep(); }")]
    public async Task StatusComparedWithSessionCodes_DoesNotReport(string check)
    {
        await Verify.VerifyAnalyzerAsync(InMethod(
            "var response = await http.PostAsJsonAsync(\"api/m\", message);\n" + check,
            "    private static void Keep() { }"));
    }

    [Fact]
    public async Task ExceptionFilterOnStatusCode_DoesNotReport()
    {
        await Verify.VerifyAnalyzerAsync(InMethod("""
                    try
                    {
                        var response = await http.PostAsJsonAsync("api/m", message);
                        response.EnsureSuccessStatusCode();
                    }
                    catch (HttpRequestException exception) when (exception.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    {
                        Console.WriteLine("Sign in again; your message is kept.");
                    }
            """));
    }

    [Fact]
    public async Task CatchInspectsStatusCode_DoesNotReport()
    {
        await Verify.VerifyAnalyzerAsync(InMethod("""
                    try
                    {
                        (await http.PutAsJsonAsync("api/m", message)).EnsureSuccessStatusCode();
                    }
                    catch (HttpRequestException exception)
                    {
                        if (exception.StatusCode == HttpStatusCode.Forbidden)
                        {
                            Console.WriteLine("Sign in again; your message is kept.");
                        }
                    }
            """));
    }

    [Fact]
    public async Task CatchAccessTokenNotAvailable_DoesNotReport()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            using Microsoft.AspNetCore.Components.WebAssembly.Authentication;

            public class Compose(HttpClient http)
            {
                public async Task SaveAsync(string text)
                {
                    try
                    {
                        var response = await http.PostAsJsonAsync("api/m", text);
                        response.EnsureSuccessStatusCode();
                    }
                    catch (AccessTokenNotAvailableException exception)
                    {
                        exception.Redirect();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task StatusCheckInContainingMember_DoesNotReport()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Compose(HttpClient http)
            {
                public async Task<bool> SaveAsync(string text)
                {
                    Func<Task<HttpResponseMessage>> send = async () =>
                    {
                        var response = await http.PostAsJsonAsync("api/m", text);
                        Console.WriteLine(response.IsSuccessStatusCode);
                        return response;
                    };
                    var result = await send();
                    return result.StatusCode != HttpStatusCode.Unauthorized;
                }
            }
            """);
    }

    // ---------------------------------------------------------------- not flagged: landing on the login page is tested

    /// <summary>
    /// Cookie authentication answers an expired session with a redirect to the login page, which the client
    /// follows: testing where the response landed is how such an app handles expiry.
    /// </summary>
    [Theory]
    [InlineData("response.RequestMessage?.RequestUri?.AbsolutePath.Contains(\"/Account/Login\") == true")]
    [InlineData("response.RequestMessage!.RequestUri!.ToString().EndsWith(\"login\", StringComparison.OrdinalIgnoreCase)")]
    [InlineData("response.RequestMessage?.RequestUri?.AbsolutePath == \"/signin\"")]
    [InlineData("string.Equals(response.RequestMessage?.RequestUri?.AbsolutePath, \"/Identity/Account/Login\", StringComparison.OrdinalIgnoreCase)")]
    [InlineData("response.Headers.Location?.ToString() == \"/Account/Login\"")]
    public async Task LandingOnLoginPageTested_DoesNotReport(string test)
    {
        await Verify.VerifyAnalyzerAsync(InMethod($$"""
                    var response = await http.PostAsJsonAsync("api/m", message);
                    if ({{test}})
                    {
                        Console.WriteLine("Your session has expired: sign in again, your message is kept.");
                        return;
                    }

                    response.EnsureSuccessStatusCode();
            """));
    }

    [Fact]
    public async Task LandingOnLoginPageTestedThroughLocal_DoesNotReport()
    {
        await Verify.VerifyAnalyzerAsync(InMethod("""
                    var response = await http.PostAsJsonAsync("api/m", message);
                    var landedOn = response.RequestMessage?.RequestUri;
                    if (landedOn is not null && landedOn.AbsolutePath.StartsWith("/Account/Login"))
                    {
                        return;
                    }

                    response.EnsureSuccessStatusCode();
            """));
    }

    /// <summary>Only the request URI tested against a login path counts: another page, or a login path tested on something else, does not.</summary>
    [Theory]
    [InlineData("response.RequestMessage?.RequestUri?.AbsolutePath.Contains(\"/home\") == true")]
    [InlineData("message.Text.Contains(\"/Account/Login\")")]
    public async Task OtherUriOrTextTested_Reports(string test)
    {
        await Verify.VerifyAnalyzerAsync(InMethod($$"""
                    var response = await http.[|PostAsJsonAsync|]("api/m", message);
                    if ({{test}})
                    {
                        return;
                    }

                    response.EnsureSuccessStatusCode();
            """));
    }

    // ---------------------------------------------------------------- not flagged: authentication requests

    [Theory]
    [InlineData("login?useCookies=true")]
    [InlineData("/identity/login")]
    [InlineData("register")]
    [InlineData("logout")]
    [InlineData("api/auth/refresh")]
    [InlineData("connect/token")]
    [InlineData("Account/SignIn")]
    [InlineData("api/authenticate")]
    [InlineData("users/Authenticate")]
    public async Task AuthenticationEndpoint_DoesNotReport(string uri)
    {
        await Verify.VerifyAnalyzerAsync(InMethod($$"""
                    var result = await http.PostAsJsonAsync("{{uri}}", new { email = text, password = text });
                    if (!result.IsSuccessStatusCode)
                    {
                        Console.WriteLine("Invalid credentials");
                    }
            """));
    }

    [Fact]
    public async Task AuthenticationEndpointInInterpolationOrConstant_DoesNotReport()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public static class Endpoints
            {
                public const string BaseUrl = "https://localhost:7157/";
                public static string LoginUrl => $"{BaseUrl}identity/login";
            }

            public class SignIn(HttpClient http)
            {
                public async Task<bool> LoginAsync(string email, string password)
                {
                    using var response = await http.PostAsJsonAsync(Endpoints.LoginUrl, new { email, password });
                    return response.IsSuccessStatusCode;
                }

                public async Task LogoutAsync(string tenant)
                {
                    await http.PostAsync($"{tenant}/logout", new StringContent("{}"));
                }
            }
            """);
    }

    [Fact]
    public async Task AuthenticationStateProvider_DoesNotReport()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            using System.Security.Claims;
            using Microsoft.AspNetCore.Components.Authorization;

            public class CookieAuthenticationStateProvider(HttpClient http) : AuthenticationStateProvider
            {
                public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
                    Task.FromResult(new AuthenticationState(new ClaimsPrincipal()));

                public async Task<bool> SignUpAsync(string email, string password)
                {
                    var result = await http.PostAsJsonAsync("api/accounts", new { email, password });
                    return result.IsSuccessStatusCode;
                }
            }
            """);
    }

    /// <summary>A member named for a sign-in, sign-up, sign-out or password flow sends credentials, whatever its URI says.</summary>
    [Theory]
    [InlineData("LoginAsync")]
    [InlineData("SignInWithPasswordAsync")]
    [InlineData("RegisterUserAsync")]
    [InlineData("ChangePasswordAsync")]
    [InlineData("EnableTwoFactorAsync")]
    public async Task MemberNamedForAuthenticationFlow_DoesNotReport(string name)
    {
        await Verify.VerifyAnalyzerAsync(Usings + $$"""
            public class AccountClient(HttpClient http)
            {
                public async Task<bool> {{name}}(string email, string password)
                {
                    var result = await http.PostAsJsonAsync("api/accounts", new { email, password });
                    return result.IsSuccessStatusCode;
                }
            }
            """);
    }

    /// <summary>The flow words are whole words of the name: these only contain their letters.</summary>
    [Theory]
    [InlineData("SaveSignatureAsync")]
    [InlineData("UpdateCatalogInfoAsync")]
    [InlineData("PasswordlessCheckoutAsync")]
    [InlineData("SubmitBlogPostAsync")]
    public async Task MemberNameThatOnlyContainsFlowLetters_Reports(string name)
    {
        await Verify.VerifyAnalyzerAsync(Usings + $$"""
            public class AccountClient(HttpClient http)
            {
                public async Task<bool> {{name}}(string text)
                {
                    var result = await http.[|PostAsJsonAsync|]("api/notes", new { text });
                    return result.IsSuccessStatusCode;
                }
            }
            """);
    }

    [Theory]
    [InlineData("api/registrations")]
    [InlineData("api/tokens-of-appreciation")]
    [InlineData("api/catalog/loginless")]
    public async Task WordsThatOnlyLookLikeAuthentication_Reports(string uri)
    {
        await Verify.VerifyAnalyzerAsync(InMethod($$"""
                    var result = await http.[|PostAsJsonAsync|]("{{uri}}", message);
                    result.EnsureSuccessStatusCode();
            """));
    }

    [Fact]
    public async Task ConfiguredLoginPath_DoesNotReport()
    {
        await new Verify.Test
        {
            TestCode = InMethod("""
                    var result = await http.PostAsJsonAsync("auth/enter", message);
                    result.EnsureSuccessStatusCode();
            """),
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.login_paths = auth/enter\n") } },
        }.RunAsync();
    }

    // ---------------------------------------------------------------- not flagged: the response escapes

    [Fact]
    public async Task ReturnedTask_DoesNotReport()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class MessagesClient(HttpClient http)
            {
                public Task<HttpResponseMessage> SendAsync(string text) => http.PostAsJsonAsync("api/m", text);

                public async Task<HttpResponseMessage> PutAsync(string text)
                {
                    var response = await http.PutAsJsonAsync("api/m", text);
                    return response;
                }

                public async Task<HttpResponseMessage> PatchAsync(string text)
                {
                    return await http.PatchAsJsonAsync("api/m", text).ConfigureAwait(false);
                }
            }
            """);
    }

    /// <summary>A method without code in the compilation (an interface's, a library's) is the callee's to handle.</summary>
    [Fact]
    public async Task PassedToMethodWithoutCodeInTheCompilation_DoesNotReport()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            using System.Runtime.CompilerServices;

            public interface IResponseHandler
            {
                Task HandleAsync(HttpResponseMessage response);
            }

            public class Compose(HttpClient http, IResponseHandler handler)
            {
                public StrongBox<HttpResponseMessage>? Last { get; private set; }

                public async Task SaveAsync(string text)
                {
                    var response = await http.PostAsJsonAsync("api/m", text);
                    await handler.HandleAsync(response);
                    await handler.HandleAsync(await http.PutAsJsonAsync("api/m", text));
                    var box = new StrongBox<HttpResponseMessage>(await http.PatchAsJsonAsync("api/m", text));
                    Last = box;
                }
            }
            """);
    }

    [Fact]
    public async Task StoredInFieldPropertyOrOut_DoesNotReport()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Compose(HttpClient http)
            {
                private HttpResponseMessage? last;

                public Task<HttpResponseMessage>? Pending { get; private set; }

                public async Task SaveAsync(string text)
                {
                    last = await http.PostAsJsonAsync("api/m", text);
                    Pending = http.PutAsJsonAsync("api/m", text);
                }

                public bool TrySave(string text, out Task<HttpResponseMessage> pending)
                {
                    pending = http.PatchAsJsonAsync("api/m", text);
                    return true;
                }
            }
            """);
    }

    // A reference to the response's local spelled with a Unicode escape, or inside a lambda, is a reference.
    [Fact]
    public async Task ResponseEscapesUnderAnEscapedNameOrInALambda_DoesNotReport()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Compose(HttpClient http)
            {
                public async Task<HttpResponseMessage> PutAsync(string text)
                {
                    var response = await http.PutAsJsonAsync("api/m", text);
                    return r\u0065sponse;
                }

                public async Task<Func<HttpResponseMessage>> PostAsync(string text)
                {
                    var response = await http.PostAsJsonAsync("api/m", text);
                    Func<HttpResponseMessage> later = () => response;
                    return later;
                }
            }
            """);
    }

    // The same member names the local in a comment and a string only: that is no reference.
    [Fact]
    public async Task ResponseNamedOnlyInTextAndComments_Reports()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Compose(HttpClient http)
            {
                public async Task<string> PutAsync(string text)
                {
                    var response = await http.[|PutAsJsonAsync|]("api/m", text);
                    response.EnsureSuccessStatusCode();
                    // return response;
                    return "response";
                }
            }
            """);
    }

    [Fact]
    public async Task WrappedByTheRuntimeGuard_DoesNotReport()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            using SessionSafety;

            public class Compose(HttpClient http)
            {
                public async Task SaveAsync(string text)
                {
                    var response = await DraftGuard.Default.SendAsync("Compose.SaveAsync", text, draft => http.PostAsJsonAsync("api/m", draft));
                    response.EnsureSuccessStatusCode();
                }
            }
            """);
    }

    // ---------------------------------------------------------------- the client's pipeline

    private const string SessionHandler = """
        using System.Net;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        public class SessionHandler : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var response = await base.SendAsync(request, cancellationToken);
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    // keep the request, ask the user to sign in again
                }

                return response;
            }
        }
        """;

    private const string BearerOnlyHandler = """
        using System.Net.Http;
        using System.Net.Http.Headers;
        using System.Threading;
        using System.Threading.Tasks;

        public class BearerHandler : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "token");
                return base.SendAsync(request, cancellationToken);
            }
        }

        public class RetryHandler : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var response = await base.SendAsync(request, cancellationToken);
                if ((int)response.StatusCode == 429 || (int)response.StatusCode == 503)
                {
                    response = await base.SendAsync(request, cancellationToken);
                }

                return response;
            }
        }
        """;

    [Fact]
    public async Task ClientBuiltWithSessionAwareHandler_DoesNotReport()
    {
        await new Verify.Test
        {
            TestCode = Usings + """
                public class Compose
                {
                    private readonly HttpClient http;

                    public Compose()
                    {
                        http = new HttpClient(new SessionHandler { InnerHandler = new HttpClientHandler() });
                    }

                    public async Task SaveAsync(string text)
                    {
                        var response = await http.PostAsJsonAsync("api/m", text);
                        response.EnsureSuccessStatusCode();
                    }

                    public async Task SaveLocalAsync(string text)
                    {
                        var handler = new SessionHandler();
                        handler.InnerHandler = new HttpClientHandler();
                        using var client = new HttpClient(handler);
                        var response = await client.PutAsJsonAsync("api/m", text);
                        response.EnsureSuccessStatusCode();
                    }
                }
                """,
            TestState = { Sources = { ("/0/SessionHandler.cs", SessionHandler) } },
        }.RunAsync();
    }

    // The constructors are searched for the field's name followed by "=" before they are bound: a name
    // spelled with a Unicode escape, or a comment before the "=", must not hide the assignment.
    [Theory]
    [InlineData("h\\u0074tp = new HttpClient(new SessionHandler { InnerHandler = new HttpClientHandler() });")]
    [InlineData("http /* the session-aware pipeline */ = new HttpClient(new SessionHandler { InnerHandler = new HttpClientHandler() });")]
    [InlineData("this.http\n            = new HttpClient(new SessionHandler { InnerHandler = new HttpClientHandler() });")]
    public async Task FieldAssignedInConstructorUnusualSpelling_DoesNotReport(string assignment)
    {
        await VerifySessionAwareClientFromConstructorAsync(assignment);
    }

    // A constructor longer than the text buffer kept per thread (64 K characters) is searched all the same.
    [Fact]
    public async Task FieldAssignedAtTheEndOfAHugeConstructor_DoesNotReport()
    {
        var filler = string.Concat(Enumerable.Range(0, 4000).Select(i => $"var local{i} = {i};\n"));
        await VerifySessionAwareClientFromConstructorAsync(filler + "http = new HttpClient(new SessionHandler { InnerHandler = new HttpClientHandler() });");
    }

    // A type's text is searched for the member's name followed by "=" or "{" before its members are
    // walked: a property or field initializer must still be found, whatever the spacing.
    [Theory]
    [InlineData("private HttpClient Http { get; } = new HttpClient(new SessionHandler { InnerHandler = new HttpClientHandler() });")]
    [InlineData("private HttpClient Http /* built once */\n    { get; } = new HttpClient(new SessionHandler { InnerHandler = new HttpClientHandler() });")]
    [InlineData("private readonly HttpClient Http = new HttpClient(new SessionHandler { InnerHandler = new HttpClientHandler() });")]
    [InlineData("private readonly HttpClient other = new HttpClient(), Http\n        = new HttpClient(new SessionHandler { InnerHandler = new HttpClientHandler() });")]
    public async Task ClientMemberInitializedWithSessionHandler_DoesNotReport(string declaration)
    {
        await VerifyComposeSaveAsync(declaration, client: "Http", reported: false);
    }

    /// <summary>A component whose constructor runs <paramref name="constructorBody"/>, which builds its client with the session-aware handler: not reported.</summary>
    private static Task VerifySessionAwareClientFromConstructorAsync(string constructorBody) =>
        VerifyComposeSaveAsync(
            $$"""
            private readonly HttpClient http;

                public Compose()
                {
                    {{constructorBody}}
                }
            """,
            client: "http",
            reported: false);

    /// <summary>
    /// A component with <paramref name="members"/> and a save through <paramref name="client"/>, which is
    /// <paramref name="reported"/> or not (the session-aware handler is among the sources).
    /// </summary>
    private static async Task VerifyComposeSaveAsync(string members, string client, bool reported)
    {
        var save = reported ? "[|PostAsJsonAsync|]" : "PostAsJsonAsync";
        await new Verify.Test
        {
            TestCode = Usings + $$"""
                public class Compose
                {
                    {{members}}

                    public async Task SaveAsync(string text)
                    {
                        var response = await {{client}}.{{save}}("api/m", text);
                        response.EnsureSuccessStatusCode();
                    }
                }
                """,
            TestState = { Sources = { ("/0/SessionHandler.cs", SessionHandler) } },
        }.RunAsync();
    }

    // "http == null" and "http => …" name the field without assigning it.
    [Fact]
    public async Task FieldOnlyComparedInConstructor_Reports()
    {
        await VerifyComposeSaveAsync(
            """
            private readonly HttpClient http = new HttpClient();

                public Compose()
                {
                    if (http == null) throw new InvalidOperationException();
                }

                public HttpClient Client => http;
            """,
            client: "http",
            reported: true);
    }

    [Fact]
    public async Task ClientBuiltWithHandlersThatIgnoreTheSession_Reports()
    {
        await new Verify.Test
        {
            TestCode = Usings + """
                public class Compose
                {
                    private readonly HttpClient http = new HttpClient(new RetryHandler { InnerHandler = new BearerHandler { InnerHandler = new HttpClientHandler() } });

                    public async Task SaveAsync(string text)
                    {
                        var response = await http.[|PostAsJsonAsync|]("api/m", text);
                        response.EnsureSuccessStatusCode();
                    }
                }
                """,
            TestState = { Sources = { ("/0/Handlers.cs", BearerOnlyHandler) } },
        }.RunAsync();
    }

    private const string TypedClient = """
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;

        public interface ITodoClient
        {
            Task SaveAsync(string text);
        }

        public class TodoClient(HttpClient http) : ITodoClient
        {
            public async Task SaveAsync(string text)
            {
                var response = await http.{|#0:PostAsJsonAsync|}("api/todos", text);
                response.EnsureSuccessStatusCode();
            }
        }

        public class NamedClientUser(IHttpClientFactory factory)
        {
            public async Task SaveAsync(string text)
            {
                var http = factory.CreateClient("api");
                var response = await http.{|#1:PutAsJsonAsync|}("api/todos", text);
                response.EnsureSuccessStatusCode();
            }
        }
        """;

    [Theory]
    [InlineData("services.AddHttpClient<TodoClient>().AddHttpMessageHandler<SessionHandler>(); services.AddHttpClient(\"api\").AddHttpMessageHandler<SessionHandler>();")]
    [InlineData("services.AddHttpClient<ITodoClient, TodoClient>(c => c.BaseAddress = new System.Uri(\"https://example.test\")).AddHttpMessageHandler<SessionHandler>(); services.AddHttpClient(\"api\").AddHttpMessageHandler(() => new SessionHandler());")]
    [InlineData("services.ConfigureHttpClientDefaults(builder => builder.AddHttpMessageHandler<SessionHandler>());")]
    [InlineData("services.AddHttpClient<global::TodoClient>().AddHttpMessageHandler(sp => sp.GetRequiredService<SessionHandler>()); services.AddHttpClient(Names.Api).AddHttpMessageHandler(() => (SessionHandler)new());")]
    [InlineData("services.AddHttpClient<TodoClient>(Names.Typed).AddHttpMessageHandler(() => new SessionHandler()); services.AddHttpClient(nameof(Names.Api).ToLowerInvariant()).AddHttpMessageHandler<SessionHandler>(); services.AddHttpClient(\"api\", c => { }).AddHttpMessageHandler<SessionHandler>();")]
    public async Task ClientsRegisteredBehindSessionAwareHandler_DoesNotReport(string registration)
    {
        await new Verify.Test
        {
            TestCode = TypedClient.Replace("{|#0:PostAsJsonAsync|}", "PostAsJsonAsync").Replace("{|#1:PutAsJsonAsync|}", "PutAsJsonAsync"),
            TestState = { Sources = { ("/0/SessionHandler.cs", SessionHandler), ("/0/Startup.cs", "using Microsoft.Extensions.DependencyInjection;\npublic static class Names\n{\n    public const string Api = \"api\";\n    public const string Typed = \"typed\";\n}\npublic static class Startup\n{\n    public static void Configure(IServiceCollection services)\n    {\n        " + registration + "\n    }\n}\n") } },
        }.RunAsync();
    }

    /// <summary>A client member assigned lazily (<c>??=</c>, in a getter or a method) is traced to the named client it is made from.</summary>
    private const string LazyClients = """
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;

        public class LazyProperty(IHttpClientFactory factory)
        {
            private HttpClient? client;

            private HttpClient Client => client ??= factory.CreateClient("api");

            public async Task SaveAsync(string text) => (await Client.{|#0:PostAsJsonAsync|}("api/notes", text)).EnsureSuccessStatusCode();
        }

        public class LazyField(IHttpClientFactory factory)
        {
            private HttpClient? client;

            public async Task SaveAsync(string text)
            {
                client ??= factory.CreateClient("api");
                (await client.{|#1:PutAsJsonAsync|}("api/notes", text)).EnsureSuccessStatusCode();
            }
        }
        """;

    private const string LazyStartup = """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                services.AddHttpClient("{0}").AddHttpMessageHandler<SessionHandler>();
                services.AddScoped(sp => sp.GetRequiredService<IHttpClientFactory>().CreateClient("{1}"));
            }
        }
        """;

    [Fact]
    public async Task LazilyAssignedClientOfSessionAwareNamedClient_DoesNotReport()
    {
        await new Verify.Test
        {
            TestCode = LazyClients.Replace("{|#0:", string.Empty).Replace("{|#1:", string.Empty).Replace("|}", string.Empty),
            TestState = { Sources = { ("/0/SessionHandler.cs", SessionHandler), ("/0/Startup.cs", LazyStartup.Replace("{0}", "api").Replace("{1}", "unused")) } },
        }.RunAsync();
    }

    /// <summary>Not an injected client: the session-aware handler of the injected HttpClient's named client does not cover it.</summary>
    [Fact]
    public async Task LazilyAssignedClientOfOtherNamedClient_Reports()
    {
        await new Verify.Test
        {
            TestCode = LazyClients,
            ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("PostAsJsonAsync"), Verify.Diagnostic().WithLocation(1).WithArguments("PutAsJsonAsync") },
            TestState = { Sources = { ("/0/SessionHandler.cs", SessionHandler), ("/0/Startup.cs", LazyStartup.Replace("{0}", "injected").Replace("{1}", "injected")) } },
        }.RunAsync();
    }

    /// <summary>Thousands of registrations, each for its own typed client: every client is matched to its own handlers.</summary>
    [Fact]
    public async Task ManyRegistrations_EachClientGetsItsOwn()
    {
        const int Count = 2000;
        var clients = new System.Text.StringBuilder("using System.Net.Http;\nusing System.Net.Http.Json;\nusing System.Threading.Tasks;\n");
        var registrations = new System.Text.StringBuilder("using Microsoft.Extensions.DependencyInjection;\npublic static class Startup\n{\n    public static void Configure(IServiceCollection services)\n    {\n");
        for (var i = 0; i < Count; i++)
        {
            var handled = i % 2 == 0;
            clients.Append($"public class Client{i}(HttpClient http) {{ public async Task SaveAsync(string text) => (await http.{(handled ? "PostAsJsonAsync" : "[|PostAsJsonAsync|]")}(\"api/{i}\", text)).EnsureSuccessStatusCode(); }}\n");
            registrations.Append($"        services.AddHttpClient<Client{i}>().AddHttpMessageHandler<{(handled ? "SessionHandler" : "RetryHandler")}>();\n");
        }

        registrations.Append("    }\n}\n");
        await new Verify.Test
        {
            TestCode = clients.ToString(),
            TestState = { Sources = { ("/0/SessionHandler.cs", SessionHandler), ("/0/Handlers.cs", BearerOnlyHandler), ("/0/Startup.cs", registrations.ToString()) } },
        }.RunAsync();
    }

    [Fact]
    public async Task ClientsRegisteredBehindOtherHandlers_Reports()
    {
        await new Verify.Test
        {
            TestCode = TypedClient,
            ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("PostAsJsonAsync"), Verify.Diagnostic().WithLocation(1).WithArguments("PutAsJsonAsync") },
            TestState = { Sources = { ("/0/Handlers.cs", BearerOnlyHandler), ("/0/Startup.cs", """
                    using Microsoft.Extensions.DependencyInjection;

                    public static class Startup
                    {
                        public static void Configure(IServiceCollection services)
                        {
                            services.AddHttpClient<TodoClient>().AddHttpMessageHandler<BearerHandler>().AddHttpMessageHandler<RetryHandler>();
                            services.AddHttpClient("api").AddHttpMessageHandler<RetryHandler>();
                        }
                    }
                    """) } },
        }.RunAsync();
    }

    [Fact]
    public async Task HandlerListedInOptions_DoesNotReport()
    {
        await new Verify.Test
        {
            TestCode = Usings + """
                namespace App
                {
                    public class Compose
                    {
                        private readonly HttpClient http = new HttpClient(new Auth.TokenHandler { InnerHandler = new HttpClientHandler() });

                        public async Task SaveAsync(string text)
                        {
                            var response = await http.PostAsJsonAsync("api/m", text);
                            response.EnsureSuccessStatusCode();
                        }
                    }
                }

                namespace Auth
                {
                    public class TokenHandler : DelegatingHandler
                    {
                    }
                }
                """,
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.session_handlers = Auth.TokenHandler\n") } },
        }.RunAsync();
    }

    [Fact]
    public async Task HandlerNotListedInOptions_Reports()
    {
        await new Verify.Test
        {
            TestCode = Usings + """
                namespace App
                {
                    public class Compose
                    {
                        private readonly HttpClient http = new HttpClient(new Auth.TokenHandler { InnerHandler = new HttpClientHandler() });

                        public async Task SaveAsync(string text)
                        {
                            var response = await http.[|PostAsJsonAsync|]("api/m", text);
                            response.EnsureSuccessStatusCode();
                        }
                    }
                }

                namespace Auth
                {
                    public class TokenHandler : DelegatingHandler
                    {
                    }
                }
                """,
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.session_handlers = Auth.OtherHandler\n") } },
        }.RunAsync();
    }

    /// <summary>
    /// Each file is judged by its own settings: the rule caches parsed options by their text (a build
    /// gives every file an options object of its own), so two files with different texts must not share.
    /// </summary>
    [Fact]
    public async Task HandlerListedForOneFileOnlyInTheOther_Reports()
    {
        const string Client = """
                namespace App
                {
                    public class {0}
                    {
                        private readonly HttpClient http = new HttpClient(new Auth.TokenHandler { InnerHandler = new HttpClientHandler() });

                        public async Task SaveAsync(string text)
                        {
                            var response = await http.{1}("api/m", text);
                            response.EnsureSuccessStatusCode();
                        }
                    }
                }
                """;
        var test = new Verify.Test
        {
            TestCode = Usings + Client.Replace("{0}", "Compose").Replace("{1}", "[|PostAsJsonAsync|]"),
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("""
                [*.cs]
                session_safety.session_handlers = Auth.OtherHandler

                [Handled.cs]
                session_safety.session_handlers = Auth.TokenHandler
                """) } },
        };
        test.TestState.Sources.Add(("/0/Handled.cs", Usings + Client.Replace("{0}", "Draft").Replace("{1}", "PostAsJsonAsync") + """

                namespace Auth
                {
                    public class TokenHandler : DelegatingHandler
                    {
                    }
                }
                """));
        await test.RunAsync();
    }

    [Fact]
    public async Task UnreadableHandlerOptionFallsBack_Reports()
    {
        await new Verify.Test
        {
            TestCode = InMethod("var r = await http.[|PostAsJsonAsync|](\"api/m\", message); r.EnsureSuccessStatusCode();"),
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.session_handlers = !!not a type!!\n") } },
        }.RunAsync();
    }

    // ---------------------------------------------------------------- scope: tests, suppression

    [Fact]
    public async Task TestProject_DoesNotReport()
    {
        await new Verify.Test
        {
            TestCode = InMethod("var r = await http.PostAsJsonAsync(\"api/m\", message); r.EnsureSuccessStatusCode();"),
            TestState = { AdditionalReferences = { typeof(FactAttribute).Assembly.Location } },
        }.RunAsync();
    }

    [Fact]
    public async Task TestProjectWithIncludeTests_Reports()
    {
        await new Verify.Test
        {
            TestCode = InMethod("var r = await http.[|PostAsJsonAsync|](\"api/m\", message); r.EnsureSuccessStatusCode();"),
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.include_tests = true\n") }, AdditionalReferences = { typeof(FactAttribute).Assembly.Location } },
        }.RunAsync();
    }

    [Fact]
    public async Task SuppressMessageAttribute_DoesNotReport()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            using System.Diagnostics.CodeAnalysis;

            public class Compose(HttpClient http)
            {
                [SuppressMessage("Reliability", "SESS001:Save request does not handle an expired session (401/403)", Justification = "Fire and forget telemetry")]
                public async Task SaveAsync(string text)
                {
                    var response = await http.PostAsJsonAsync("api/telemetry", text);
                    response.EnsureSuccessStatusCode();
                }
            }
            """);
    }

    [Fact]
    public async Task PragmaWarningDisable_DoesNotReport()
    {
        await Verify.VerifyAnalyzerAsync(InMethod("""
            #pragma warning disable SESS001 // telemetry: nothing to keep
                    var r = await http.PostAsJsonAsync("api/telemetry", message);
            #pragma warning restore SESS001
                    r.EnsureSuccessStatusCode();
            """));
    }

    [Fact]
    public async Task SeverityNone_DoesNotReport()
    {
        await new Verify.Test
        {
            TestCode = InMethod("var r = await http.PostAsJsonAsync(\"api/m\", message); r.EnsureSuccessStatusCode();"),
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("dotnet_diagnostic.SESS001.severity = none\n") } },
        }.RunAsync();
    }

    // ---------------------------------------------------------------- Razor

    [Fact]
    public async Task RazorCodeBlockAtTheRazorLine_Reports()
    {
        var test = new Verify.Test();
        test.TestState.AddRazorFile(("Pages/Compose.razor", """
            @using System.Net.Http
            @using System.Net.Http.Json
            @inject HttpClient Http

            <textarea @bind="text"></textarea>
            <button @onclick="SendAsync">Send</button>

            @code {
                private string text = "";

                private async Task SendAsync()
                {
                    var response = await Http.[|PostAsJsonAsync|]("api/messages", text);
                    response.EnsureSuccessStatusCode();
                }

                private async Task SaveHandledAsync()
                {
                    var response = await Http.PutAsJsonAsync("api/drafts", text);
                    if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
                    {
                        text += " (kept)";
                    }
                }
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task RazorCodeBlockInTestProject_DoesNotReport()
    {
        var test = new Verify.Test {
            TestState = { AdditionalReferences = { typeof(FactAttribute).Assembly.Location } },
        };
        test.TestState.AddRazorFile(("Pages/Compose.razor", """
            @using System.Net.Http
            @using System.Net.Http.Json
            @inject HttpClient Http

            @code {
                private async Task SendAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/messages", "text");
                    response.EnsureSuccessStatusCode();
                }
            }
            """));
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
        test.TestState.Sources.Add((path, header + InMethod("var r = await http.PostAsJsonAsync(\"api/m\", message); r.EnsureSuccessStatusCode();")));
        await test.RunAsync();
    }
}
