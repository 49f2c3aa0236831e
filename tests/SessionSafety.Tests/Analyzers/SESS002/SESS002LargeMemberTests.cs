using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionSafety.Analyzers.Rules.SESS002;
using SessionSafety.Tests.Verifiers;
using static SessionSafety.Tests.Analyzers.SESS002.SESS002Sources;

using Verify = SessionSafety.Tests.Verifiers.CSharpAnalyzerVerifier<
    SessionSafety.Analyzers.Rules.SESS002.SESS002LoginRedirectDiscardsInputAnalyzer>;

namespace SessionSafety.Tests.Analyzers.SESS002;

/// <summary>
/// Issue #20's worst shapes, checked for their results (never their time: the benchmark's scaling mode
/// measures that): one member with thousands of redirects and saves gets exactly the diagnostics that the
/// same code in small members would get. The sources are compiled and analyzed directly (the testing
/// library's markup, with thousands of spans in one file, would cost more than the analysis); the
/// expected places are recorded while the source is written.
/// </summary>
public sealed class SESS002LargeMemberTests
{
    private const int Many = 8000;

    [Fact]
    public async Task ThousandsOfRedirectsAfterOneFailedSave_ReportsEach()
    {
        var source = new MarkedSource("""
                private async Task SendAsync()
                {
                    var response = await Http.PostAsJsonAsync("api/messages", message);
                    if (!response.IsSuccessStatusCode)
                    {

            """);
        for (var i = 0; i < Many; i++)
        {
            source.Append("            ").Expect($"Nav.NavigateTo(\"/login?attempt={i}\")", "'message'").Append(";\n");
        }

        source.Append("        }\n    }\n");
        await source.VerifyAsync();
    }

    [Fact]
    public async Task ThousandsOfSaveAndRedirectPairs_EachRedirectNamesItsOwnSave()
    {
        var source = new MarkedSource("""
                private async Task SendAsync(string draft0, string draft1, string draft2)
                {

            """);
        for (var i = 0; i < Many; i++)
        {
            source.Append($"        var response{i} = await Http.PostAsJsonAsync(\"api/messages/{i}\", draft{i % 3});\n");
            source.Append($"        if (response{i}.StatusCode == HttpStatusCode.Unauthorized) {{ ").Expect("Nav.NavigateTo(\"/login\")", $"'draft{i % 3}'").Append("; }\n");
        }

        source.Append("    }\n");
        await source.VerifyAsync();
    }

    [Fact]
    public async Task TryWithThousandsOfSavesAndRedirects_ReportsEachWithTheLastSave()
    {
        var source = new MarkedSource("""
                private async Task SendAsync(string other)
                {
                    try
                    {

            """);
        for (var i = 0; i < Many; i++)
        {
            source.Append($"            await Http.PostAsJsonAsync(\"api/messages/{i}\", {(i == Many - 1 ? "message" : "other")});\n");
        }

        source.Append("        }\n        catch (HttpRequestException)\n        {\n");
        for (var i = 0; i < Many; i++)
        {
            source.Append("            ").Expect($"Nav.NavigateTo(\"/login?attempt={i}\")", "'message'").Append(";\n");
        }

        source.Append("        }\n    }\n");
        await source.VerifyAsync();
    }

    [Fact]
    public async Task ThousandsOfPairsWithADraftKeptOnOneBranchOfEach_ReportsOnlyTheFirst()
    {
        // The draft stored on one branch of pair k runs before every redirect of the pairs after it.
        var source = new MarkedSource("""
                private async Task SendAsync(bool keep)
                {

            """, "using SessionSafety;\n");
        for (var i = 0; i < Many; i++)
        {
            source.Append($"        var response{i} = await Http.PostAsJsonAsync(\"api/messages/{i}\", message);\n");
            source.Append($"        if (!response{i}.IsSuccessStatusCode) {{ if (keep) {{ await DraftStore.Default.SaveAsync(\"Chat.SendAsync\", message); }} else {{ ");
            if (i == 0)
            {
                source.Expect("Nav.NavigateTo(\"/login\")", "'message'");
            }
            else
            {
                source.Append("Nav.NavigateTo(\"/login\")");
            }

            source.Append("; } }\n");
        }

        source.Append("    }\n");
        await source.VerifyAsync();
    }

    [Fact]
    public async Task ThousandsOfSavesInOneSwitchOnTheStatus_ReportsTheFailureCasesOnly()
    {
        var source = new MarkedSource("""
                private async Task SendAsync(int attempt)
                {
                    var response = await Http.PostAsJsonAsync("api/messages", message);
                    switch ((int)response.StatusCode)
                    {

            """);
        for (var i = 0; i < Many; i++)
        {
            source.Append($"            case {1000 + i}: Nav.NavigateTo(\"/login\"); break;\n");
        }

        source.Append("            case 401: ").Expect("Nav.NavigateTo(\"/login\")", "'message'").Append("; break;\n");
        source.Append("        }\n    }\n");
        await source.VerifyAsync();
    }

