using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace SessionSafety.Tests.Verifiers;

/// <summary>A document of a test: a C# source (a project document) or a Razor file (an additional file).</summary>
internal sealed record TestDocument(string Path, string Text, bool IsRazor);

/// <summary>The documents of one state (input, fixed, batch-fixed) and the diagnostics expected in it.</summary>
internal sealed record TestState(ImmutableArray<TestDocument> Documents, ImmutableArray<DiagnosticResult> Expected);

/// <summary>The compilation a project produced, the analyzers' diagnostics on it and the compiler's.</summary>
internal sealed record AnalysisResult(Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<Diagnostic> CompilerDiagnostics);

/// <summary>
/// Analyzer verification over an <see cref="AdhocWorkspace"/>, with the official testing library's
/// names and default checks: the input compiles, the analyzers' diagnostics equal the expected ones,
/// an analyzer exception fails, generated code is skipped and <c>#pragma</c> suppresses.
/// </summary>
public abstract class AnalyzerTest
{
    /// <summary>Documents live in this folder so that <c>.editorconfig</c> sections apply to them.</summary>
    public const string ProjectFolder = "/0/";

    public const string ProjectName = "TestProject";

    private const string DefaultTestFileName = "Test0.cs";

    /// <summary>The main document, <c>/0/Test0.cs</c>, with markup.</summary>
    public string? TestCode { get; set; }

    /// <summary>More C# documents (file name relative to the project folder, text with markup).</summary>
    public List<(string FileName, string Content)> AdditionalSources { get; } = new();

    /// <summary>Razor components (file name relative to the project folder, text with markup), compiled by the SDK's Razor generator.</summary>
    public List<(string FileName, string Content)> RazorSources { get; } = new();

    /// <summary>Lines for <c>/0/.editorconfig</c> (<c>root = true</c>); a <c>[*.cs]</c> section is added when the text starts without one.</summary>
    public string? EditorConfig { get; set; }

    /// <summary>Text of <c>/0/.globalconfig</c>; <c>is_global = true</c> is added when missing.</summary>
    public string? GlobalConfig { get; set; }

    /// <summary>Extra references: paths (<c>typeof(X).Assembly.Location</c>) or metadata references.</summary>
    public MetadataReferenceList AdditionalReferences { get; } = new();

    /// <summary>Whether the SessionSafety runtime helper is referenced (default true).</summary>
    public bool IncludeRuntime { get; set; } = true;

    /// <summary>Diagnostics expected besides those the markup gives.</summary>
    public List<DiagnosticResult> ExpectedDiagnostics { get; } = new();

    /// <summary>Which compiler diagnostics the input may not have (default: errors).</summary>
    public CompilerDiagnostics CompilerDiagnostics { get; set; } = CompilerDiagnostics.Errors;

    public TestBehaviors TestBehaviors { get; set; }

    /// <summary>The kind of program compiled: a library by default, an executable for top-level statements.</summary>
    public OutputKind OutputKind { get; set; } = OutputKind.DynamicallyLinkedLibrary;

    protected abstract IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers();

    private ImmutableArray<DiagnosticAnalyzer> analyzers;

