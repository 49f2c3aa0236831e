using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SessionSafety.Tests.Verifiers;
using static SessionSafety.Tests.Analyzers.SESS001.SESS001Sources;

using Verify = SessionSafety.Tests.Verifiers.CSharpAnalyzerVerifier<
    SessionSafety.Analyzers.Rules.SESS001.SESS001SaveWithoutSessionHandlingAnalyzer>;

namespace SessionSafety.Tests.Analyzers.SESS001;

/// <summary>Rule 1 on the save's own response, rule 2 around it, rule 3 into the helpers it is passed to.</summary>
public sealed partial class SESS001SaveWithoutSessionHandlingAnalyzerTests
{
    // ---------------------------------------------------------------- rule 1: the save's own response

    /// <summary>The test reads the save's response through locals that hold it, its task or its status.</summary>
    [Theory]
    [InlineData("var status = (int)response.StatusCode; if (status == 401) { Keep(); }")]
    [InlineData("var status = response.StatusCode; var same = status; if (same is HttpStatusCode.Forbidden) { Keep(); }")]
    [InlineData("HttpStatusCode? status = response?.StatusCode; if (status == HttpStatusCode.Unauthorized) { Keep(); }")]
    [InlineData("if (response?.StatusCode == HttpStatusCode.Unauthorized) { Keep(); }")]
    [InlineData("var copy = response; if ((int)copy.StatusCode is 401 or 403) { Keep(); }")]
    [InlineData("var code = (int)response.StatusCode; switch (code) { case 401: Keep(); break; }")]
    [InlineData("var landed = response.RequestMessage?.RequestUri; if (landed is not null && landed.AbsolutePath.EndsWith(\"/login\")) { Keep(); }")]
    public async Task OwnResponseTestedThroughLocals_DoesNotReport(string check)
    {
        await Verify.VerifyAnalyzerAsync(InMethod(
            "var response = await http.PostAsJsonAsync(\"api/m\", message);\n" + check,
            "    private static void Keep() { }"));
    }

    [Theory]
    [InlineData("var pending = http.PostAsJsonAsync(\"api/m\", message); var response = await pending; if (response.StatusCode == HttpStatusCode.Unauthorized) { Keep(); }")]
    [InlineData("var pending = http.PostAsJsonAsync(\"api/m\", message); if ((await pending).StatusCode == HttpStatusCode.Unauthorized) { Keep(); }")]
    [InlineData("if ((await http.PostAsJsonAsync(\"api/m\", message)).StatusCode == HttpStatusCode.Forbidden) { Keep(); }")]
    [InlineData("if (http.PostAsJsonAsync(\"api/m\", message).Result.StatusCode == HttpStatusCode.Forbidden) { Keep(); }")]
    [InlineData("var response = (await http.PostAsJsonAsync(\"api/m\", message).ConfigureAwait(false)).EnsureSuccessStatusCode(); if (response.StatusCode == HttpStatusCode.Unauthorized) { Keep(); }")]
    public async Task OwnTaskTested_DoesNotReport(string body)
    {
        await Verify.VerifyAnalyzerAsync(InMethod(body, "    private static void Keep() { }"));
    }

    /// <summary>A 401 test on another response of the member (a GET before the save) does not handle the save.</summary>
    [Fact]
    public async Task TestOnAnotherResponse_Reports()
    {
        await Verify.VerifyAnalyzerAsync(InMethod("""
                    var current = await http.GetAsync("api/m/1");
                    if (current.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        return;
                    }

                    var response = await http.[|PutAsJsonAsync|]("api/m/1", message);
                    response.EnsureSuccessStatusCode();
            """));
    }

    /// <summary>The same local reused: the test reads it before the save's response is stored in it.</summary>
    [Fact]
    public async Task TestOnTheLocalBeforeTheSaveIsStoredInIt_Reports()
    {
        await Verify.VerifyAnalyzerAsync(InMethod("""
                    var response = await http.GetAsync("api/m/1");
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        return;
                    }

                    response = await http.[|PutAsJsonAsync|]("api/m/1", message);
                    response.EnsureSuccessStatusCode();
            """));
    }

    /// <summary>In a loop, a test before the store in the text reads the value the previous iteration stored.</summary>
    [Fact]
    public async Task TestInTheLoopBeforeTheStore_DoesNotReport()
    {
        await Verify.VerifyAnalyzerAsync(InMethod("""
                    HttpResponseMessage? response = null;
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        if (response?.StatusCode == HttpStatusCode.Unauthorized)
                        {
                            return;
                        }

                        response = await http.PostAsJsonAsync("api/m", message);
                    }
            """));
    }