    [Fact]
    public async Task LongDraftSaveMethodList_FindsTheListedMethodAndOnlyIt()
    {
        var listed = string.Join("|", Enumerable.Range(0, Many).Select(i => $"MyApp.Drafts{i}.KeepAsync"));
        var test = new Verify.Test
        {
            TestCode = Component("""
                    private async Task SendAsync()
                    {
                        try
                        {
                            await Http.PostAsJsonAsync("api/messages", message);
                        }
                        catch (HttpRequestException) when (message.Length > 10)
                        {
                            await MyApp.Drafts7999.KeepAsync(message);
                            Nav.NavigateTo("/login");
                        }
                        catch (HttpRequestException)
                        {
                            await MyApp.Unlisted.KeepAsync(message);
                            [|Nav.NavigateTo("/login")|];
                        }
                    }
                }

                namespace MyApp
                {
                    public static class Drafts7999
                    {
                        public static Task KeepAsync(string text) => Task.CompletedTask;
                    }

                    public static class Unlisted
                    {
                        public static Task KeepAsync(string text) => Task.CompletedTask;
                    }
                """),
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.draft_save_methods = " + listed) } },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task LongLoginPathList_MatchesAnyListedPath()
    {
        var listed = string.Join("|", Enumerable.Range(0, Many).Select(i => $"portal{i}/enter"));
        var test = new Verify.Test
        {
            TestCode = Component("""
                    private async Task SendAsync()
                    {
                        try
                        {
                            await Http.PostAsJsonAsync("api/messages", message);
                        }
                        catch (HttpRequestException) when (message.Length > 10)
                        {
                            Nav.NavigateTo("/portal7999/leave");
                        }
                        catch (HttpRequestException)
                        {
                            [|Nav.NavigateTo("/portal7999/enter?next=/x")|];
                        }
                    }
                """),
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.login_paths = " + listed) } },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task RazorPageWithHundredsOfSaveAndRedirectButtons_ReportsEach()
    {
        var markup = new StringBuilder("""
            @using System.Net.Http
            @using System.Net.Http.Json
            @using Microsoft.AspNetCore.Components.Web
            @inject HttpClient Http
            @inject NavigationManager Nav

            <textarea @bind="message"></textarea>

            """);
        for (var i = 0; i < 400; i++)
        {
            markup.AppendLine($$"""
                <button @onclick='async () => { var response = await Http.PostAsJsonAsync("api/messages/{{i}}", message); if (!response.IsSuccessStatusCode) { [|Nav.NavigateTo("/login")|]; } }'>Send {{i}}</button>
                """);
        }

        markup.AppendLine("""
            @code {
                private string message = "";
            }
            """);
        var test = new Verify.Test();
        test.TestState.AddRazorFile(("Pages/Buttons.razor", markup.ToString()));
        await test.RunAsync();
    }

    /// <summary>A component's members written piece by piece, with the places (and quoted payloads) the rule must report.</summary>
    private sealed class MarkedSource
    {
        private const string Members = "// members";

        private readonly StringBuilder text;
        private readonly List<(int Start, int Length, string Payload)> expected = new();
        private readonly string head;
        private readonly string tail;

        public MarkedSource(string start, string extraUsings = "")
        {
            var component = Component(Members, extraUsings);
            head = component.Substring(0, component.IndexOf(Members, System.StringComparison.Ordinal));
            tail = component.Substring(head.Length + Members.Length);
            text = new StringBuilder(head).Append(start);
        }

        public MarkedSource Append(string code)
        {
            text.Append(code);
            return this;
        }

        /// <summary>Code the rule must report, naming <paramref name="payload"/> as what is lost.</summary>
        public MarkedSource Expect(string code, string payload)
        {
            expected.Add((text.Length, code.Length, payload));
            text.Append(code);
            return this;
        }

        public async Task VerifyAsync()
        {
            var tree = CSharpSyntaxTree.ParseText(text.ToString() + tail, new CSharpParseOptions(LanguageVersion.Latest), path: "/0/Test0.cs");
            var references = TestReferences.Default.Add(TestReferences.Runtime);
            // Nullable analysis of one method with thousands of locals is most of the compiler's time here, and
            // the rule does not depend on it; the compilation is bound once, for its errors and the rule together.
            var compilation = CSharpCompilation.Create(
                "Large",
                new[] { tree },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
            var diagnostics = await compilation
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SESS002LoginRedirectDiscardsInputAnalyzer()))
                .GetAllDiagnosticsAsync();
            Assert.Empty(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || d.Id == "AD0001"));
            var actual = diagnostics
                .Where(d => d.Id == "SESS002")
                .OrderBy(d => d.Location.SourceSpan.Start)
                .Select(d => (d.Location.SourceSpan.Start, d.Location.SourceSpan.Length, Payload: Payload(d)))
                .ToList();
            Assert.Equal(expected.Count, actual.Count);
            Assert.Equal(expected, actual);
        }

        /// <summary>The quoted payload the message names ("This redirect to the login page discards 'message': …").</summary>
        private static string Payload(Diagnostic diagnostic)
        {
            var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            var start = message.IndexOf('\'');
            return start < 0 ? message : message.Substring(start, message.IndexOf('\'', start + 1) - start + 1);
        }
    }
}
