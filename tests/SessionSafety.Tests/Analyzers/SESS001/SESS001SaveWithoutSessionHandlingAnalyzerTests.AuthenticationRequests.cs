using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SessionSafety.Tests.Verifiers;
using static SessionSafety.Tests.Analyzers.SESS001.SESS001Sources;

using Verify = SessionSafety.Tests.Verifiers.CSharpAnalyzerVerifier<
    SessionSafety.Analyzers.Rules.SESS001.SESS001SaveWithoutSessionHandlingAnalyzer>;

namespace SessionSafety.Tests.Analyzers.SESS001;

/// <summary>Authentication requests (sign-in, token, refresh, OAuth) are not saves, wherever their URI is given.</summary>
public sealed partial class SESS001SaveWithoutSessionHandlingAnalyzerTests
{
    /// <summary>The URI in the request's constructor, its initializer or an assignment, built from constant parts.</summary>
    [Theory]
    [InlineData("var request = new HttpRequestMessage(HttpMethod.Post, $\"{authority}/common/oauth2/v2.0/token\") { Content = content };")]
    [InlineData("var request = new HttpRequestMessage { Method = HttpMethod.Post, RequestUri = new Uri(string.Concat(authority, \"connect/token\")), Content = content };")]
    [InlineData("var request = new HttpRequestMessage(HttpMethod.Post, authority + \"/api/tokens\") { Content = content };")]
    [InlineData("var request = new HttpRequestMessage(HttpMethod.Post, string.Format(\"{0}/auth/refresh?client={1}\", authority, 7)) { Content = content };")]
    [InlineData("var request = new HttpRequestMessage(); request.Method = HttpMethod.Post; request.RequestUri = new Uri(new Uri(authority), \"token\"); request.Content = content;")]
    [InlineData("var uri = $\"{authority}/oauth.v2.access\"; var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };")]
    public async Task TokenRequestUriInTheRequest_DoesNotReport(string createRequest)
    {
        await Verify.VerifyAnalyzerAsync(Usings + $$"""
            public class TokenClient(HttpClient http)
            {
                public async Task<string> ExchangeAsync(string authority, HttpContent content)
                {
                    {{createRequest}}
                    using var response = await http.SendAsync(request);
                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadAsStringAsync();
                }
            }
            """);
    }

    /// <summary>A segment that starts with <c>oauth</c>, or is <c>token</c>, <c>tokens</c>, <c>refresh</c>; not one that only contains the letters.</summary>
    [Theory]
    [InlineData("api/oauth/authorize", false)]
    [InlineData("oauth2/v2.0/token", false)]
    [InlineData("api/identity/token/refresh", false)]
    [InlineData("api/tokens", false)]
    [InlineData("api/tokenizer", true)]
    [InlineData("api/refreshments", true)]
    [InlineData("api/notes/my-oauth-notes", true)]
    public async Task AuthenticationSegments(string uri, bool reported)
    {
        await Verify.VerifyAnalyzerAsync(InMethod($$"""
                    var result = await http.{{Mark("PostAsJsonAsync", reported)}}("{{uri}}", message);
                    result.EnsureSuccessStatusCode();
            """));
    }

    private const string RouteClassCaller = """
        public class TokenClient(HttpClient http)
        {
            public async Task<string> RenewAsync(string token)
            {
                var response = await http.{|#0:PostAsJsonAsync|}(Routes.TokenEndpoints.Refresh, new { token });
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync();
            }
        }
        """;

    /// <summary>
    /// A plain static field or property of a route class, initialised with constant text and never assigned
    /// elsewhere in the compilation, is read like a constant (its file is another than the save's).
    /// </summary>
    [Theory]
    [InlineData("public static string Refresh = \"api/identity/token/refresh\";")]
    [InlineData("public static string Refresh { get; set; } = \"api/identity/token/refresh\";")]
    [InlineData("public static readonly string Refresh = Root + \"/token/refresh\"; private const string Root = \"api/identity\";")]
    [InlineData("public static string Refresh => $\"{Root}/token/refresh\"; private const string Root = \"api/identity\";")]
    public async Task TokenUriInRouteClass_DoesNotReport(string member)
    {
        await new Verify.Test
        {
            TestCode = Usings + Unmarked(RouteClassCaller),
            TestState = { Sources = { ("/0/Routes.cs", "namespace Routes;\npublic static class TokenEndpoints\n{\n    " + member + "\n}\n") } },
        }.RunAsync();
    }

    /// <summary>Assigned somewhere else in the compilation: its text at run time is not known.</summary>
    [Theory]
    [InlineData("Routes.TokenEndpoints.Refresh = path;")]
    [InlineData("Routes.TokenEndpoints.Refresh += path;")]
    [InlineData("Routes.TokenEndpoints.Refresh ??= path;")]
    [InlineData("Fill(ref Routes.TokenEndpoints.Refresh, path);")]
    public async Task RouteFieldAssignedElsewhere_Reports(string assignment)
    {
        await new Verify.Test
        {
            TestCode = Usings + RouteClassCaller,
            ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("PostAsJsonAsync") },
            TestState =
            {
                Sources =
                {
                    ("/0/Routes.cs", "namespace Routes;\npublic static class TokenEndpoints\n{\n    public static string? Refresh = \"api/identity/token/refresh\";\n}\n"),
                    ("/0/Setup.cs", "public static class Setup\n{\n    public static void Configure(string path)\n    {\n        " + assignment + "\n    }\n\n    private static void Fill(ref string? target, string value) => target = value;\n}\n"),
                },
            },
        }.RunAsync();
    }

    /// <summary>An instance field assigned in the constructor is not the text of its declaration.</summary>
    [Fact]
    public async Task ReadOnlyFieldAssignedInConstructor_Reports()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Notes
            {
                private readonly HttpClient http = new HttpClient();
                private readonly string endpoint = "api/token";

                public Notes(string endpoint) => this.endpoint = endpoint;

                public async Task SaveAsync(string text) => (await http.[|PostAsJsonAsync|](endpoint, text)).EnsureSuccessStatusCode();
            }
            """);
    }
}
