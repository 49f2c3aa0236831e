using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SessionSafety.Analyzers.Options;
using SessionSafety.Tests.Verifiers;

using Verify = SessionSafety.Tests.Verifiers.CSharpAnalyzerVerifier<
    SessionSafety.Analyzers.Rules.SESS000.SESS000OptionsAnalyzer>;

namespace SessionSafety.Tests.Analyzers.SESS000;

// The runtime has a SessionSafety.SessionSafetyOptions too; these tests mean the analyzers' option definitions.
using SessionSafetyOptions = SessionSafety.Analyzers.Options.SessionSafetyOptions;

public sealed class SESS000OptionsAnalyzerTests
{
    private const string Source = """
        {|#0:|}class C
        {
        }
        """;

    private const string File = "/0/Test0.cs";

    [Theory]
    [InlineData("session_safety.min_idle_lifetime", "soon")]
    [InlineData("session_safety.min_idle_lifetime", "0")]
    [InlineData("session_safety.min_idle_lifetime", "-01:00:00")]
    [InlineData("session_safety.min_idle_lifetime", "1 hour")]
    [InlineData("session_safety.min_absolute_lifetime", "seven days")]
    [InlineData("session_safety.min_absolute_lifetime", "00:00:00")]
    [InlineData("session_safety.include_tests", "yes")]
    [InlineData("session_safety.include_tests", "1")]
    [InlineData("session_safety.login_paths", "|")]
    [InlineData("session_safety.session_cookie_names", ",|")]
    [InlineData("session_safety.session_handlers", "not a type")]
    [InlineData("session_safety.session_handlers", "Handler")]
    [InlineData("session_safety.draft_save_methods", "My.App.Drafts.Save()")]
    [InlineData("session_safety.draft_save_methods", "My..Save")]
    [InlineData("session_safety.save_scope", "everything")]
    [InlineData("session_safety.save_scope", "user|all")]
    public async Task UnreadableValue_Reports(string key, string value)
    {
        var option = Find(key);
        var test = new Verify.Test
        {
            TestCode = Source,
            ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments(value, key, File, option.Expected, option.DefaultText) },
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig($"{key} = {value}") } },
        };
        await test.RunAsync();
    }

    [Theory]
    [InlineData("session_safety.login_paths")]
    [InlineData("session_safety.session_cookie_names")]
    [InlineData("session_safety.session_handlers")]
    [InlineData("session_safety.draft_save_methods")]
    [InlineData("session_safety.min_idle_lifetime")]
    public async Task EmptyValue_Reports(string key)
    {
        var option = Find(key);
        var test = new Verify.Test
        {
            TestCode = Source,
            ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments(string.Empty, key, File, option.Expected, option.DefaultText) },
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig(key + " =") } },
        };
        await test.RunAsync();
    }

    [Theory]
    [InlineData("session_safety.min_idle_lifetime", "00:30:00")]
    [InlineData("session_safety.min_idle_lifetime", "2:00:00")]
    [InlineData("session_safety.min_absolute_lifetime", "7.00:00:00")]
    [InlineData("session_safety.min_absolute_lifetime", "400.00:00:00")]
    [InlineData("session_safety.include_tests", "true")]
    [InlineData("session_safety.include_tests", "False")]
    [InlineData("session_safety.login_paths", "login|account/sign-in")]
    [InlineData("session_safety.session_cookie_names", "session, sid | cart")]
    [InlineData("session_safety.session_handlers", "My.App.Http.RefreshTokenHandler|global::Other.Handler")]
    [InlineData("session_safety.save_scope", "user")]
    [InlineData("session_safety.save_scope", "All")]
    [InlineData("session_safety.session_handlers", "My.App.Generic`1")]
    [InlineData("session_safety.draft_save_methods", "My.App.Drafts.Save")]
    [InlineData("session_safety.unknown_option", "anything")]
    [InlineData("dotnet_diagnostic.SESS003.severity", "warning")]
    public async Task ReadableValue_DoesNotReport(string key, string value)
    {
        var test = new Verify.Test {
            TestCode = "class C { }",
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig($"{key} = {value}") } },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task NoOptions_DoesNotReport() => await Verify.VerifyAnalyzerAsync("class C { }");

    [Fact]
    public async Task TwoBadOptionsOncePerOption_Reports()
    {
        var test = new Verify.Test
        {
            TestCode = Source,
            ExpectedDiagnostics =
            {
                // In the order the options are declared (SessionSafetyOptions.All).
                Verify.Diagnostic().WithLocation(0).WithArguments("soon", "session_safety.min_idle_lifetime", File, Find("session_safety.min_idle_lifetime").Expected, "01:00:00"),
                Verify.Diagnostic().WithLocation(0).WithArguments("later", "session_safety.min_absolute_lifetime", File, Find("session_safety.min_absolute_lifetime").Expected, "7.00:00:00"),
            },
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("""
                session_safety.min_idle_lifetime = soon
                session_safety.min_absolute_lifetime = later
                session_safety.login_paths = login
                """) } },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task BadOptionForTwoFilesOncePerFile_Reports()
    {
        var test = new Verify.Test
        {
            TestCode = """
                [||]class A
                {
                    void M() { }
                    void N() { }
                }
                """,
            TestState = { Sources = { ("/0/B.cs", "[||]class B { }") }, AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.session_cookie_names = ,") } },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task BadOptionInOneSectionOnlyForItsFiles_Reports()
    {
        var test = new Verify.Test
        {
            TestCode = "[||]class A { }",
            TestState = { Sources = { ("/0/Other/B.cs", "class B { }") }, AnalyzerConfigFiles = { TestProject.EditorConfig("""
                [Test0.cs]
                session_safety.include_tests = maybe

                [Other/*.cs]
                session_safety.include_tests = true
                """) } },
        };
        await test.RunAsync();
    }

    /// <summary>Validity is remembered per option and text: "true" is valid for one option and not for the next.</summary>
    [Fact]
    public async Task SameTextForTwoOptions_JudgedPerOption()
    {
        var test = new Verify.Test
        {
            TestCode = Source,
            ExpectedDiagnostics =
            {
                Verify.Diagnostic().WithLocation(0).WithArguments("true", "session_safety.min_idle_lifetime", File, Find("session_safety.min_idle_lifetime").Expected, "01:00:00"),
            },
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("""
                session_safety.include_tests = true
                session_safety.min_idle_lifetime = true
                """) } },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task BadOptionInGlobalConfig_Reports()
    {
        var test = new Verify.Test
        {
            TestCode = Source,
            ExpectedDiagnostics =
            {
                Verify.Diagnostic().WithLocation(0).WithArguments("7 days", "session_safety.min_absolute_lifetime", File, Find("session_safety.min_absolute_lifetime").Expected, "7.00:00:00"),
            },
            TestState = { AnalyzerConfigFiles = { TestProject.GlobalConfig("session_safety.min_absolute_lifetime = 7 days") } },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task FileWithHeaderAndUsingsAtTheFirstToken_Reports()
    {
        var test = new Verify.Test
        {
            TestCode = """
                // Copyright header
                [||]using System;

                class C
                {
                    TimeSpan Value => TimeSpan.Zero;
                }
                """,
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.min_idle_lifetime = soon") } },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task SeverityNone_DoesNotReport()
    {
        var test = new Verify.Test
        {
            TestCode = "class C { }",
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("""
                session_safety.min_idle_lifetime = soon
                dotnet_diagnostic.SESS000.severity = none
                """) } },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task TestProjectWithItsCodeIncluded_Reports()
    {
        // A bad include_tests is exactly what a test project gets wrong.
        var test = new Verify.Test
        {
            TestCode = "[||]class C { }",
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.include_tests = yes") } },
        };
        test.TestState.AdditionalReferences.Add(typeof(FactAttribute).Assembly.Location);
        await test.RunAsync();
    }

    [Fact]
    public async Task BadOptionForRazorFileOnTheRazorFileOnly_Reports()
    {
        var test = new Verify.Test
        {
            TestCode = "class C { }",
            ExpectedDiagnostics =
            {
                Verify.Diagnostic().WithLocation(0).WithArguments("soon", "session_safety.min_idle_lifetime", "/0/Pages/Edit.razor", Find("session_safety.min_idle_lifetime").Expected, "01:00:00"),
            },
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("""
                [*.razor]
                session_safety.min_idle_lifetime = soon
                """) } },
        };
        test.TestState.AddRazorFile(("Pages/Edit.razor", """
            {|#0:|}<p>@text</p>

            @code {
                private string text = "";
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task BadOptionForCSharpFilesOnRazorFile_DoesNotReport()
    {
        var test = new Verify.Test
        {
            TestCode = "[||]class C { }",
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.login_paths = ,") } },
        };
        test.TestState.AddRazorFile(("Pages/Edit.razor", """
            <p>@text</p>

            @code {
                private string text = "";
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task EveryOption_IsChecked()
    {
        // One bad value per declared option: each one is reported, none is missed.
        var test = new Verify.Test {
            TestCode = Source,
        };
        var lines = new System.Text.StringBuilder();
        foreach (var option in SessionSafetyOptions.All)
        {
            lines.AppendLine(option.Key + " = ,");
            test.ExpectedDiagnostics.Add(Verify.Diagnostic().WithLocation(0).WithArguments(",", option.Key, File, option.Expected, option.DefaultText));
        }

        test.TestState.AnalyzerConfigFiles.Add(TestProject.EditorConfig(lines.ToString()));
        await test.RunAsync();
    }

    private static IOptionDefinition Find(string key)
    {
        foreach (var option in SessionSafetyOptions.All)
        {
            if (option.Key == key)
            {
                return option;
            }
        }

        throw new System.ArgumentException("No option " + key, nameof(key));
    }
}
