using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SessionSafety.Tests.Verifiers;
using static SessionSafety.Tests.Analyzers.SESS001.SESS001Sources;

using Verify = SessionSafety.Tests.Verifiers.CSharpAnalyzerVerifier<
    SessionSafety.Analyzers.Rules.SESS001.SESS001SaveWithoutSessionHandlingAnalyzer>;

namespace SessionSafety.Tests.Analyzers.SESS001;

/// <summary>
/// Scope: only saves made for a signed-in user. The other tests compile against the Blazor WebAssembly
/// authentication package, a client UI app; these make server projects (<see cref="TestProject.AsServer"/>).
/// </summary>
public sealed partial class SESS001SaveWithoutSessionHandlingAnalyzerTests
{
    /// <summary>A server-to-server POST (a webhook, a payment gateway, a chat API) with nothing to keep.</summary>
    private const string WebhookSender = """
        public class WebhookSender(HttpClient http)
        {
            public async Task NotifyAsync(string url, string payload)
            {
                var response = await http.{|#0:PostAsync|}(url, new StringContent(payload));
                response.EnsureSuccessStatusCode();
            }
        }
        """;

    private static string Unmarked(string source) => source.Replace("{|#0:", string.Empty).Replace("|}", string.Empty);

    [Fact]
    public async Task ServerToServerSave_DoesNotReport()
    {
        await new Verify.Test { TestCode = Usings + Unmarked(WebhookSender) }.AsServer().RunAsync();
    }

