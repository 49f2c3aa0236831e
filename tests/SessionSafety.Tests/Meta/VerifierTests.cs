using System;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SessionSafety.Tests.Verifiers;
using Verify = SessionSafety.Tests.Verifiers.CSharpCodeFixVerifier<SessionSafety.Tests.Meta.Literal42Analyzer, SessionSafety.Tests.Meta.Use43Fix>;

namespace SessionSafety.Tests.Meta;

/// <summary>
/// The verifier's own tests: it passes on correct cases and fails on each kind of mistake it exists
/// to catch. Small test-only analyzers and fixes (VerifierTestTypes.cs) stand in for the rules.
/// </summary>
public sealed class VerifierTests
{
    private const string Source = """
        class C
        {
            int M() => [|42|];
        }
        """;

    private const string Fixed = """
        class C
        {
            int M() => 43;
        }
        """;

    private const string TwoLiterals = """
        class C
        {
            int M() => [|42|];
            int N() => [|42|] + 1;
        }
        """;

    private const string TwoLiteralsFixed = """
        class C
        {
            int M() => 43;
            int N() => 43 + 1;
        }
        """;

    // ------------------------------------------------------------ analyzer

    [Fact]
    public async Task CorrectMarkup_Passes() => await Verify.VerifyAnalyzerAsync(Source);

    [Fact]
    public async Task NoDiagnosticExpectedAndNoneReported_Passes() =>
        await Verify.VerifyAnalyzerAsync("class C { int M() => 41; }");

    [Fact]
    public async Task WrongSpan_Fails() =>
        await Assert.ThrowsAnyAsync<VerificationException>(() => Verify.VerifyAnalyzerAsync("class C { [|int|] M() => 42; }"));

    [Fact]
    public async Task MissingDiagnostic_Fails() =>
        await Assert.ThrowsAnyAsync<VerificationException>(() => Verify.VerifyAnalyzerAsync("class C { int M() => [|41|]; }"));