    [Fact]
    public async Task TwoSavesOneTested_ReportsTheOther()
    {
        await Verify.VerifyAnalyzerAsync(InMethod("""
                    var title = await http.PutAsJsonAsync("api/title", text);
                    if (title.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        return;
                    }

                    var body = await http.[|PutAsJsonAsync|]("api/body", message);
                    body.EnsureSuccessStatusCode();
            """));
    }

    /// <summary>A status test on something that is not the save's response (a field, a result object) does not count.</summary>
    [Fact]
    public async Task StatusOfSomethingElseTested_Reports()
    {
        await Verify.VerifyAnalyzerAsync(InMethod("""
                    var response = await http.[|PostAsJsonAsync|]("api/m", message);
                    if (last?.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        return;
                    }

                    last = null;
                    Console.WriteLine(response.IsSuccessStatusCode);
            """, "    private HttpResponseMessage? last;"));
    }

    /// <summary>An alias chain of thousands of locals is followed to its end, once (the answer, not the time, is checked here).</summary>
    [Theory]
    [InlineData(8000, true)]
    [InlineData(8000, false)]
    public async Task LongAliasChain_FollowsToTheEnd(int length, bool testedAtTheEnd)
    {
        var body = new StringBuilder();
        body.AppendLine(testedAtTheEnd
            ? "var a0 = await http.PostAsJsonAsync(\"api/m\", message);"
            : "var a0 = await http.{|#0:PostAsJsonAsync|}(\"api/m\", message);");
        for (var i = 1; i < length; i++)
        {
            body.Append("var a").Append(i).Append(" = a").Append(i - 1).AppendLine(";");
        }

        body.Append(testedAtTheEnd
            ? $"if (a{length - 1}.StatusCode == HttpStatusCode.Unauthorized) {{ return; }}"
            : $"if (a{length - 1}.StatusCode == HttpStatusCode.NotFound) {{ return; }}");
        var expected = testedAtTheEnd ? System.Array.Empty<DiagnosticResult>() : new[] { Verify.Diagnostic().WithLocation(0).WithArguments("PostAsJsonAsync") };
        await Verify.VerifyAnalyzerAsync(InMethod(body.ToString()), expected);
    }

    /// <summary>Many saves reusing one local, each tested or not: each is judged on its own.</summary>
    [Fact]
    public async Task ManySavesInOneLocal_JudgedEachOnItsOwn()
    {
        var body = new StringBuilder("HttpResponseMessage response;\n");
        for (var i = 0; i < 500; i++)
        {
            if (i % 2 == 0)
            {
                body.AppendLine($"response = await http.PostAsJsonAsync(\"api/m/{i}\", message); if (response.StatusCode == HttpStatusCode.Unauthorized) {{ return; }}");
            }
            else
            {
                body.AppendLine($"response = await http.[|PostAsJsonAsync|](\"api/m/{i}\", message); response.EnsureSuccessStatusCode();");
            }
        }

        await Verify.VerifyAnalyzerAsync(InMethod(body.ToString()));
    }

    /// <summary>A Razor page: every button's lambda lands in one generated method; each lambda's save is judged on its own response.</summary>
    [Fact]
    public async Task RazorPageWithManyButtons_JudgesEachLambda()
    {
        var markup = new StringBuilder("""
            @using System.Net
            @using System.Net.Http
            @using System.Net.Http.Json
            @inject HttpClient Http

            """);
        for (var i = 0; i < 60; i++)
        {
            markup.AppendLine(i % 3 == 0
                ? $$"""<button @onclick="@(async () => { var r = await Http.[|PostAsJsonAsync|](Url, Text); r.EnsureSuccessStatusCode(); })">{{i}}</button>"""
                : $$"""<button @onclick="@(async () => { var r = await Http.PostAsJsonAsync(Url, Text); if (r.StatusCode == HttpStatusCode.Unauthorized) { Expired = true; } })">{{i}}</button>""");
        }

        markup.AppendLine("@code { private const string Url = \"api/items\"; private string Text { get; set; } = \"\"; private bool Expired { get; set; } }");
        var test = new Verify.Test();
        test.TestState.AddRazorFile(("Pages/Buttons.razor", markup.ToString()));
        await test.RunAsync();
    }

    // ---------------------------------------------------------------- rule 2: catches around the save or its use

    [Fact]
    public async Task CatchAroundTheUseInspectsStatus_DoesNotReport()
    {
        await Verify.VerifyAnalyzerAsync(InMethod("""
                    var response = await http.PostAsJsonAsync("api/m", message);
                    try
                    {
                        response.EnsureSuccessStatusCode();
                    }
                    catch (HttpRequestException exception) when (exception.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    {
                        Console.WriteLine("Sign in again; your message is kept.");
                    }
            """));
    }