    internal ImmutableArray<DiagnosticAnalyzer> Analyzers =>
        analyzers.IsDefault ? analyzers = GetDiagnosticAnalyzers().ToImmutableArray() : analyzers;

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var input = CreateState(InputSources(), ExpectedDiagnostics, "the input");
            var project = CreateProject(input.Documents);
            var analysis = await AnalyzeAsync(project, cancellationToken).ConfigureAwait(false);
            VerifyCompilerDiagnostics(input, analysis);
            VerifyDiagnostics("the input", input, analysis.Diagnostics);
            await VerifyGeneratedCodeAndSuppressionAsync(input, cancellationToken).ConfigureAwait(false);
            await RunCodeFixChecksAsync(input, project, analysis, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (workspaces)
            {
                workspaces.ForEach(w => w.Dispose());
                workspaces.Clear();
            }
        }
    }

    private protected virtual Task RunCodeFixChecksAsync(TestState input, Project project, AnalysisResult analysis, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    // ---------------------------------------------------------------- state and markup

    private protected IEnumerable<(string Path, string Markup, bool IsRazor)> InputSources()
    {
        if (TestCode is not null)
        {
            yield return (ProjectFolder + DefaultTestFileName, TestCode, false);
        }

        foreach (var (fileName, content) in AdditionalSources)
        {
            yield return (PathOf(fileName), content, false);
        }

        foreach (var (fileName, content) in RazorSources)
        {
            yield return (PathOf(fileName), content, true);
        }
    }

    private protected static string PathOf(string fileName) =>
        fileName.StartsWith('/') ? fileName : ProjectFolder + fileName.Replace('\\', '/');

    private static string RelativeToProject(string path) =>
        path.StartsWith(ProjectFolder, StringComparison.Ordinal) ? path[ProjectFolder.Length..] : path.TrimStart('/');

    private protected static string DefaultTestPath => ProjectFolder + DefaultTestFileName;

    /// <summary>Strips the markup of <paramref name="sources"/> and turns it, with <paramref name="explicitExpected"/>, into expected diagnostics.</summary>
    private protected TestState CreateState(
        IEnumerable<(string Path, string Markup, bool IsRazor)> sources,
        IEnumerable<DiagnosticResult> explicitExpected,
        string stateName)
    {
        var documents = ImmutableArray.CreateBuilder<TestDocument>();
        var expected = ImmutableArray.CreateBuilder<DiagnosticResult>();
        var markers = new Dictionary<int, ExpectedLocation>();
        var usedMarkers = new HashSet<int>();
        var paths = new HashSet<string>(StringComparer.Ordinal);

        foreach (var (path, markup, isRazor) in sources)
        {
            if (!paths.Add(path))
            {
                throw new InvalidOperationException($"Two documents of {stateName} have the path '{path}'.");
            }

            var marked = Markup.Parse(markup, path);
            var text = SourceText.From(marked.Text);
            documents.Add(new TestDocument(path, marked.Text, isRazor));
            foreach (var span in marked.Spans)
            {
                var location = new ExpectedLocation(path, text.Lines.GetLinePositionSpan(span.Span));
                if (span.Marker is { } marker)
                {
                    if (!markers.TryAdd(marker, location))
                    {
                        throw new MarkupException($"{path}: the location marker {{|#{marker}:…|}} is used twice in {stateName}.");
                    }
                }
                else
                {
                    expected.Add(CreateResult(span.Id ?? DefaultDiagnosticId()).WithResolvedLocation(location));
                }
            }
        }

        foreach (var result in explicitExpected)
        {
            var resolved = result;
            foreach (var marker in result.LocationMarkers)
            {
                if (!markers.TryGetValue(marker, out var location))
                {
                    throw new MarkupException($"An expected {result.Id} uses WithLocation({marker}), but {stateName} has no {{|#{marker}:…|}} span.");
                }

                usedMarkers.Add(marker);
                resolved = resolved.WithResolvedLocation(location);
            }

            expected.Add(resolved);
        }

        var unused = markers.Keys.Where(m => !usedMarkers.Contains(m)).OrderBy(m => m).ToList();
        if (unused.Count > 0)
        {
            throw new MarkupException(
                $"{stateName} marks {string.Join(", ", unused.Select(m => "{|#" + m + ":…|}"))} but no expected diagnostic uses it (WithLocation({unused[0]})).");
        }

        return new TestState(documents.ToImmutable(), expected.ToImmutable());
    }

    private DiagnosticResult CreateResult(string id)
    {
        var descriptor = Analyzers.SelectMany(a => a.SupportedDiagnostics).FirstOrDefault(d => d.Id == id);
        return descriptor is null ? new DiagnosticResult(id) : new DiagnosticResult(descriptor);
    }

    /// <summary>
    /// The ID <c>[|…|]</c> stands for: the analyzers' single supported ID. SESS000 (a bad option
    /// value) may be paired with any rule, so it is not counted.
    /// </summary>
    internal string DefaultDiagnosticId() => DefaultDiagnosticId(Analyzers);

    internal static string DefaultDiagnosticId(IEnumerable<DiagnosticAnalyzer> analyzers)
    {
        var ids = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().ToList();
        var rules = ids.Where(id => id != "SESS000").ToList();
        if (rules.Count == 1)
        {
            return rules[0];
        }

        if (rules.Count == 0 && ids.Count == 1)
        {
            return ids[0];
        }

        throw new MarkupException(
            $"'[|…|]' is ambiguous: the analyzers support {string.Join(", ", ids)}. Write '{{|ID:…|}}' or use Diagnostic(id).");
    }

    // ---------------------------------------------------------------- workspace

    private readonly List<Workspace> workspaces = new();

    /// <summary>A project with the test's documents, options and references, in a fresh workspace with the default MEF host services.</summary>
    private protected Project CreateProject(ImmutableArray<TestDocument> documents)
    {
        var workspace = new AdhocWorkspace();
        lock (workspaces)
        {
            workspaces.Add(workspace);
        }

        var projectId = ProjectId.CreateNewId(ProjectName);
        var references = ReferenceAssemblies.Default.AsEnumerable();
        if (IncludeRuntime)
        {
            references = references.Append(ReferenceAssemblies.Runtime);
        }

        references = references.Concat(AdditionalReferences);

        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            ProjectName,
            ProjectName,
            LanguageNames.CSharp,
            filePath: ProjectFolder + ProjectName + ".csproj",
            compilationOptions: CompilationOptions.WithOutputKind(OutputKind),
            parseOptions: ParseOptions,
            metadataReferences: references.Distinct()));

        foreach (var document in documents)
        {
            var id = DocumentId.CreateNewId(projectId, document.Path);
            var text = SourceText.From(document.Text, Encoding.UTF8);
            var name = System.IO.Path.GetFileName(document.Path);
            solution = document.IsRazor
                ? solution.AddAdditionalDocument(id, name, text, filePath: document.Path)
                : solution.AddDocument(id, name, text, filePath: document.Path);
        }

        if (EditorConfig is not null)
        {
            solution = solution.AddAnalyzerConfigDocument(
                DocumentId.CreateNewId(projectId, ".editorconfig"),
                ".editorconfig",
                SourceText.From(EditorConfigText(EditorConfig), Encoding.UTF8),
                filePath: ProjectFolder + ".editorconfig");
        }

        var globalConfig = GlobalConfigText();
        if (globalConfig is not null)
        {
            solution = solution.AddAnalyzerConfigDocument(
                DocumentId.CreateNewId(projectId, ".globalconfig"),
                ".globalconfig",
                SourceText.From(globalConfig, Encoding.UTF8),
                filePath: ProjectFolder + ".globalconfig");
        }

        return solution.GetProject(projectId)!;
    }

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>What an SDK project gets: a library, nullable enabled, CS1701/CS1702 (assembly unification) off.</summary>
    private static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable)
        .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
        {
            ["CS1701"] = ReportDiagnostic.Suppress,
            ["CS1702"] = ReportDiagnostic.Suppress,
            ["CS1591"] = ReportDiagnostic.Suppress,
        });

    internal static string EditorConfigText(string lines)
    {
        var text = SourceDrawing.Normalize(lines).Trim('\n');
        var firstLine = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && l[0] != '#' && l[0] != ';');
        if (firstLine is null || firstLine[0] != '[')
        {
            text = "[*.cs]\n" + text;
        }

        if (!text.Split('\n').Any(l => l.Trim().StartsWith("root", StringComparison.Ordinal) && l.Contains('=', StringComparison.Ordinal)))
        {
            text = "root = true\n\n" + text;
        }

        return text + "\n";
    }

    /// <summary>
    /// The global config: the test's own, plus, when there are Razor files, the properties and
    /// per-file metadata a real build gives the Razor generator (see <see cref="RazorCompilation"/>),
    /// so that the generator and the analyzers read the same options.
    /// </summary>
    private string? GlobalConfigText()
    {
        var hasRazor = RazorSources.Count > 0;
        if (GlobalConfig is null && !hasRazor)
        {
            return null;
        }

        // Properties go before the first section; the test's own text (its properties, then its
        // sections) follows; the Razor files' sections come last.
        var parts = new List<string> { "is_global = true" };
        if (hasRazor)
        {
            parts.Add(RazorCompilation.GlobalProperties(ProjectName, ProjectFolder));
        }

        if (GlobalConfig is not null)
        {
            parts.Add(string.Join("\n", SourceDrawing.Normalize(GlobalConfig).Split('\n')
                .Where(l => !l.TrimStart().StartsWith("is_global", StringComparison.Ordinal))));
        }

        if (hasRazor)
        {
            parts.Add(RazorCompilation.FileSections(RazorSources.Select(r => (PathOf(r.FileName), RelativeToProject(PathOf(r.FileName))))));
        }

        return string.Join("\n\n", parts) + "\n";
    }

    // ---------------------------------------------------------------- analysis

    /// <summary>Compiles <paramref name="project"/> (through the Razor generator when it has Razor files) and runs the analyzers.</summary>
    internal async Task<AnalysisResult> AnalyzeAsync(Project project, CancellationToken cancellationToken)
    {
        var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        var generatorDiagnostics = ImmutableArray<Diagnostic>.Empty;
        if (project.AdditionalDocuments.Any(d => RazorCompilation.IsRazorFile(d.FilePath)))
        {
            (compilation, generatorDiagnostics) = RazorCompilation.Run(compilation, project, cancellationToken);
        }

        var exceptions = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            onAnalyzerException: (exception, analyzer, diagnostic) =>
                exceptions.Enqueue($"{analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}\n{exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var diagnostics = await compilation.WithAnalyzers(Analyzers, options)
            .GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);

        var failures = exceptions.ToList();
        failures.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
        if (failures.Count > 0)
        {
            throw new VerificationException("An analyzer threw (AD0001):\n" + string.Join("\n\n", failures.Distinct()));
        }

        var compilerDiagnostics = compilation.GetDiagnostics(cancellationToken).AddRange(generatorDiagnostics);
        return new AnalysisResult(compilation, Sort(diagnostics), compilerDiagnostics);
    }

    private static ImmutableArray<Diagnostic> Sort(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics
            .OrderBy(d => LocationOf(d.Location)?.Path ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(d => LocationOf(d.Location)?.Span.Start)
            .ThenBy(d => LocationOf(d.Location)?.Span.End)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();

    /// <summary>Where a diagnostic is, as the user sees it: Razor output maps to its .razor file.</summary>
    internal static ExpectedLocation? LocationOf(Location location)
    {
        if (location.Kind == LocationKind.None)
        {
            return null;
        }

        var span = location.SourceTree is { } tree && IsRazorGenerated(tree.FilePath)
            ? location.GetMappedLineSpan()
            : location.GetLineSpan();
        return span.IsValid ? new ExpectedLocation(span.Path.Replace('\\', '/'), span.Span) : null;
    }

    internal static bool IsRazorGenerated(string path) =>
        path.EndsWith("_razor.g.cs", StringComparison.OrdinalIgnoreCase) || path.EndsWith("_cshtml.g.cs", StringComparison.OrdinalIgnoreCase);

    // ---------------------------------------------------------------- checks

    private protected void VerifyCompilerDiagnostics(TestState state, AnalysisResult analysis)
    {
        var minimum = CompilerDiagnostics switch
        {
            CompilerDiagnostics.None => (DiagnosticSeverity?)null,
            CompilerDiagnostics.Warnings => DiagnosticSeverity.Warning,
            _ => DiagnosticSeverity.Error,
        };
        if (minimum is null)
        {
            return;
        }

        var bad = analysis.CompilerDiagnostics.Where(d => d.Severity >= minimum.Value).ToList();
        if (bad.Count > 0)
        {
            throw new VerificationException(
                $"The input does not compile ({bad.Count} compiler {(minimum == DiagnosticSeverity.Error ? "error(s)" : "error(s)/warning(s)")}); " +
                "fix the test source, or set CompilerDiagnostics = CompilerDiagnostics.None to allow broken input.\n" +
                SourceDrawing.Draw(state.Documents, bad.Select(d => new Annotation(LocationOf(d.Location), Describe(d)))));
        }
    }

    internal static string Describe(Diagnostic diagnostic) =>
        $"{diagnostic.Id} {diagnostic.Severity.ToString().ToLowerInvariant()}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}";

    /// <summary>The analyzers' diagnostics equal the expected ones: ID and location always; message, arguments and severity when given.</summary>
    private protected static void VerifyDiagnostics(string stateName, TestState state, ImmutableArray<Diagnostic> actual)
    {
        var expected = state.Expected
            .OrderBy(e => e.Locations.IsEmpty ? string.Empty : e.Locations[0].Path, StringComparer.Ordinal)
            .ThenBy(e => e.Locations.IsEmpty ? default : e.Locations[0].Span.Start)
            .ThenBy(e => e.Locations.IsEmpty ? default : e.Locations[0].Span.End)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
        var unmatched = actual.ToList();
        var annotations = new List<Annotation>();
        var problems = new List<string>();

        foreach (var result in expected)
        {
            var primary = result.Locations.IsEmpty ? (ExpectedLocation?)null : result.Locations[0];
            var match = unmatched.FirstOrDefault(d => d.Id == result.Id && SameLocation(LocationOf(d.Location), primary));
            if (match is null)
            {
                problems.Add($"missing: {result} at {primary?.ToString() ?? "(no location)"}");
                annotations.Add(new Annotation(primary, $"MISSING (expected) {result}"));
                continue;
            }

            unmatched.Remove(match);
            var mismatch = Mismatch(result, match);
            if (mismatch is null)
            {
                annotations.Add(new Annotation(primary, "ok: " + Describe(match)));
            }
            else
            {
                problems.Add($"{result.Id} at {primary?.ToString() ?? "(no location)"}: {mismatch}");
                annotations.Add(new Annotation(primary, $"WRONG: {Describe(match)} -- {mismatch}"));
            }
        }

        foreach (var diagnostic in unmatched)
        {
            var location = LocationOf(diagnostic.Location);
            problems.Add($"unexpected: {Describe(diagnostic)} at {location?.ToString() ?? "(no location)"}");
            annotations.Add(new Annotation(location, "UNEXPECTED " + Describe(diagnostic)));
        }

        if (problems.Count > 0)
        {
            throw new VerificationException(
                $"Diagnostics in {stateName} differ from the expected ones (expected {expected.Count}, got {actual.Length}):\n" +
                string.Join("\n", problems.Select(p => "  - " + p)) + "\n\n" +
                SourceDrawing.Draw(state.Documents, annotations));
        }
    }

    private static bool SameLocation(ExpectedLocation? actual, ExpectedLocation? expected) =>
        actual is null || expected is null
            ? actual is null && expected is null
            : SourceDrawing.SamePath(actual.Value.Path, expected.Value.Path) && actual.Value.Span == expected.Value.Span;

    private static string? Mismatch(DiagnosticResult expected, Diagnostic actual)
    {
        var message = actual.GetMessage(CultureInfo.InvariantCulture);
        if (expected.Severity is { } severity && severity != actual.Severity)
        {
            return $"severity is {actual.Severity}, expected {severity}";
        }

        if (expected.Message is not null && expected.Message != message)
        {
            return $"message is '{message}', expected '{expected.Message}'";
        }

        if (!expected.MessageArguments.IsDefault)
        {
            var format = (expected.Descriptor ?? actual.Descriptor).MessageFormat.ToString(CultureInfo.InvariantCulture);
            string formatted;
            try
            {
                formatted = string.Format(CultureInfo.InvariantCulture, format, expected.MessageArguments.ToArray());
            }
            catch (FormatException exception)
            {
                return $"the arguments ({string.Join(", ", expected.MessageArguments)}) do not fit the message format '{format}': {exception.Message}";
            }

            if (formatted != message)
            {
                return $"message is '{message}', expected (from the arguments) '{formatted}'";
            }
        }

        if (expected.Locations.Length > 1)
        {
            var additional = actual.AdditionalLocations.Select(LocationOf).ToList();
            var wanted = expected.Locations.Skip(1).Select(l => (ExpectedLocation?)l).ToList();
            if (additional.Count != wanted.Count || additional.Zip(wanted).Any(p => !SameLocation(p.First, p.Second)))
            {
                return $"additional locations are [{string.Join(", ", additional)}], expected [{string.Join(", ", wanted)}]";
            }
        }

        return null;
    }

    /// <summary>
    /// The same sources marked generated (an <c>// &lt;auto-generated/&gt;</c> header), then with
    /// <c>#pragma warning disable</c> for every supported ID: no diagnostic may remain in a C# document.
    /// Razor files are left alone: Razor output is analyzed by design.
    /// </summary>
    private async Task VerifyGeneratedCodeAndSuppressionAsync(TestState input, CancellationToken cancellationToken)
    {
        var csharpPaths = input.Documents.Where(d => !d.IsRazor).Select(d => d.Path).ToHashSet(StringComparer.Ordinal);
        var expectsCSharpDiagnostics = input.Expected.Any(e => !e.Locations.IsEmpty && csharpPaths.Contains(e.Locations[0].Path));
        if (!expectsCSharpDiagnostics)
        {
            return;
        }

        if (!TestBehaviors.HasFlag(TestBehaviors.SkipGeneratedCodeCheck))
        {
            await VerifyNoCSharpDiagnosticsAsync(
                "the input marked generated (// <auto-generated/>)",
                input,
                text => "// <auto-generated/>\n" + text,
                cancellationToken).ConfigureAwait(false);
        }

        if (!TestBehaviors.HasFlag(TestBehaviors.SkipSuppressionCheck))
        {
            var ids = string.Join(", ", Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct());
            await VerifyNoCSharpDiagnosticsAsync(
                $"the input with '#pragma warning disable {ids}'",
                input,
                text => $"#pragma warning disable {ids}\n" + text,
                cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task VerifyNoCSharpDiagnosticsAsync(string stateName, TestState input, Func<string, string> transform, CancellationToken cancellationToken)
    {
        var documents = input.Documents.Select(d => d.IsRazor ? d : d with { Text = transform(d.Text) }).ToImmutableArray();
        var analysis = await AnalyzeAsync(CreateProject(documents), cancellationToken).ConfigureAwait(false);
        var csharpPaths = documents.Where(d => !d.IsRazor).Select(d => d.Path).ToHashSet(StringComparer.Ordinal);
        var remaining = analysis.Diagnostics.Where(d => LocationOf(d.Location) is { } l && csharpPaths.Contains(l.Path)).ToList();
        if (remaining.Count > 0)
        {
            throw new VerificationException(
                $"Diagnostics remain in {stateName}; the analyzer must skip generated code and respect #pragma " +
                "(set TestBehaviors to skip this check only if that is intended):\n" +
                SourceDrawing.Draw(documents, remaining.Select(d => new Annotation(LocationOf(d.Location), "UNEXPECTED " + Describe(d)))));
        }
    }
}
