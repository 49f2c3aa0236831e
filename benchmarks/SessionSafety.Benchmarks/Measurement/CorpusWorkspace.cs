using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SessionSafety.Benchmarks.Corpus;

namespace SessionSafety.Benchmarks.Measurement;

/// <summary>
/// The corpus as one project in an <see cref="AdhocWorkspace"/>: the code fixes need documents, and
/// the measured compilations share the workspace's syntax trees so that a diagnostic from a measured
/// run maps straight back to its document.
/// </summary>
internal sealed class CorpusWorkspace
{
    private CorpusWorkspace(AdhocWorkspace workspace, Project project, CSharpCompilation compilation)
    {
        Workspace = workspace;
        Project = project;
        Compilation = compilation;
    }

    public AdhocWorkspace Workspace { get; }

    public Project Project { get; }

    public Solution Solution => Project.Solution;

    /// <summary>The corpus compilation, single-threaded (<c>concurrentBuild: false</c>) for measuring.</summary>
    public CSharpCompilation Compilation { get; }

    public static async Task<CorpusWorkspace> CreateAsync(Corpus.Corpus corpus, IReadOnlyList<MetadataReference> references, CancellationToken cancellationToken)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId("Contoso.Portal");
        var documents = corpus.Files.Select(file => DocumentInfo.Create(
            DocumentId.CreateNewId(projectId, file.Path),
            System.IO.Path.GetFileName(file.Path),
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(file.Text, Encoding.UTF8), VersionStamp.Default, file.Path)),
            filePath: file.Path,
            isGenerated: file.IsRazorGenerated));
        var project = ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            "Contoso.Portal",
            "Contoso.Portal",
            LanguageNames.CSharp,
            filePath: "/src/Contoso.Portal/Contoso.Portal.csproj",
            compilationOptions: CompilationOptions(),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            documents: documents,
            metadataReferences: references);
        var solution = workspace.AddSolution(SolutionInfo.Create(SolutionId.CreateNewId(), VersionStamp.Default, projects: new[] { project }));
        var added = solution.GetProject(projectId)!;
        var compilation = (CSharpCompilation)(await added.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        return new CorpusWorkspace(workspace, added, compilation.WithOptions(compilation.Options.WithConcurrentBuild(false)));
    }

    /// <summary>What the SDK passes for a class library: nullable on, CS1701/CS1702 (unification notes) off.</summary>
    public static CSharpCompilationOptions CompilationOptions() =>
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
            {
                ["CS1701"] = ReportDiagnostic.Suppress,
                ["CS1702"] = ReportDiagnostic.Suppress,
            });
}