    [Fact]
    public async Task CatchInspectsStatusWithAPattern_DoesNotReport()
    {
        await Verify.VerifyAnalyzerAsync(InMethod("""
                    try
                    {
                        (await http.PostAsJsonAsync("api/m", message)).EnsureSuccessStatusCode();
                    }
                    catch (Exception exception) when (exception is HttpRequestException { StatusCode: HttpStatusCode.Unauthorized })
                    {
                        Console.WriteLine("Sign in again; your message is kept.");
                    }
            """));
    }

    /// <summary>A catch that inspects a status is not around the save, and a lambda's body does not run inside the try it is written in.</summary>
    [Fact]
    public async Task CatchNotAroundTheSave_Reports()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Compose(HttpClient http)
            {
                public event Func<string, Task>? Sent;

                public async Task SaveAsync(string text)
                {
                    try
                    {
                        await http.GetAsync("api/m");
                    }
                    catch (HttpRequestException exception) when (exception.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        return;
                    }

                    var response = await http.[|PostAsJsonAsync|]("api/m", text);
                    response.EnsureSuccessStatusCode();
                }

                public void Wire()
                {
                    try
                    {
                        Sent += async text => (await http.[|PutAsJsonAsync|]("api/m", text)).EnsureSuccessStatusCode();
                    }
                    catch (HttpRequestException exception) when (exception.StatusCode == HttpStatusCode.Unauthorized)
                    {
                    }
                }
            }
            """);
    }

    // ---------------------------------------------------------------- rule 3: the response passed to the compilation's methods

    private const string HandlingHelpers = """
        using System;
        using System.Net;
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class ResponseChecks
        {
            public static async Task<bool> SavedAsync(this HttpResponseMessage response)
            {
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    SessionEvents.Expired();
                    return false;
                }

                return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Length >= 0;
            }

            public static bool Check(HttpResponseMessage response, string what)
            {
                var status = (int)response.StatusCode;
                return status != 401 && status != 403 && response.IsSuccessStatusCode;
            }

            public static void Rethrow(HttpResponseMessage response)
            {
                try
                {
                    response.EnsureSuccessStatusCode();
                }
                catch (HttpRequestException exception) when (exception.StatusCode == HttpStatusCode.Unauthorized)
                {
                    SessionEvents.Expired();
                }
            }

