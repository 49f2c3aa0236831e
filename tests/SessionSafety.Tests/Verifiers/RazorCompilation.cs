using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SessionSafety.Benchmarks.Scaling;

namespace SessionSafety.Tests.Verifiers;

/// <summary>
/// What the official testing library lacks: compiling .razor files through the installed SDK's own Razor
/// source generator, fed the analyzer-config properties and metadata that
/// <c>Microsoft.NET.Sdk.Razor.SourceGenerators.targets</c> passes in a real build, and comparing the
/// diagnostics in its output (<c>…_razor.g.cs</c>) where they map (<c>#line</c>): in the .razor file,
/// where the test's markup marks them.
/// </summary>
internal static class RazorCompilation
{
    private const string ProjectFolder = "/0/";
    private const string ConfigPath = ProjectFolder + "razor.globalconfig";

    /// <summary>
    /// Adds a .razor file (markup marks the expected diagnostics) as the Razor SDK does, an additional file,
    /// with the generator's options for it.
    /// </summary>
    public static void AddRazorFile(this SolutionState state, (string FileName, string Markup) file)
    {
        state.AdditionalFiles.Add((ProjectFolder + file.FileName, file.Markup));
        if (state.Sources.Count == 0)
        {
            // The library wants a C# source; a component-only project has none of its own.
            state.Sources.Add((ProjectFolder + "Test0.cs", string.Empty));
        }

        var razorFiles = state.AdditionalFiles.Where(f => IsRazorFile(f.filename)).Select(f => (f.filename, f.filename.Substring(ProjectFolder.Length))).ToList();
        state.AnalyzerConfigFiles.RemoveAll(f => f.filename == ConfigPath);
        state.AnalyzerConfigFiles.Add((ConfigPath, "is_global = true\n" + GlobalProperties("TestProject", ProjectFolder) + "\n\n" + FileSections(razorFiles) + "\n"));
    }

    /// <summary>The project's compilation, through the Razor generator when it has .razor files.</summary>
    public static async Task<(Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics)> CompileAsync(Project project, CancellationToken cancellationToken)
    {
        var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        return project.AdditionalDocuments.Any(d => IsRazorFile(d.FilePath))
            ? Run(compilation, project, cancellationToken)
            : (compilation, ImmutableArray<Diagnostic>.Empty);
    }

    /// <summary>Diagnostics in Razor's output, moved to where they map in the .razor file (as the user sees them).</summary>
    public static ImmutableArray<(Project Project, Diagnostic Diagnostic)> MapToRazorFiles(ImmutableArray<(Project Project, Diagnostic Diagnostic)> diagnostics) =>
        diagnostics.Select(d => (d.Project, d.Diagnostic.Location.SourceTree is { } tree && IsRazorOutput(tree.FilePath) ? Mapped(d.Diagnostic) : d.Diagnostic)).ToImmutableArray();

    private static bool IsRazorOutput(string path) =>
        path.EndsWith("_razor.g.cs", StringComparison.OrdinalIgnoreCase) || path.EndsWith("_cshtml.g.cs", StringComparison.OrdinalIgnoreCase);

    private static Diagnostic Mapped(Diagnostic diagnostic)
    {
        var mapped = diagnostic.Location.GetMappedLineSpan();
        var location = Location.Create(mapped.Path.Replace('\\', '/'), default, mapped.Span);

        // Roslyn makes a diagnostic with another location only internally; the arguments stay as reported.
        var withLocation = typeof(Diagnostic).GetMethod("WithLocation", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("Diagnostic.WithLocation is gone from this Roslyn.");
        return (Diagnostic)withLocation.Invoke(diagnostic, new object[] { location })!;
    }
    /// <summary>The Razor language version the SDK's targets use for net10.0.</summary>
    public const string RazorLangVersion = "10.0";

    private static readonly Lazy<ImmutableArray<ISourceGenerator>> Generators = new(() => RazorSourceGenerators.Load(TestReferences.Sdk.SdkDirectory));

    private static bool IsRazorFile(string? path) =>
        path is not null && path.EndsWith(".razor", StringComparison.OrdinalIgnoreCase);

    /// <summary>The <c>build_property.*</c> lines (global section) of a real build's generated config.</summary>
    private static string GlobalProperties(string rootNamespace, string projectDirectory) =>
        string.Join(
            "\n",
            $"build_property.RazorLangVersion = {RazorLangVersion}",
            $"build_property.RootNamespace = {rootNamespace}",
            "build_property.SupportLocalizedComponentNames = ",
            "build_property.GenerateRazorMetadataSourceChecksumAttributes = ",
            $"build_property.MSBuildProjectDirectory = {projectDirectory.TrimEnd('/')}",
            $"build_property.ProjectDir = {projectDirectory}",
            "build_property._RazorSourceGeneratorDebug = ");

    /// <summary>One section per Razor file: its target path (base64 of the project-relative path, as the SDK encodes it) and CSS scope.</summary>
    private static string FileSections(IEnumerable<(string Path, string RelativePath)> razorFiles) =>
        string.Join(
            "\n\n",
            razorFiles.Select(file => string.Join(
                "\n",
                $"[{file.Path}]",
                $"build_metadata.AdditionalFiles.TargetPath = {Convert.ToBase64String(Encoding.UTF8.GetBytes(file.RelativePath.Replace('\\', '/')))}",
                "build_metadata.AdditionalFiles.CssScope = ")));

    /// <summary>Runs the Razor generator over the project's .razor additional files and adds its output to <paramref name="compilation"/>.</summary>
    private static (Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics) Run(Compilation compilation, Project project, CancellationToken cancellationToken)
    {
        var driver = CSharpGeneratorDriver.Create(
            Generators.Value,
            project.AnalyzerOptions.AdditionalFiles,
            (CSharpParseOptions)project.ParseOptions!,
            project.AnalyzerOptions.AnalyzerConfigOptionsProvider);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics, cancellationToken);
        var result = driver.GetRunResult();
        var failures = result.Results.Where(r => r.Exception is not null).Select(r => r.Exception!.ToString()).ToList();
        if (failures.Count > 0)
        {
            throw new InvalidOperationException("The Razor source generator failed:\n" + string.Join("\n", failures));
        }

        return (output, diagnostics);
    }
}
