using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionSafety.Analyzers.Rules.SESS000;
using SessionSafety.Analyzers.Rules.SESS001;
using SessionSafety.Analyzers.Rules.SESS002;
using SessionSafety.Analyzers.Rules.SESS003;

namespace SessionSafety.FloorTests;

/// <summary>
/// The analyzers are built against Microsoft.CodeAnalysis 4.8.0 so that they load in every compiler from
/// the .NET 8 SDK / VS 17.8 up. This project runs them on that very version (no code fixes: those need
/// Workspaces 4.14), so the floor is proven, not assumed. SESS001 judges only saves made for a signed-in
/// user, so its sources are Razor components (<c>ComponentBase</c>, in the ASP.NET Core framework referenced here).
/// </summary>
public sealed class FloorTests
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(path).StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal)
                || Path.GetFileName(path).StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
                || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    [Fact]
    public void RunsOnTheFloorVersionOfRoslyn()
    {
        var version = typeof(CSharpCompilation).Assembly.GetName().Version!;
        Assert.Equal(new Version(4, 8, 0, 0), version);
    }

    [Fact]
    public async Task UnhandledPostAsJson_Reports()
    {
        const string source = """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Components;
            class Compose : ComponentBase
            {
                readonly HttpClient http = new HttpClient();
                async Task SendAsync(string text)
                {
                    var response = await http.PostAsJsonAsync("api/messages", text);
                    response.EnsureSuccessStatusCode();
                }
            }
            """;

        var diagnostics = await AnalyzeAsync(source);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("SESS001", diagnostic.Id);
        Assert.Equal("PostAsJsonAsync", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Fact]
    public async Task SendAsyncWithPostRequest_Reports()
    {
        const string source = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Components;
            class Compose : ComponentBase
            {
                async Task SendAsync(HttpClient http, HttpContent content)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = content };
                    using var response = await http.SendAsync(request);
                    response.EnsureSuccessStatusCode();
                }
            }
            """;

        var diagnostic = Assert.Single(await AnalyzeAsync(source));
        Assert.Equal("SESS001", diagnostic.Id);
    }

    /// <summary>The same save in a plain class of a server project is out of SESS001's scope: the scope decision runs on 4.8.0 too.</summary>
    [Fact]
    public async Task UnhandledPostAsJsonOutsideAComponent_DoesNotReport()
    {
        const string source = """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            class Compose
            {
                readonly HttpClient http = new HttpClient();
                async Task SendAsync(string text)
                {
                    var response = await http.PostAsJsonAsync("api/messages", text);
                    response.EnsureSuccessStatusCode();
                }
            }
            """;

        Assert.Empty(await AnalyzeAsync(source));
    }

    [Theory]
    [InlineData("""
        var response = await http.PutAsJsonAsync("api/drafts", text);
        if (response.StatusCode == HttpStatusCode.Unauthorized) { Keep(text); }
        """)]
    [InlineData("""
        var response = await http.PatchAsync("api/drafts", new StringContent(text));
        switch (response.StatusCode) { case HttpStatusCode.Forbidden: Keep(text); break; }
        """)]
    [InlineData("""
        var items = await http.GetFromJsonAsync<string[]>("api/items");
        """)]
    [InlineData("""
        await Forward(http.PostAsJsonAsync("api/messages", text));
        """)]
    public async Task HandledOrNotASave_DoesNotReport(string body)
    {
        var source = $$"""
            using System.Net;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Components;
            class Compose : ComponentBase
            {
                async Task SendAsync(HttpClient http, string text)
                {
                    {{body}}
                }

                static void Keep(string text) { }

                // A helper of the compilation that tests the response it is given handles the save (rule 3).
                static async Task Forward(Task<HttpResponseMessage> pending)
                {
                    var response = await pending;
                    if (response.StatusCode == HttpStatusCode.Unauthorized) { Keep(""); }
                }
            }
            """;

        Assert.Empty(await AnalyzeAsync(source));
    }

    /// <summary>SESS004 decides at compilation end, from facts collected over the members: on Roslyn 4.8.0 too.</summary>
    [Fact]
    public async Task CookieSchemeRedirectingAScriptSave_ReportsSess004()
    {
        var source = """
            using Microsoft.AspNetCore.Authentication.Cookies;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            public sealed record Note(string Text);

            [Authorize]
            public sealed class NotesController : Controller
            {
                [HttpPost]
                public IActionResult Save([FromBody] Note note) => Ok();
            }

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
            }
            """;

        var diagnostic = Assert.Single(await AnalyzeAsync(source));

        Assert.Equal("SESS004", diagnostic.Id);
        Assert.Equal("AddCookie", diagnostic.Location.SourceTree!.ToString().Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    /// <summary>Every analyzer of the package, run on Roslyn 4.8.0: none may throw.</summary>
    private static async Task<IReadOnlyList<Diagnostic>> AnalyzeAsync(string source)
    {
        var compilation = CSharpCompilation.Create(
            "Floor",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview), path: "/0/Test0.cs") },
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));

        var analyzers = typeof(SESS001SaveWithoutSessionHandlingAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        Assert.NotEmpty(analyzers);

        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, _, _) => { lock (exceptions) { exceptions.Add(exception); } },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics.Where(d => d.Id.StartsWith("SESS", StringComparison.Ordinal) && d.Id != "SESS000").ToList();
    }
}