    /// <summary>A client UI framework's type anywhere in the compilation (a reference, or a shared library's) makes every save the user's.</summary>
    [Theory]
    [InlineData("Microsoft.AspNetCore.Components.WebAssembly.Hosting", "WebAssemblyHostBuilder")]
    [InlineData("Microsoft.AspNetCore.Components.WebAssembly.Authentication", "AuthorizationMessageHandler")]
    [InlineData("Microsoft.Maui.Controls", "Page")]
    [InlineData("Microsoft.Maui.Hosting", "MauiApp")]
    [InlineData("System.Windows", "Window")]
    [InlineData("System.Windows.Forms", "Form")]
    [InlineData("Avalonia", "Application")]
    [InlineData("Avalonia.Controls", "Window")]
    [InlineData("Windows.UI.Xaml", "Window")]
    [InlineData("Microsoft.UI.Xaml", "Window")]
    [InlineData("Xamarin.Forms", "Page")]
    [InlineData("Xamarin.Forms", "Application")]
    public async Task ClientUiFrameworkInTheCompilation_Reports(string @namespace, string type)
    {
        await new Verify.Test
        {
            TestCode = Usings + WebhookSender,
            ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("PostAsync") },
            TestState = { Sources = { ("/0/Framework.cs", $"namespace {@namespace} {{ public class {type} {{ }} }}") } },
        }.AsServer().RunAsync();
    }

    /// <summary>The Blazor WebAssembly authentication package (the other tests' references) is a client UI framework.</summary>
    [Fact]
    public async Task WebAssemblyProject_Reports()
    {
        await Verify.VerifyAnalyzerAsync(Usings + WebhookSender, Verify.Diagnostic().WithLocation(0).WithArguments("PostAsync"));
    }

    /// <summary>A Razor component, in any project: its saves are the signed-in user's (Blazor Server included).</summary>
    [Fact]
    public async Task ComponentInServerProject_Reports()
    {
        await new Verify.Test
        {
            TestCode = Usings + """
                using Microsoft.AspNetCore.Components;

                public class Compose : ComponentBase
                {
                    [Inject] public HttpClient Http { get; set; } = default!;

                    private string text = "";

                    private async Task SendAsync()
                    {
                        var response = await Http.[|PostAsJsonAsync|]("api/messages", text);
                        response.EnsureSuccessStatusCode();
                    }
                }
                """,
        }.AsServer().RunAsync();
    }

    [Fact]
    public async Task RazorComponentInServerProject_Reports()
    {
        var test = new Verify.Test().AsServer();
        test.TestState.AddRazorFile(("Pages/Compose.razor", """
            @using System.Net.Http
            @using System.Net.Http.Json
            @inject HttpClient Http

            <button @onclick="SendAsync">Send</button>

            @code {
                private string text = "";

                private async Task SendAsync()
                {
                    var response = await Http.[|PostAsJsonAsync|]("api/messages", text);
                    response.EnsureSuccessStatusCode();
                }
            }
            """));
        await test.RunAsync();
    }

    private const string TokenForwardingHandler = """
        using System.Net.Http;
        using System.Net.Http.Headers;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication;
        using Microsoft.AspNetCore.Http;

        public class UserTokenHandler(IHttpContextAccessor accessor) : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var token = await accessor.HttpContext!.GetTokenAsync("access_token");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return await base.SendAsync(request, cancellationToken);
            }
        }
        """;

    /// <summary>A server client whose pipeline forwards the signed-in user's token (a BFF): its saves are the user's.</summary>
    [Theory]
    [InlineData("services.AddHttpClient<NotesClient>().AddHttpMessageHandler<UserTokenHandler>();", "http")]
    [InlineData("services.AddHttpClient(\"api\").AddHttpMessageHandler<UserTokenHandler>();", "factory.CreateClient(\"api\")")]
    public async Task PipelineForwardsTheUsersToken_Reports(string registration, string client)
    {
        await new Verify.Test
        {
            TestCode = Usings + $$"""
                public class NotesClient(HttpClient http, IHttpClientFactory factory)
                {
                    public async Task SaveAsync(string text)
                    {
                        var response = await {{client}}.[|PostAsJsonAsync|]("api/notes", text);
                        response.EnsureSuccessStatusCode();
                    }
                }
                """,
            TestState = { Sources = { ("/0/Handler.cs", TokenForwardingHandler), ("/0/Startup.cs", "using Microsoft.Extensions.DependencyInjection;\npublic static class Startup\n{\n    public static void Configure(IServiceCollection services)\n    {\n        " + registration + "\n    }\n}\n") } },
        }.AsServer().RunAsync();
    }

    /// <summary>Handlers that read the user's token or send the browser's credentials, built into the client (in another file).</summary>
    [Theory]
    [InlineData("UserTokenHandler(accessor)", "")]
    [InlineData("AccessTokenHandler(tokens)", """
        public interface IAccessTokenProvider { Task<string> RequestAccessToken(); }

        public class AccessTokenHandler(IAccessTokenProvider tokens) : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await tokens.RequestAccessToken());
                return await base.SendAsync(request, cancellationToken);
            }
        }
        """)]
    [InlineData("BrowserCredentialsHandler()", """
        public interface IAccessTokenProvider { }

        public static class BrowserRequests { public static void SetBrowserRequestCredentials(this HttpRequestMessage request, int mode) { } }

        public class BrowserCredentialsHandler : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                request.SetBrowserRequestCredentials(1);
                return base.SendAsync(request, cancellationToken);
            }
        }
        """)]
    public async Task ClientBuiltWithCredentialForwardingHandler_Reports(string handler, string more)
    {
        await new Verify.Test
        {
            TestCode = Usings + $$"""
                using Microsoft.AspNetCore.Http;

                public class NotesClient(IHttpContextAccessor accessor, IAccessTokenProvider tokens)
                {
                    private readonly HttpClient http = new HttpClient(new {{handler}} { InnerHandler = new HttpClientHandler() });

                    public async Task SaveAsync(string text)
                    {
                        var response = await http.[|PostAsJsonAsync|]("api/notes", text);
                        response.EnsureSuccessStatusCode();
                    }
                }
                """,
            TestState = { Sources = { ("/0/Handler.cs", TokenForwardingHandler), ("/0/More.cs", Usings + (more.Length > 0 ? more : "public interface IAccessTokenProvider { }")) } },
        }.AsServer().RunAsync();
    }

    /// <summary>A handler that adds something else (a correlation id) does not make the client the user's.</summary>
    [Fact]
    public async Task PipelineWithoutUserCredentials_DoesNotReport()
    {
        await new Verify.Test
        {
            TestCode = Usings + """
                public class CorrelationHandler : DelegatingHandler
                {
                    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                    {
                        request.Headers.Add("X-Correlation-Id", Guid.NewGuid().ToString());
                        return base.SendAsync(request, cancellationToken);
                    }
                }

                public class NotesClient
                {
                    private readonly HttpClient http = new HttpClient(new CorrelationHandler { InnerHandler = new HttpClientHandler() });

                    public async Task SaveAsync(string text)
                    {
                        var response = await http.PostAsJsonAsync("api/notes", text);
                        response.EnsureSuccessStatusCode();
                    }
                }
                """,
        }.AsServer().RunAsync();
    }

    [Fact]
    public async Task SaveScopeAll_Reports()
    {
        await new Verify.Test
        {
            TestCode = Usings + WebhookSender,
            ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("PostAsync") },
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.save_scope = all\n") } },
        }.AsServer().RunAsync();
    }

    [Theory]
    [InlineData("user")]
    [InlineData("everything")]
    public async Task SaveScopeUserOrUnreadable_DoesNotReport(string value)
    {
        await new Verify.Test
        {
            TestCode = Usings + Unmarked(WebhookSender),
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig($"session_safety.save_scope = {value}\n") } },
        }.AsServer().RunAsync();
    }

    // ---------------------------------------------------------------- never in scope: the service's own credentials

    /// <summary>An API-key header on the request, its content or its client, wherever it is set: not a user session, in any project.</summary>
    [Theory]
    [InlineData("var request = new HttpRequestMessage(HttpMethod.Post, \"api/m\") { Content = content }; request.Headers.Add(\"X-Api-Key\", key); var r = await http.SendAsync(request);")]
    [InlineData("var request = new HttpRequestMessage(HttpMethod.Post, \"api/m\") { Content = content, Headers = { { \"api-key\", key } } }; var r = await http.SendAsync(request);")]
    [InlineData("var r = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, \"api/m\") { Content = content, Headers = { { \"Ocp-Apim-Subscription-Key\", key } } });")]
    [InlineData("content.Headers.Add(\"x-functions-key\", key); var r = await http.PostAsync(\"api/m\", content);")]
    [InlineData("var client = new HttpClient(); client.DefaultRequestHeaders.TryAddWithoutValidation(\"X-API-KEY\", key); var r = await client.PostAsync(\"api/m\", content);")]
    public async Task ApiKeyHeader_DoesNotReport(string body)
    {
        await new Verify.Test
        {
            TestCode = Usings + $$"""
                public class Push(HttpClient http)
                {
                    public async Task SendAsync(HttpContent content, string key)
                    {
                        {{body}}
                        r.EnsureSuccessStatusCode();
                    }
                }
                """,
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.save_scope = all\n") } },
        }.RunAsync();
    }

    /// <summary>A header that only looks like one (an idempotency key) is not an API key.</summary>
    [Fact]
    public async Task IdempotencyKeyHeader_Reports()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Notes(HttpClient http)
            {
                public async Task SendAsync(HttpContent content)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "api/notes") { Content = content };
                    request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                    var r = await http.[|SendAsync|](request);
                    r.EnsureSuccessStatusCode();
                }
            }
            """);
    }

    /// <summary>The client's API key set in its type's constructor, or by its registration.</summary>
    [Fact]
    public async Task ApiKeyOnTheClientElsewhere_DoesNotReport()
    {
        await new Verify.Test
        {
            TestCode = Usings + """
                public class MailApi
                {
                    private readonly HttpClient http;

                    public MailApi(HttpClient http, string key)
                    {
                        this.http = http;
                        this.http.DefaultRequestHeaders.Add("X-Api-Key", key);
                    }

                    public async Task SendAsync(string text) => (await http.PostAsJsonAsync("send", text)).EnsureSuccessStatusCode();
                }

                public class SmsApi(HttpClient http)
                {
                    public async Task SendAsync(string text) => (await http.PostAsJsonAsync("send", text)).EnsureSuccessStatusCode();
                }

                public class PushApi(IHttpClientFactory factory)
                {
                    public async Task SendAsync(string text) => (await factory.CreateClient("push").PostAsJsonAsync("send", text)).EnsureSuccessStatusCode();
                }
                """,
            TestState = { Sources = { ("/0/Startup.cs", """
                using Microsoft.Extensions.DependencyInjection;

                public static class Startup
                {
                    public static void Configure(IServiceCollection services, string key)
                    {
                        services.AddHttpClient<SmsApi>(c => c.DefaultRequestHeaders.Add("apikey", key));
                        services.AddHttpClient("push").ConfigureHttpClient(c => c.DefaultRequestHeaders.Add("X-Api-Key", key));
                    }
                }
                """) } },
        }.RunAsync();
    }

    /// <summary>OAuth client credentials in the content (a client-credentials grant, a code exchange): the service's credentials, in any project.</summary>
    [Theory]
    [InlineData("new FormUrlEncodedContent(new Dictionary<string, string> { [\"grant_type\"] = \"client_credentials\", [\"client_id\"] = id })")]
    [InlineData("new FormUrlEncodedContent(new[] { new KeyValuePair<string, string>(\"client_secret\", id) })")]
    [InlineData("new StringContent($\"grant_type=client_credentials&client_id={id}\")")]
    [InlineData("JsonContent.Create(new { client_secret = id, code = id })")]
    public async Task ClientCredentialsInTheContent_DoesNotReport(string content)
    {
        await Verify.VerifyAnalyzerAsync(Usings + $$"""
            using System.Collections.Generic;

            public class Exchange(HttpClient http)
            {
                public async Task<string> SendAsync(string id)
                {
                    var response = await http.PostAsync("api/exchange", {{content}});
                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadAsStringAsync();
                }
            }
            """);
    }

    /// <summary>
    /// Outside client UI projects, an Authorization header from a constant, configuration, an options object
    /// or a field is the service's own credential: not in scope, even with <c>save_scope = all</c>.
    /// </summary>
    [Theory]
    [InlineData("request.Headers.Authorization = new AuthenticationHeaderValue(\"Bearer\", \"abc123\");")]
    [InlineData("request.Headers.Authorization = new AuthenticationHeaderValue(\"Bearer\", configuration[\"Api:Token\"]);")]
    [InlineData("request.Headers.Authorization = new AuthenticationHeaderValue(\"Bearer\", options.Value.Token);")]
    [InlineData("request.Headers.Authorization = new AuthenticationHeaderValue(\"Bearer\", token);")]
    [InlineData("request.Headers.Add(\"Authorization\", $\"key={options.Value.Token}\");")]
    [InlineData("http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(\"Basic\", Convert.ToBase64String(Encoding.UTF8.GetBytes($\"{configuration[\"User\"]}:{configuration[\"Password\"]}\")));")]
    public async Task ServiceAuthorizationOutsideClientUi_DoesNotReport(string header)
    {
        await new Verify.Test
        {
            TestCode = ServiceWithAuthorization(header, reported: false),
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.save_scope = all\n") } },
        }.AsServer().RunAsync();
    }

    /// <summary>A token handed in as a parameter may be the signed-in user's: with <c>save_scope = all</c>, reported.</summary>
    [Fact]
    public async Task AuthorizationFromParameterWithScopeAll_Reports()
    {
        await new Verify.Test
        {
            TestCode = ServiceWithAuthorization("request.Headers.Authorization = new AuthenticationHeaderValue(\"Bearer\", userToken);", reported: true),
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.save_scope = all\n") } },
        }.AsServer().RunAsync();
    }

    /// <summary>In a client UI app the Authorization header holds the signed-in user's token, wherever it comes from.</summary>
    [Fact]
    public async Task AuthorizationFromFieldInClientUi_Reports()
    {
        await Verify.VerifyAnalyzerAsync(ServiceWithAuthorization("request.Headers.Authorization = new AuthenticationHeaderValue(\"Bearer\", token);", reported: true));
    }

    private static string ServiceWithAuthorization(string header, bool reported) => Usings + $$"""
        using System.Net.Http.Headers;
        using System.Text;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Options;

        public class ApiOptions
        {
            public string Token { get; set; } = "";
        }

        public class Relay(HttpClient http, IConfiguration configuration, IOptions<ApiOptions> options)
        {
            private readonly string token = "from-a-field";

            public async Task SendAsync(string text, string userToken)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "api/relay") { Content = new StringContent(text) };
                {{header}}
                var response = await http.{{Mark("SendAsync", reported)}}(request);
                response.EnsureSuccessStatusCode();
            }
        }
        """;

    /// <summary>Hosted and background services are the server's own work: not in scope outside client UI, even with <c>save_scope = all</c>.</summary>
    [Fact]
    public async Task BackgroundService_DoesNotReport()
    {
        await new Verify.Test
        {
            TestCode = Usings + """
                using Microsoft.Extensions.Hosting;

                public class Outbox(HttpClient http) : BackgroundService
                {
                    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                    {
                        var response = await http.PostAsJsonAsync("api/outbox", "flush", stoppingToken);
                        response.EnsureSuccessStatusCode();
                    }
                }
                """,
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.save_scope = all\n") } },
        }.AsServer().RunAsync();
    }
}
