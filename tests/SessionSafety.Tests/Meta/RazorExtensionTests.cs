using System;
using System.Threading.Tasks;
using SessionSafety.Tests.Verifiers;
using Verify = SessionSafety.Tests.Verifiers.CSharpAnalyzerVerifier<
    SessionSafety.Analyzers.Rules.SESS001.SESS001SaveWithoutSessionHandlingAnalyzer>;

namespace SessionSafety.Tests.Meta;

/// <summary>The one extension the official library lacks: Razor output compiled by the SDK's generator, compared where it maps.</summary>
public sealed class RazorExtensionTests
{
    private const string Component = """
        @using System.Net.Http
        @using System.Net.Http.Json
        @inject HttpClient Http

        <button @onclick="SaveAsync">Save</button>

        @code {
            private async Task SaveAsync()
            {
                var response = await Http.[|PostAsJsonAsync|]("api/notes", "text");
                response.EnsureSuccessStatusCode();
            }
        }
        """;

    [Fact]
    public async Task DiagnosticInRazorOutput_IsComparedAtTheRazorLine()
    {
        var test = new Verify.Test();
        test.TestState.AddRazorFile(("Pages/Notes.razor", Component));
        await test.RunAsync();
    }

    [Fact]
    public async Task DiagnosticExpectedOnAnotherRazorLine_Fails()
    {
        var test = new Verify.Test();
        test.TestState.AddRazorFile(("Pages/Notes.razor", Component
            .Replace("[|PostAsJsonAsync|]", "PostAsJsonAsync")
            .Replace("response.EnsureSuccessStatusCode();", "[|response|].EnsureSuccessStatusCode();")));

        await Assert.ThrowsAsync<InvalidOperationException>(() => test.RunAsync());
    }
}
