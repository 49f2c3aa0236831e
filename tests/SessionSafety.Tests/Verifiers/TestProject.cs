using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace SessionSafety.Tests.Verifiers;

/// <summary>The project every test compiles: the local references (<see cref="TestReferences"/>), C# latest, nullable on.</summary>
internal static class TestProject
{
    public static void Configure(AnalyzerTest<DefaultVerifier> test)
    {
        test.ReferenceAssemblies = TestReferences.None;
        test.TestState.AdditionalReferences.AddRange(TestReferences.Default);
        test.TestState.AdditionalReferences.Add(TestReferences.Runtime);
        test.SolutionTransforms.Add(static (solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            var compilation = (CSharpCompilationOptions)project.CompilationOptions!;
            var parse = (CSharpParseOptions)project.ParseOptions!;
            return solution
                .WithProjectCompilationOptions(projectId, compilation
                    .WithNullableContextOptions(NullableContextOptions.Enable)
                    .WithSpecificDiagnosticOptions(compilation.SpecificDiagnosticOptions
                        .SetItem("CS1701", ReportDiagnostic.Suppress)
                        .SetItem("CS1702", ReportDiagnostic.Suppress)
                        .SetItem("CS1591", ReportDiagnostic.Suppress)))
                .WithProjectParseOptions(projectId, parse.WithLanguageVersion(LanguageVersion.Latest));
        });
    }

    /// <summary>The test without the SessionSafety runtime among its references (a fix that calls it is then not offered).</summary>
    public static TTest WithoutRuntime<TTest>(this TTest test)
        where TTest : AnalyzerTest<DefaultVerifier>
    {
        test.TestState.AdditionalReferences.Remove(TestReferences.Runtime);
        return test;
    }

    /// <summary>
    /// The test compiled against .NET 8 and ASP.NET Core 8 instead of 10 (<see cref="TestReferences.AspNetCore8"/>):
    /// for rules whose answer depends on the ASP.NET Core version the app references. The SessionSafety runtime stays.
    /// </summary>
    public static TTest OnAspNetCore8<TTest>(this TTest test)
        where TTest : AnalyzerTest<DefaultVerifier>
    {
        foreach (var reference in TestReferences.Default)
        {
            test.TestState.AdditionalReferences.Remove(reference);
        }

        test.TestState.AdditionalReferences.AddRange(TestReferences.AspNetCore8);
        return test;
    }

    /// <summary>
    /// The test as a server project: without the Blazor WebAssembly authentication package, the one
    /// reference that makes every test compilation a client UI app (SESS001's scope). ASP.NET Core,
    /// Blazor components and the runtime stay.
    /// </summary>
    public static TTest AsServer<TTest>(this TTest test)
        where TTest : AnalyzerTest<DefaultVerifier>
    {
        foreach (var reference in test.TestState.AdditionalReferences
            .Where(r => r is PortableExecutableReference { FilePath: { } path } && System.IO.Path.GetFileName(path).StartsWith("Microsoft.AspNetCore.Components.WebAssembly", System.StringComparison.OrdinalIgnoreCase))
            .ToList())
        {
            test.TestState.AdditionalReferences.Remove(reference);
        }

        return test;
    }

    /// <summary>An <c>.editorconfig</c> for the test project's folder, with a <c>[*.cs]</c> section unless the lines start with one.</summary>
    public static (string Path, string Text) EditorConfig(string lines)
    {
        var text = lines.Replace("\r\n", "\n").Trim('\n');
        if (!text.TrimStart().StartsWith("[", System.StringComparison.Ordinal))
        {
            text = "[*.cs]\n" + text;
        }

        return ("/0/.editorconfig", "root = true\n\n" + text + "\n");
    }

    /// <summary>A <c>.globalconfig</c> for the test project.</summary>
    public static (string Path, string Text) GlobalConfig(string lines) =>
        ("/0/.globalconfig", "is_global = true\n" + lines.Replace("\r\n", "\n").Trim('\n') + "\n");
}
