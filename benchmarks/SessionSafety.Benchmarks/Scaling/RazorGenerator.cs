using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionSafety.Benchmarks.Corpus;
using SessionSafety.Benchmarks.Measurement;

namespace SessionSafety.Benchmarks.Scaling;

/// <summary>
/// Compiles <c>.razor</c> files with the installed SDK's own Razor source generator, given the
/// analyzer-config properties and metadata that <c>Microsoft.NET.Sdk.Razor.SourceGenerators.targets</c>
/// passes in a real build. Its output is what a Blazor build analyzes (every <c>@onclick</c> lambda in
/// the component's one <c>BuildRenderTree</c> method), under the path a build gives it.
/// </summary>
internal static class RazorGenerator
{
    /// <summary>Where a build writes generated files (EmitCompilerGeneratedFiles); the rules know Razor output by its <c>_razor.g.cs</c> name.</summary>
    private const string GeneratedFolder = "/obj/Debug/net10.0/generated";

    private static readonly Lazy<ImmutableArray<ISourceGenerator>> Generators = new(() => RazorSourceGenerators.Load(SdkDirectory()));

    /// <summary>The generated C# for <paramref name="razorFiles"/> (full paths under <paramref name="projectFolder"/>), compiled against <paramref name="compilation"/>.</summary>
    public static IReadOnlyList<CorpusFile> Generate(CSharpCompilation compilation, string projectFolder, IReadOnlyList<RazorFile> razorFiles, CancellationToken cancellationToken)
    {
        var driver = CSharpGeneratorDriver.Create(
            Generators.Value,
            razorFiles.ToImmutableArray<AdditionalText>(),
            (CSharpParseOptions)compilation.SyntaxTrees.First().Options,
            new BuildOptions(projectFolder, razorFiles),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false, baseDirectory: GeneratedFolder));
        var result = driver.RunGenerators(compilation, cancellationToken).GetRunResult();
        var failures = result.Results.Where(r => r.Exception is not null).Select(r => r.Exception!.ToString())
            .Concat(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()))
            .ToList();
        if (failures.Count > 0)
        {
            throw new InvalidOperationException("The Razor source generator failed:\n" + string.Join("\n", failures));
        }

        return result.GeneratedTrees
            .Select(tree => new CorpusFile(tree.FilePath.Replace('\\', '/'), tree.GetText(cancellationToken).ToString(), IsRazorGenerated: true))
            .ToList();
    }

    /// <summary>The SDK folder the benchmark was built with (<c>$(MSBuildExtensionsPath)</c>, recorded in the assembly's metadata).</summary>
    private static string SdkDirectory() =>
        typeof(RazorGenerator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "SdkDirectory")?.Value is { Length: > 0 } directory
            ? directory
            : throw new InvalidOperationException("The benchmark assembly does not record its SDK folder (AssemblyMetadata SdkDirectory): rebuild it.");

    /// <summary>
    /// What the SDK's generated global config holds for the generator: the <c>build_property.*</c> values,
    /// and per .razor file its target path (base64 of the project-relative path) and CSS scope.
    /// </summary>
    private sealed class BuildOptions : AnalyzerConfigOptionsProvider
    {
        private readonly Dictionary<string, AnalyzerConfigOptions> files = new(StringComparer.Ordinal);

        public BuildOptions(string projectFolder, IEnumerable<RazorFile> razorFiles)
        {
            var global = new Dictionary<string, string>
            {
                ["build_property.RazorLangVersion"] = "10.0",
                ["build_property.RootNamespace"] = "Contoso.Scaling",
                ["build_property.SupportLocalizedComponentNames"] = string.Empty,
                ["build_property.GenerateRazorMetadataSourceChecksumAttributes"] = string.Empty,
                ["build_property.MSBuildProjectDirectory"] = projectFolder.TrimEnd('/'),
                ["build_property.ProjectDir"] = projectFolder.TrimEnd('/') + "/",
                ["build_property._RazorSourceGeneratorDebug"] = string.Empty,
            };
            GlobalOptions = new DictionaryOptions(global);
            foreach (var file in razorFiles)
            {
                var relative = Path.GetRelativePath(projectFolder, file.Path).Replace('\\', '/');
                // A file's options include the global section's, as the compiler merges them.
                files[file.Path] = new DictionaryOptions(new Dictionary<string, string>(global)
                {
                    ["build_metadata.AdditionalFiles.TargetPath"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(relative)),
                    ["build_metadata.AdditionalFiles.CssScope"] = string.Empty,
                });
            }
        }

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            files.TryGetValue(textFile.Path, out var options) ? options : GlobalOptions;
    }
}