    [Fact]
    public async Task ExtraDiagnostic_Fails()
    {
        var exception = await Assert.ThrowsAnyAsync<VerificationException>(() => Verify.VerifyAnalyzerAsync("class C { int M() => [|42|] + 42; }"));
        Assert.Contains("UNEXPECTED TEST0042", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExplicitIdMarkup_Passes() =>
        await Verify.VerifyAnalyzerAsync("class C { int M() => {|TEST0042:42|}; }");

    [Fact]
    public async Task WrongIdMarkup_Fails() =>
        await Assert.ThrowsAnyAsync<VerificationException>(() => Verify.VerifyAnalyzerAsync("class C { int M() => {|TEST9999:42|}; }"));

    [Fact]
    public async Task RightArguments_Pass() =>
        await Verify.VerifyAnalyzerAsync("class C { int M() => {|#0:42|}; }", Verify.Diagnostic().WithLocation(0).WithArguments("42"));

    [Fact]
    public async Task WrongArguments_Fail() =>
        await Assert.ThrowsAnyAsync<VerificationException>(() =>
            Verify.VerifyAnalyzerAsync("class C { int M() => {|#0:42|}; }", Verify.Diagnostic().WithLocation(0).WithArguments("43")));

    [Fact]
    public async Task WrongMessage_Fails() =>
        await Assert.ThrowsAnyAsync<VerificationException>(() =>
            Verify.VerifyAnalyzerAsync("class C { int M() => {|#0:42|}; }", Verify.Diagnostic().WithLocation(0).WithMessage("something else")));

    [Fact]
    public async Task MessageAndSeverity_Pass() =>
        await Verify.VerifyAnalyzerAsync(
            "class C { int M() => {|#0:42|}; }",
            Verify.Diagnostic().WithLocation(0).WithMessage("The literal '42' is the answer").WithSeverity(DiagnosticSeverity.Warning));

    [Fact]
    public async Task AnalyzerException_Fails()
    {
        var exception = await Assert.ThrowsAnyAsync<VerificationException>(() =>
            CSharpAnalyzerVerifier<ThrowingAnalyzer>.VerifyAnalyzerAsync("class C { int M() => 42; }"));
        Assert.Contains("the analyzer broke on purpose", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("class C { int M() => [|42; }")]
    [InlineData("class C { int M() => 42|]; }")]
    [InlineData("class C { int M() => [|42|}; }")]
    [InlineData("class C { int M() => {|TEST0042:42|]; }")]
    [InlineData("class C { int M() => {|:42|}; }")]
    public async Task UnbalancedMarkup_Throws(string source) =>
        await Assert.ThrowsAnyAsync<MarkupException>(() => Verify.VerifyAnalyzerAsync(source));

    [Fact]
    public void NestedAndAdjacentMarkup_AreRead()
    {
        var marked = Markup.Parse("a[|b{|#0:c|}|][|d|]e");
        Assert.Equal("abcde", marked.Text);
        Assert.Collection(
            marked.Spans,
            s => Assert.Equal((1, 3, null, (int?)null), (s.Span.Start, s.Span.End, s.Id, s.Marker)),
            s => Assert.Equal((2, 3, null, (int?)0), (s.Span.Start, s.Span.End, s.Id, s.Marker)),
            s => Assert.Equal((3, 4, null, (int?)null), (s.Span.Start, s.Span.End, s.Id, s.Marker)));
    }

    [Fact]
    public async Task UnusedLocationMarker_Throws() =>
        await Assert.ThrowsAnyAsync<MarkupException>(() => Verify.VerifyAnalyzerAsync("class C { int M() => {|#0:42|}; }"));

    [Fact]
    public async Task InputThatDoesNotCompile_Fails() =>
        await Assert.ThrowsAnyAsync<VerificationException>(() => Verify.VerifyAnalyzerAsync("class C { int M() => [|42|] }"));

    [Fact]
    public async Task InputThatDoesNotCompile_PassesWhenAllowed() =>
        await new Verify.Test { TestCode = "class C { int M() => [|42|] }", CompilerDiagnostics = CompilerDiagnostics.None }.RunAsync();

    [Fact]
    public async Task FailureMessage_DrawsDiagnosticUnderItsLine()
    {
        var exception = await Assert.ThrowsAnyAsync<VerificationException>(() => Verify.VerifyAnalyzerAsync("""
            class C
            {
                int M() => 42;
            }
            """));
        Assert.Contains("3 |     int M() => 42;", exception.Message, StringComparison.Ordinal);
        Assert.Contains("|                ^^ UNEXPECTED TEST0042 warning: The literal '42' is the answer", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AspNetCoreBlazorAndRuntimeTypes_Compile() =>
        await Verify.VerifyAnalyzerAsync("""
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authentication.Cookies;
            using Microsoft.AspNetCore.Components;
            using Microsoft.AspNetCore.Components.WebAssembly.Authentication;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class Editor : ComponentBase
            {
                [Inject] public HttpClient Http { get; set; } = default!;
                [Inject] public NavigationManager Navigation { get; set; } = default!;

                private async Task SaveAsync(string text)
                {
                    try
                    {
                        (await Http.PostAsJsonAsync("api/notes", text)).EnsureSuccessStatusCode();
                    }
                    catch (AccessTokenNotAvailableException e)
                    {
                        e.Redirect();
                    }

                    SessionSafety.DraftGuard guard = SessionSafety.DraftGuard.Default;
                }
            }

            public sealed class NotesController : Controller
            {
                [HttpPost]
                public IActionResult Save(string text) => RedirectToAction("Login");
            }

            public static class Startup
            {
                public static void Configure(IServiceCollection services) =>
                    services.AddAuthentication().AddCookie(o => o.ExpireTimeSpan = System.TimeSpan.FromMinutes([|42|]));
            }
            """);

    [Fact]
    public async Task RuntimeTypes_DoNotCompileWithoutTheRuntime() =>
        await Assert.ThrowsAnyAsync<VerificationException>(() =>
            new Verify.Test { TestCode = "class C { SessionSafety.DraftGuard? Guard; }", IncludeRuntime = false }.RunAsync());

    [Fact]
    public async Task InputWithWarning_FailsWhenWarningsAreNotAllowed()
    {
        const string withWarning = "class C { int M() { int unused; return [|42|]; } }";
        await new Verify.Test { TestCode = withWarning }.RunAsync();
        await Assert.ThrowsAnyAsync<VerificationException>(() =>
            new Verify.Test { TestCode = withWarning, CompilerDiagnostics = CompilerDiagnostics.Warnings }.RunAsync());
    }

    [Fact]
    public async Task UnnamedMarkup_IgnoresSESS000() =>
        await CSharpAnalyzerVerifier<RuleWithInvalidOptionAnalyzer>.VerifyAnalyzerAsync(Source);

    [Fact]
    public async Task UnnamedMarkup_WithSeveralRules_Throws() =>
        await Assert.ThrowsAnyAsync<MarkupException>(() => CSharpAnalyzerVerifier<TwoRulesAnalyzer>.VerifyAnalyzerAsync(Source));

    [Fact]
    public async Task NamedMarkup_WithSeveralRules_Passes() =>
        await CSharpAnalyzerVerifier<TwoRulesAnalyzer>.VerifyAnalyzerAsync("class C { int M() => {|TEST0042:42|}; }");

    // ------------------------------------------------------------ options

    [Fact]
    public async Task EditorConfigSeverityNone_Silences() =>
        await new Verify.Test { TestCode = "class C { int M() => 42; }", EditorConfig = "dotnet_diagnostic.TEST0042.severity = none" }.RunAsync();

    [Fact]
    public async Task EditorConfigSeverityNone_FailsWhenMarkupExpectsTheDiagnostic() =>
        await Assert.ThrowsAnyAsync<VerificationException>(() =>
            new Verify.Test { TestCode = Source, EditorConfig = "dotnet_diagnostic.TEST0042.severity = none" }.RunAsync());

    [Fact]
    public async Task EditorConfigSeverityError_ChangesSeverity()
    {
        var test = new Verify.Test { TestCode = "class C { int M() => {|#0:42|}; }", EditorConfig = "dotnet_diagnostic.TEST0042.severity = error" };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic().WithLocation(0).WithSeverity(DiagnosticSeverity.Error));
        await test.RunAsync();

        var wrong = new Verify.Test { TestCode = "class C { int M() => {|#0:42|}; }", EditorConfig = "dotnet_diagnostic.TEST0042.severity = error" };
        wrong.ExpectedDiagnostics.Add(Verify.Diagnostic().WithLocation(0).WithSeverity(DiagnosticSeverity.Warning));
        await Assert.ThrowsAnyAsync<VerificationException>(() => wrong.RunAsync());
    }

    [Fact]
    public async Task EditorConfigOption_ReachesTheAnalyzer() =>
        await new Verify.Test { TestCode = "class C { int M() => 42; }", EditorConfig = "verifier_test.skip = true" }.RunAsync();

    [Fact]
    public async Task EditorConfigRawSection_AppliesOnlyToItsFiles()
    {
        var test = new Verify.Test
        {
            TestCode = "class C { int M() => [|42|]; }",
            EditorConfig = """
                [Other.cs]
                verifier_test.skip = true
                """,
        };
        test.AdditionalSources.Add(("Other.cs", "class D { int M() => 42; }"));
        await test.RunAsync();
    }

    [Fact]
    public async Task GlobalConfigSeverityNone_Silences() =>
        await new Verify.Test { TestCode = "class C { int M() => 42; }", GlobalConfig = "dotnet_diagnostic.TEST0042.severity = none" }.RunAsync();

    private const string FlagSource = """
        public static class Helpers
        {
            public static void Run() => [|Flag()|];

            public static void Flag() { }
        }
        """;

    [Fact]
    public async Task TestProject_IsSkippedUnlessIncludeTests()
    {
        // xunit among the references makes the compilation a test project, which SourceScope skips.
        var skipped = new CSharpAnalyzerVerifier<FlagCallAnalyzer>.Test { TestCode = FlagSource.Replace("[|Flag()|]", "Flag()", StringComparison.Ordinal) };
        skipped.AdditionalReferences.Add(typeof(FactAttribute).Assembly.Location);
        await skipped.RunAsync();

        var included = new CSharpAnalyzerVerifier<FlagCallAnalyzer>.Test { TestCode = FlagSource, EditorConfig = "session_safety.include_tests = true" };
        included.AdditionalReferences.Add(typeof(FactAttribute).Assembly.Location);
        await included.RunAsync();
    }

    // ------------------------------------------------------------ generated code and pragma

    [Fact]
    public async Task AnalyzerThatReportsInGeneratedCode_Fails()
    {
        var exception = await Assert.ThrowsAnyAsync<VerificationException>(() =>
            CSharpAnalyzerVerifier<Literal42InGeneratedCodeAnalyzer>.VerifyAnalyzerAsync(Source));
        Assert.Contains("generated", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyzerThatReportsInGeneratedCode_PassesWhenCheckSkipped() =>
        await new CSharpAnalyzerVerifier<Literal42InGeneratedCodeAnalyzer>.Test { TestCode = Source, TestBehaviors = TestBehaviors.SkipGeneratedCodeCheck }.RunAsync();

    [Fact]
    public async Task DiagnosticThatEscapesPragma_Fails()
    {
        var exception = await Assert.ThrowsAnyAsync<VerificationException>(() =>
            CSharpAnalyzerVerifier<FileStartAnalyzer>.VerifyAnalyzerAsync("[||]class C { }"));
        Assert.Contains("#pragma warning disable TEST0042", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiagnosticThatEscapesPragma_PassesWhenCheckSkipped() =>
        await new CSharpAnalyzerVerifier<FileStartAnalyzer>.Test { TestCode = "[||]class C { }", TestBehaviors = TestBehaviors.SkipSuppressionCheck }.RunAsync();

    // ------------------------------------------------------------ code fixes

    [Fact]
    public async Task CorrectFix_Passes() => await Verify.VerifyCodeFixAsync(Source, Fixed);

    [Fact]
    public async Task CorrectFixOfSeveralDiagnostics_PassesOneByOneAndFixAll() =>
        await Verify.VerifyCodeFixAsync(TwoLiterals, TwoLiteralsFixed);

    [Fact]
    public async Task FixAcrossDocuments_Passes()
    {
        var test = new Verify.Test { TestCode = TwoLiterals, FixedCode = TwoLiteralsFixed };
        test.AdditionalSources.Add(("Other.cs", "class D { int M() => [|42|]; }"));
        test.FixedAdditionalSources.Add(("Other.cs", "class D { int M() => 43; }"));
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAcrossDocuments_FailsWhenAnotherDocumentIsNotAsExpected()
    {
        var test = new Verify.Test { TestCode = TwoLiterals, FixedCode = TwoLiteralsFixed };
        test.AdditionalSources.Add(("Other.cs", "class D { int M() => [|42|]; }"));
        await Assert.ThrowsAnyAsync<VerificationException>(() => test.RunAsync());
    }

    [Fact]
    public async Task WrongFixedText_Fails()
    {
        var exception = await Assert.ThrowsAnyAsync<VerificationException>(() => Verify.VerifyCodeFixAsync(Source, Fixed.Replace("43", "44", StringComparison.Ordinal)));
        Assert.Contains("+     int M() => 43;", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FixedText_IgnoresLineEndings() =>
        await Verify.VerifyCodeFixAsync(Source.Replace("\n", "\r\n", StringComparison.Ordinal), Fixed.Replace("\r\n", "\n", StringComparison.Ordinal));

    [Fact]
    public async Task FixThatDoesNotCompile_Fails()
    {
        var exception = await Assert.ThrowsAnyAsync<VerificationException>(() =>
            CSharpCodeFixVerifier<Literal42Analyzer, BrokenFix>.VerifyCodeFixAsync(Source, Fixed.Replace("43", "undefinedName", StringComparison.Ordinal)));
        Assert.Contains("CS0103", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FixThatChangesNothing_Fails()
    {
        var exception = await Assert.ThrowsAnyAsync<VerificationException>(() =>
            CSharpCodeFixVerifier<Literal42Analyzer, NoOpFix>.VerifyCodeFixAsync(Source, Fixed));
        Assert.Contains("left the document unchanged", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FixAllMismatchWithBatchFixedCode_Fails() =>
        await Assert.ThrowsAnyAsync<VerificationException>(() =>
            new Verify.Test { TestCode = TwoLiterals, FixedCode = TwoLiteralsFixed, BatchFixedCode = TwoLiteralsFixed.Replace("43 + 1", "44 + 1", StringComparison.Ordinal) }.RunAsync());

    [Fact]
    public async Task FixAllThatDiffersFromOneByOne_Fails()
    {
        var exception = await Assert.ThrowsAnyAsync<VerificationException>(() =>
            CSharpCodeFixVerifier<Literal42Analyzer, InconsistentFixAllFix>.VerifyCodeFixAsync(TwoLiterals, TwoLiteralsFixed));
        Assert.Contains("Fix All", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FixAllWithoutEquivalenceKey_Fails()
    {
        var exception = await Assert.ThrowsAnyAsync<VerificationException>(() =>
            CSharpCodeFixVerifier<Literal42Analyzer, KeylessFix>.VerifyCodeFixAsync(TwoLiterals, TwoLiteralsFixed));
        Assert.Contains("equivalence key", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralActionsWithoutKey_Fail() =>
        await Assert.ThrowsAnyAsync<VerificationException>(() =>
            CSharpCodeFixVerifier<Literal42Analyzer, TwoActionsFix>.VerifyCodeFixAsync(Source, Fixed));

    [Fact]
    public async Task SeveralActions_KeyChoosesOne() =>
        await new CSharpCodeFixVerifier<Literal42Analyzer, TwoActionsFix>.Test
        {
            TestCode = Source,
            FixedCode = Fixed.Replace("43", "44", StringComparison.Ordinal),
            CodeActionEquivalenceKey = "Use44",
        }.RunAsync();

    [Fact]
    public async Task NestedActions_KeyChoosesOne() =>
        await new CSharpCodeFixVerifier<Literal42Analyzer, NestedActionsFix>.Test
        {
            TestCode = TwoLiterals,
            FixedCode = TwoLiteralsFixed,
            CodeActionEquivalenceKey = "Use43",
        }.RunAsync();

    [Fact]
    public async Task NoCodeFix_PassesWithoutRuntime() =>
        await new CSharpCodeFixVerifier<Literal42Analyzer, RuntimeOnlyFix>.Test { TestCode = Source, FixedCode = Source, IncludeRuntime = false }.RunAsync();

    [Fact]
    public async Task NoCodeFix_FailsWhenAFixIsOffered() =>
        await Assert.ThrowsAnyAsync<VerificationException>(() => CSharpCodeFixVerifier<Literal42Analyzer, RuntimeOnlyFix>.NoCodeFixAsync(Source));

    [Fact]
    public async Task DiagnosticExpectedInFixedCodeButAbsent_Fails() =>
        await Assert.ThrowsAnyAsync<VerificationException>(() => Verify.VerifyCodeFixAsync(Source, Fixed.Replace("43", "[|43|]", StringComparison.Ordinal)));

    // ------------------------------------------------------------ Razor

    private const string SaveComponent = """
        @page "/save"
        @using Microsoft.AspNetCore.Components.Forms
        <h3>Save</h3>
        <EditForm Model="this" OnValidSubmit="Submit">
            <InputText @bind-Value="Text" />
        </EditForm>
        @code {
            public string? Text { get; set; }

            private void Submit() => [|Flag()|];

            private static void Flag() { }
        }
        """;

    [Fact]
    public async Task Razor_DiagnosticMapsToTheRazorLine()
    {
        var test = new CSharpAnalyzerVerifier<FlagCallAnalyzer>.Test();
        test.RazorSources.Add(("Pages/Save.razor", SaveComponent));
        await test.RunAsync();
    }

    [Fact]
    public async Task Razor_WrongLine_Fails()
    {
        var test = new CSharpAnalyzerVerifier<FlagCallAnalyzer>.Test();
        test.RazorSources.Add(("Pages/Save.razor", SaveComponent
            .Replace("[|Flag()|]", "Flag()", StringComparison.Ordinal)
            .Replace("private static void Flag() { }", "[|private static void Flag() { }|]", StringComparison.Ordinal)));
        var exception = await Assert.ThrowsAnyAsync<VerificationException>(() => test.RunAsync());
        Assert.Contains("/0/Pages/Save.razor", exception.Message, StringComparison.Ordinal);
        Assert.Contains("10 |     private void Submit() => Flag();", exception.Message, StringComparison.Ordinal);
        Assert.Contains("|                              ^^^^^^ UNEXPECTED TEST0001", exception.Message, StringComparison.Ordinal);
        Assert.Contains("MISSING (expected) TEST0001", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Razor_MissingMarkup_Fails()
    {
        var test = new CSharpAnalyzerVerifier<FlagCallAnalyzer>.Test();
        test.RazorSources.Add(("Pages/Save.razor", SaveComponent.Replace("[|Flag()|]", "Flag()", StringComparison.Ordinal)));
        await Assert.ThrowsAnyAsync<VerificationException>(() => test.RunAsync());
    }

    [Fact]
    public async Task Razor_WithCSharpSources_ChecksBothAndSkipsOnlyCSharpInTheGeneratedRun()
    {
        var test = new CSharpAnalyzerVerifier<FlagCallAnalyzer>.Test { TestCode = FlagSource };
        test.RazorSources.Add(("Pages/Save.razor", SaveComponent));
        await test.RunAsync();
    }

    [Fact]
    public async Task Razor_ComponentThatDoesNotCompile_Fails()
    {
        var test = new CSharpAnalyzerVerifier<FlagCallAnalyzer>.Test();
        test.RazorSources.Add(("Pages/Broken.razor", "@code { private void M() => Missing(); }"));
        var exception = await Assert.ThrowsAnyAsync<VerificationException>(() => test.RunAsync());
        Assert.Contains("CS0103", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Razor_EditorConfigRazorSection_ReachesTheAnalyzerThroughTheRazorFile()
    {
        var test = new CSharpAnalyzerVerifier<FlagCallAnalyzer>.Test
        {
            EditorConfig = """
                [*.razor]
                verifier_test.skip = true
                """,
        };
        test.RazorSources.Add(("Pages/Save.razor", SaveComponent.Replace("[|Flag()|]", "Flag()", StringComparison.Ordinal)));
        await test.RunAsync();
    }

    [Fact]
    public async Task Razor_GlobalConfigSeverityNone_Silences()
    {
        var test = new CSharpAnalyzerVerifier<FlagCallAnalyzer>.Test { GlobalConfig = "dotnet_diagnostic.TEST0001.severity = none" };
        test.RazorSources.Add(("Pages/Save.razor", SaveComponent));
        await Assert.ThrowsAnyAsync<VerificationException>(() => test.RunAsync());

        var silenced = new CSharpAnalyzerVerifier<FlagCallAnalyzer>.Test { GlobalConfig = "dotnet_diagnostic.TEST0001.severity = none" };
        silenced.RazorSources.Add(("Pages/Save.razor", SaveComponent.Replace("[|Flag()|]", "Flag()", StringComparison.Ordinal)));
        await silenced.RunAsync();
    }

    [Fact]
    public async Task Razor_FixInCSharpSourceOfARazorProject_Passes()
    {
        var test = new Verify.Test { TestCode = Source, FixedCode = Fixed };
        test.RazorSources.Add(("Pages/Answer.razor", "<p>@(new C().ToString())</p>\n@code { private int value = 42; }"));
        await test.RunAsync();
    }
}