            public static HttpResponseMessage PassOn(HttpResponseMessage response) => response;
        }

        public static class SessionEvents
        {
            public static void Expired() { }
        }
        """;

    private const string ConsumingHelpers = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class ResponseChecks
        {
            public static async Task<bool> SavedAsync(this HttpResponseMessage response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    Console.WriteLine($"Save failed: {response.StatusCode}");
                    return false;
                }

                return (await response.Content.ReadAsStringAsync()).Length >= 0;
            }

            public static bool Check(HttpResponseMessage response, string what)
            {
                response.EnsureSuccessStatusCode();
                return true;
            }

            public static void Rethrow(HttpResponseMessage response)
            {
                try
                {
                    response.EnsureSuccessStatusCode();
                }
                catch (HttpRequestException exception)
                {
                    Console.WriteLine(exception.Message);
                }
            }

            public static HttpResponseMessage PassOn(HttpResponseMessage response) => response;
        }
        """;

    /// <summary>The saves hand their response to helpers in another file: an extension method, a static method, a rethrowing check.</summary>
    private static string SavesThroughHelpers(bool reported) => Usings.Replace("\r\n", "\n") + $$"""
        public class Compose(HttpClient http)
        {
            public async Task<bool> PostAsync(string text)
            {
                var response = await http.{{Mark("PostAsJsonAsync", reported)}}("api/m", text);
                return await response.SavedAsync();
            }

            public async Task<bool> PutAsync(string text) =>
                ResponseChecks.Check(await http.{{Mark("PutAsJsonAsync", reported)}}("api/m", text), "put");

            public async Task PatchAsync(string text)
            {
                var pending = http.{{Mark("PatchAsJsonAsync", reported)}}("api/m", text);
                ResponseChecks.Rethrow(await pending);
            }

            public async Task<HttpResponseMessage> RelayAsync(string text) =>
                ResponseChecks.PassOn(await http.PostAsync("api/m", new StringContent(text)));
        }
        """;

    private static string Mark(string name, bool reported) => reported ? "[|" + name + "|]" : name;

    [Fact]
    public async Task PassedToHelpersThatHandleTheSession_DoesNotReport()
    {
        await new Verify.Test
        {
            TestCode = SavesThroughHelpers(reported: false),
            TestState = { Sources = { ("/0/ResponseChecks.cs", HandlingHelpers) } },
        }.RunAsync();
    }

    /// <summary>Helpers that only check success, log or read the content consume the response: the saves are reported, at the save.</summary>
    [Fact]
    public async Task PassedToHelpersThatOnlyCheckSuccess_Reports()
    {
        await new Verify.Test
        {
            TestCode = SavesThroughHelpers(reported: true),
            TestState = { Sources = { ("/0/ResponseChecks.cs", ConsumingHelpers) } },
        }.RunAsync();
    }

    /// <summary>A private helper of a service base class that logs a failure and returns false: the shape that loses an editor's text.</summary>
    [Fact]
    public async Task PrivateHelperLogsAndReturnsFalse_Reports()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public abstract class ApiService(HttpClient http)
            {
                protected async Task<T?> PostJsonAsync<T>(string uri, T value)
                {
                    var response = await http.[|PostAsJsonAsync|](uri, value);
                    if (await CheckAsync(response, uri))
                    {
                        return await response.Content.ReadFromJsonAsync<T>();
                    }

                    return default;
                }

                private async Task<bool> CheckAsync(HttpResponseMessage response, string uri)
                {
                    if (response.IsSuccessStatusCode)
                    {
                        return true;
                    }

                    if (response.StatusCode != HttpStatusCode.NoContent && response.StatusCode != HttpStatusCode.NotFound)
                    {
                        await LogAsync(uri, response.StatusCode.ToString(), "Request {0} failed with {1}", uri, response.StatusCode);
                    }

                    return false;
                }

                private Task LogAsync(string uri, string status, string message, params object[] args)
                {
                    Console.WriteLine(string.Format(message, args) + uri + status);
                    return Task.CompletedTask;
                }
            }
            """);
    }

    [Fact]
    public async Task LocalFunctionHandlesTheResponse_DoesNotReport()
    {
        await Verify.VerifyAnalyzerAsync(InMethod("""
                    var response = await http.PostAsJsonAsync("api/m", message);
                    Check(response);

                    static void Check(HttpResponseMessage answer)
                    {
                        if (answer.StatusCode == HttpStatusCode.Unauthorized)
                        {
                            Console.WriteLine("Sign in again; your message is kept.");
                        }
                    }
            """));
    }

    [Fact]
    public async Task LocalFunctionOnlyChecksSuccess_Reports()
    {
        await Verify.VerifyAnalyzerAsync(InMethod("""
                    var response = await http.[|PostAsJsonAsync|]("api/m", message);
                    Check(response);

                    static void Check(HttpResponseMessage answer) => answer.EnsureSuccessStatusCode();
            """));
    }

    /// <summary>Followed through four helpers; the fifth is not looked into, so what it does proves nothing.</summary>
    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    public async Task HelperChain_FollowedAtMostFourDeep(int helpers, bool reported)
    {
        var chain = new StringBuilder();
        for (var i = 1; i < helpers; i++)
        {
            chain.AppendLine($"    private static bool Step{i}(HttpResponseMessage response) => Step{i + 1}(response);");
        }

        chain.AppendLine($"    private static bool Step{helpers}(HttpResponseMessage response) => response.StatusCode != HttpStatusCode.Unauthorized;");
        await Verify.VerifyAnalyzerAsync(InMethod(
            $$"""
                    var response = await http.{{Mark("PostAsJsonAsync", reported)}}("api/m", message);
                    Console.WriteLine(Step1(response));
            """,
            chain.ToString()));
    }

    /// <summary>Helpers that call each other with the response end at the depth limit: no hang, no exception, and no handling.</summary>
    [Fact]
    public async Task HelpersThatCallEachOther_Reports()
    {
        await Verify.VerifyAnalyzerAsync(InMethod(
            """
                    var response = await http.[|PostAsJsonAsync|]("api/m", message);
                    Ping(response, 3);
            """,
            """
                private static void Ping(HttpResponseMessage response, int n) { if (n > 0) Pong(response, n - 1); }
                private static void Pong(HttpResponseMessage response, int n) { if (n > 0) Ping(response, n - 1); else response.EnsureSuccessStatusCode(); }
            """));
    }

    /// <summary>Formatting or logging the response through an <c>object</c> parameter outside the compilation handles nothing.</summary>
    [Fact]
    public async Task ResponseOnlyLoggedOutsideTheCompilation_Reports()
    {
        await Verify.VerifyAnalyzerAsync(InMethod("""
                    var response = await http.[|PostAsJsonAsync|]("api/m", message);
                    Console.WriteLine(response);
                    Console.WriteLine("{0} {1}", response, response.StatusCode);
            """));
    }

    /// <summary>A <c>Task&lt;HttpResponseMessage&gt;</c> returned as a plain <c>Task</c> drops the response: not an escape.</summary>
    [Fact]
    public async Task TaskReturnedAsPlainTask_Reports()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Compose(HttpClient http)
            {
                public Task SaveAsync(string text) => http.[|PostAsJsonAsync|]("api/m", text);

                public Task SaveLaterAsync(string text)
                {
                    Task pending = http.[|PutAsJsonAsync|]("api/m", text);
                    return pending;
                }
            }
            """);
    }

    /// <summary>A save wrapper returns the response: it is silent, and its callers (not save calls) are not reported either.</summary>
    [Fact]
    public async Task WrapperAndItsCallers_DoNotReport()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Api(HttpClient http)
            {
                public Task<HttpResponseMessage> PostAsync<T>(string uri, T value) => http.PostAsJsonAsync(uri, value);
            }

            public class Compose(Api api)
            {
                public async Task SaveAsync(string text)
                {
                    var response = await api.PostAsync("api/m", text);
                    response.EnsureSuccessStatusCode();
                }
            }
            """);
    }

    /// <summary>A constructor of the compilation that keeps the response (a result object) lets it escape.</summary>
    [Fact]
    public async Task PassedToAConstructorThatKeepsIt_DoesNotReport()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class SaveResult
            {
                public SaveResult(HttpResponseMessage response) => Response = response;

                public HttpResponseMessage Response { get; }
            }

            public class Compose(HttpClient http)
            {
                public async Task<SaveResult> SaveAsync(string text) => new SaveResult(await http.PostAsJsonAsync("api/m", text));
            }
            """);
    }

    // ---------------------------------------------------------------- code of a referenced project

    // In the IDE a project reference is a live compilation: its symbols have source, in trees this
    // compilation cannot bind. A build of this project sees the same project as metadata, without source.
    // Both are judged alike, as the build does.

    /// <summary>A helper of a referenced project that only checks success: a build sees a method without a body, the callee's to handle.</summary>
    [Fact]
    public async Task HelperInAReferencedProject_DoesNotReportAsInABuild()
    {
        var test = new Verify.Test
        {
            TestCode = InMethod("""
                        var response = await http.PostAsJsonAsync("api/m", message);
                        Shared.Outcomes.Check(response);
                """),
        };
        AddSharedProject(test, """
            using System.Net.Http;

            namespace Shared;

            public static class Outcomes
            {
                public static void Check(HttpResponseMessage response) => response.EnsureSuccessStatusCode();
            }
            """);
        await test.RunAsync();
    }

    /// <summary>An API key set in the constructor of a base class of a referenced project: a build cannot see it, so the save is judged without it.</summary>
    [Fact]
    public async Task ClientHeadersSetInAReferencedProject_ReportsAsInABuild()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """
                public class Compose : Shared.ApiClient
                {
                    public async Task SendAsync(string text)
                    {
                        var response = await Http.[|PostAsJsonAsync|]("api/m", text);
                        response.EnsureSuccessStatusCode();
                    }
                }
                """,
        };
        AddSharedProject(test, """
            using System.Net.Http;

            namespace Shared;

            public class ApiClient
            {
                protected readonly HttpClient Http = new HttpClient();

                public ApiClient() => Http.DefaultRequestHeaders.Add("X-Api-Key", "key");
            }
            """);
        await test.RunAsync();
    }

    /// <summary>A token path in a <c>static readonly</c> field of a referenced project: a build sees no initializer, so the request is a save.</summary>
    [Fact]
    public async Task UriFieldOfAReferencedProject_ReportsAsInABuild()
    {
        var test = new Verify.Test
        {
            TestCode = InMethod("""
                        var response = await http.[|PostAsJsonAsync|](Shared.Routes.Token, message);
                        response.EnsureSuccessStatusCode();
                """),
        };
        AddSharedProject(test, """
            namespace Shared;

            public static class Routes
            {
                public static readonly string Token = "oauth/token";
            }
            """);
        await test.RunAsync();
    }

    private static void AddSharedProject(Verify.Test test, string source)
    {
        test.TestState.AdditionalProjects["Shared"].Sources.Add(("Shared.cs", source));
        test.TestState.AdditionalProjects["Shared"].AdditionalReferences.AddRange(test.TestState.AdditionalReferences);
        test.TestState.AdditionalProjectReferences.Add("Shared");
    }
}
