using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace SessionSafety.Tests.Verifiers;

/// <summary>
/// Code-fix verification, Roslynator-style: the chosen action is applied one diagnostic at a time
/// with re-analysis in between (a fix that changes nothing or loops fails), the result must equal
/// <see cref="FixedCode"/> and compile with no new compiler diagnostics, and Fix All in document,
/// project and solution scope must produce <see cref="BatchFixedCode"/> (or <see cref="FixedCode"/>).
/// </summary>
public abstract class CodeFixTest : AnalyzerTest
{
    /// <summary>The main document after the fixes, with markup for the diagnostics that remain. Null: no fix check.</summary>
    public string? FixedCode { get; set; }

    /// <summary>The main document after Fix All, when it differs from <see cref="FixedCode"/>.</summary>
    public string? BatchFixedCode { get; set; }

    /// <summary>Additional sources after the fixes, for those that change (others must stay as they were).</summary>
    public List<(string FileName, string Content)> FixedAdditionalSources { get; } = new();

    /// <summary>Diagnostics expected after the fixes besides those the fixed markup gives.</summary>
    public List<DiagnosticResult> FixedExpectedDiagnostics { get; } = new();

    /// <summary>The action to apply; without it, exactly one action must be offered for a diagnostic.</summary>
    public string? CodeActionEquivalenceKey { get; set; }

    /// <summary>How many times a fix may be applied one by one; default: the number of expected diagnostics + 2.</summary>
    public int? NumberOfIncrementalIterations { get; set; }

    public CodeFixTestBehaviors CodeFixTestBehaviors { get; set; }

    protected abstract IEnumerable<CodeFixProvider> GetCodeFixProviders();

    private ImmutableArray<CodeFixProvider> providers;

    private ImmutableArray<CodeFixProvider> Providers =>
        providers.IsDefault ? providers = GetCodeFixProviders().ToImmutableArray() : providers;

    private bool ExpectsNoFix => FixedCode == TestCode && FixedAdditionalSources.Count == 0 && BatchFixedCode is null;

    private protected override async Task RunCodeFixChecksAsync(TestState input, Project project, AnalysisResult analysis, CancellationToken cancellationToken)
    {
        if (FixedCode is null && FixedAdditionalSources.Count == 0)
        {
            return;
        }

        if ((FixedCode is not null || BatchFixedCode is not null) && TestCode is null)
        {
            throw new InvalidOperationException("FixedCode/BatchFixedCode describe Test0.cs, but TestCode is not set.");
        }

        if (ExpectsNoFix)
        {
            await VerifyNoCodeFixOfferedAsync(input, project, analysis, cancellationToken).ConfigureAwait(false);
            return;
        }

        var cap = NumberOfIncrementalIterations ?? input.Expected.Length + 2;
        var fixedState = CreateFixedState(FixedCode, "the fixed code");
        var final = await ApplyOneByOneAsync(project, cap, cancellationToken).ConfigureAwait(false);
        await VerifyResultAsync("the code after applying the fix one diagnostic at a time", fixedState, input, analysis, final, cancellationToken).ConfigureAwait(false);

        var batchState = BatchFixedCode is null ? fixedState : CreateFixedState(BatchFixedCode, "the batch-fixed code");
        foreach (var scope in new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution })
        {
            var skip = scope switch
            {
                FixAllScope.Document => CodeFixTestBehaviors.SkipFixAllInDocumentCheck,
                FixAllScope.Project => CodeFixTestBehaviors.SkipFixAllInProjectCheck,
                _ => CodeFixTestBehaviors.SkipFixAllInSolutionCheck,
            };
            if (CodeFixTestBehaviors.HasFlag(skip))
            {
                continue;
            }

            var batch = await ApplyFixAllAsync(project, scope, cap, cancellationToken).ConfigureAwait(false);
            if (batch is not null)
            {
                await VerifyResultAsync($"the code after Fix All in {scope} scope", batchState, input, analysis, batch.Value, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private TestState CreateFixedState(string? mainCode, string stateName)
    {
        var fixedByPath = FixedAdditionalSources.ToDictionary(s => PathOf(s.FileName), s => s.Content, StringComparer.Ordinal);
        var sources = InputSources().Select(source =>
        {
            if (source.IsRazor)
            {
                // Fixes do not edit Razor markup; a Razor file keeps its input markup (and expectations).
                return source;
            }

            if (source.Path == DefaultTestPath)
            {
                return (source.Path, mainCode ?? source.Markup, false);
            }

            return fixedByPath.TryGetValue(source.Path, out var content) ? (source.Path, content, false) : (source.Path, Markup.Parse(source.Markup, source.Path).Text, false);
        }).ToList();

        var unknown = fixedByPath.Keys.Where(p => sources.All(s => s.Path != p)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"FixedAdditionalSources names {string.Join(", ", unknown)}, which AdditionalSources does not have.");
        }

        return CreateState(sources, FixedExpectedDiagnostics, stateName);
    }

    // ---------------------------------------------------------------- one by one

    private async Task<(Project Project, AnalysisResult Analysis)> ApplyOneByOneAsync(Project project, int cap, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { Snapshot(project) };
        for (var iteration = 0; ; iteration++)
        {
            var analysis = await AnalyzeAsync(project, cancellationToken).ConfigureAwait(false);
            var fix = await FindFixAsync(project, analysis.Diagnostics, cancellationToken).ConfigureAwait(false);
            if (fix is null)
            {
                return (project, analysis);
            }

            if (iteration >= cap)
            {
                throw new VerificationException(
                    $"Fixes were applied {cap} times and {Describe(fix.Value.Diagnostic)} still has a fix ('{fix.Value.Action.Title}'): " +
                    "the fix does not converge (or set NumberOfIncrementalIterations).\n" + Dump(project));
            }

            var next = await ApplyAsync(project, fix.Value.Action, cancellationToken).ConfigureAwait(false);
            CheckProgress(project, next, fix.Value.Action.Title, Describe(fix.Value.Diagnostic), seen);
            project = next;
        }
    }

    // ---------------------------------------------------------------- Fix All

    private async Task<(Project Project, AnalysisResult Analysis)?> ApplyFixAllAsync(Project project, FixAllScope scope, int cap, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { Snapshot(project) };
        var applied = false;
        for (var iteration = 0; ; iteration++)
        {
            var analysis = await AnalyzeAsync(project, cancellationToken).ConfigureAwait(false);
            var fix = await FindFixAsync(project, analysis.Diagnostics, cancellationToken).ConfigureAwait(false);
            if (fix is null)
            {
                return (project, analysis);
            }

            var (diagnostic, action, provider) = fix.Value;
            var fixAllProvider = provider.GetFixAllProvider();
            if (fixAllProvider is null || !fixAllProvider.GetSupportedFixAllScopes().Contains(scope))
            {
                if (applied)
                {
                    throw new VerificationException($"Fix All in {scope} scope stopped being supported halfway, at {Describe(diagnostic)}.");
                }

                return null;
            }

            if (iteration >= cap)
            {
                throw new VerificationException(
                    $"Fix All in {scope} scope was applied {cap} times and {Describe(diagnostic)} still has a fix: it does not converge.\n" + Dump(project));
            }

            if (action.EquivalenceKey is null)
            {
                throw new VerificationException(
                    $"The code action '{action.Title}' has no equivalence key, so Fix All cannot group it: give it a constant key (FixEquivalenceKeys).");
            }

            var document = project.GetDocument(diagnostic.Location.SourceTree)!;
            var context = new FixAllContext(
                document,
                provider,
                scope,
                action.EquivalenceKey,
                provider.FixableDiagnosticIds,
                new AnalyzerDiagnosticProvider(this),
                cancellationToken);
            var fixAllAction = await fixAllProvider.GetFixAsync(context).ConfigureAwait(false)
                ?? throw new VerificationException($"Fix All in {scope} scope returned no code action for {Describe(diagnostic)} (key '{action.EquivalenceKey}').");

            var next = await ApplyAsync(project, fixAllAction, cancellationToken).ConfigureAwait(false);
            CheckProgress(project, next, $"Fix All ({scope}) '{fixAllAction.Title}'", Describe(diagnostic), seen);
            project = next;
            applied = true;
        }
    }

    /// <summary>Gives Fix All the analyzers' diagnostics, as the IDE would.</summary>
    private sealed class AnalyzerDiagnosticProvider : FixAllContext.DiagnosticProvider
    {
        private readonly AnalyzerTest test;
        private readonly Dictionary<ProjectId, (Project Project, Task<AnalysisResult> Analysis)> cache = new();

        public AnalyzerDiagnosticProvider(AnalyzerTest test) => this.test = test;

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            (await AnalyzeAsync(project, cancellationToken).ConfigureAwait(false)).Diagnostics;

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            var analysis = await AnalyzeAsync(document.Project, cancellationToken).ConfigureAwait(false);
            return analysis.Diagnostics.Where(d => d.Location.SourceTree == tree);
        }

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            (await AnalyzeAsync(project, cancellationToken).ConfigureAwait(false)).Diagnostics.Where(d => !d.Location.IsInSource);

        private Task<AnalysisResult> AnalyzeAsync(Project project, CancellationToken cancellationToken)
        {
            lock (cache)
            {
                if (!cache.TryGetValue(project.Id, out var entry) || entry.Project != project)
                {
                    entry = (project, test.AnalyzeAsync(project, cancellationToken));
                    cache[project.Id] = entry;
                }

                return entry.Analysis;
            }
        }
    }

    // ---------------------------------------------------------------- actions

    /// <summary>The first diagnostic (in document order) with an applicable action, and that action.</summary>
    private async Task<(Diagnostic Diagnostic, CodeAction Action, CodeFixProvider Provider)?> FindFixAsync(
        Project project, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        foreach (var diagnostic in diagnostics)
        {
            foreach (var provider in Providers)
            {
                var actions = await GetActionsAsync(project, provider, diagnostic, cancellationToken).ConfigureAwait(false);
                if (actions.Count == 0)
                {
                    continue;
                }

                if (CodeActionEquivalenceKey is not null)
                {
                    var chosen = actions.FirstOrDefault(a => a.EquivalenceKey == CodeActionEquivalenceKey);
                    if (chosen is not null)
                    {
                        return (diagnostic, chosen, provider);
                    }

                    continue;
                }

                if (actions.Count > 1)
                {
                    throw new VerificationException(
                        $"{actions.Count} code actions are offered for {Describe(diagnostic)}; choose one with CodeActionEquivalenceKey:\n" +
                        string.Join("\n", actions.Select(a => $"  - '{a.Title}' (key: {a.EquivalenceKey ?? "null"})")));
                }

                return (diagnostic, actions[0], provider);
            }
        }

        return null;
    }

    /// <summary>The actions <paramref name="provider"/> registers for <paramref name="diagnostic"/>, nested ones flattened.</summary>
    private static async Task<List<CodeAction>> GetActionsAsync(Project project, CodeFixProvider provider, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var actions = new List<CodeAction>();
        if (!provider.FixableDiagnosticIds.Contains(diagnostic.Id) || project.GetDocument(diagnostic.Location.SourceTree) is not { } document)
        {
            return actions;
        }

        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
        await provider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        return Flatten(actions).ToList();
    }

    private static IEnumerable<CodeAction> Flatten(IEnumerable<CodeAction> actions) =>
        actions.SelectMany(a => a.NestedActions.IsDefaultOrEmpty ? new[] { a } : Flatten(a.NestedActions));

    private static async Task<Project> ApplyAsync(Project project, CodeAction action, CancellationToken cancellationToken)
    {
        var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
        var apply = operations.OfType<ApplyChangesOperation>().ToList();
        if (apply.Count != 1)
        {
            throw new VerificationException($"The code action '{action.Title}' produced {apply.Count} solution changes; expected one.");
        }

        return apply[0].ChangedSolution.GetProject(project.Id)
            ?? throw new VerificationException($"The code action '{action.Title}' removed the project.");
    }

    private static void CheckProgress(Project before, Project after, string actionName, string diagnostic, HashSet<string> seen)
    {
        var snapshot = Snapshot(after);
        if (snapshot == Snapshot(before))
        {
            throw new VerificationException($"{actionName} for {diagnostic}: the fix left the document unchanged.\n{Dump(before)}");
        }

        if (!seen.Add(snapshot))
        {
            throw new VerificationException($"{actionName} for {diagnostic}: the fixes loop (this text was seen before).\n{Dump(after)}");
        }
    }

    private static string Snapshot(Project project)
    {
        var builder = new StringBuilder();
        foreach (var document in project.Documents.Concat(project.AdditionalDocuments).OrderBy(d => d.FilePath, StringComparer.Ordinal))
        {
            builder.Append('\0').Append(document.FilePath).Append('\0').Append(TextOf(document));
        }

        return builder.ToString();
    }

    /// <summary>Workspace texts here are in memory, so this completes at once.</summary>
    private static string TextOf(TextDocument document) =>
        document.GetTextAsync(CancellationToken.None).GetAwaiter().GetResult().ToString();

    private static string Dump(Project project)
    {
        var builder = new StringBuilder();
        foreach (var document in project.Documents.OrderBy(d => d.FilePath, StringComparer.Ordinal))
        {
            builder.Append("---- ").Append(document.FilePath).AppendLine(" ----")
                .AppendLine(TextOf(document));
        }

        return builder.ToString();
    }

    // ---------------------------------------------------------------- results

    private async Task VerifyResultAsync(
        string stateName, TestState expected, TestState input, AnalysisResult inputAnalysis, (Project Project, AnalysisResult Analysis) result, CancellationToken cancellationToken)
    {
        var (project, analysis) = result;
        var actualDocuments = new List<TestDocument>();
        foreach (var document in expected.Documents)
        {
            var actual = document.IsRazor
                ? project.AdditionalDocuments.FirstOrDefault(d => d.FilePath == document.Path)
                : project.Documents.FirstOrDefault(d => d.FilePath == document.Path);
            if (actual is null)
            {
                throw new VerificationException($"{stateName}: the document {document.Path} is gone.");
            }

            var text = (await actual.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
            actualDocuments.Add(document with { Text = text });
            if (SourceDrawing.Normalize(text) != SourceDrawing.Normalize(document.Text))
            {
                throw new VerificationException($"{stateName}: {document.Path} differs from the expected text.\n{SourceDrawing.Diff(document.Text, text)}");
            }
        }

        var extra = project.Documents.Select(d => d.FilePath!).Where(p => expected.Documents.All(d => d.Path != p)).ToList();
        if (extra.Count > 0)
        {
            throw new VerificationException($"{stateName}: the fix added documents the test does not expect: {string.Join(", ", extra)}.");
        }

        // The fixed code must compile: no compiler error or warning that the input did not have.
        var before = inputAnalysis.CompilerDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(Key).ToList();
        var introduced = new List<Diagnostic>();
        foreach (var diagnostic in analysis.CompilerDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning))
        {
            if (!before.Remove(Key(diagnostic)))
            {
                introduced.Add(diagnostic);
            }
        }

        if (introduced.Count > 0)
        {
            throw new VerificationException(
                $"{stateName} does not compile cleanly: the fix introduced {introduced.Count} compiler diagnostic(s).\n" +
                SourceDrawing.Draw(actualDocuments, introduced.Select(d => new Annotation(LocationOf(d.Location), Describe(d)))));
        }

        VerifyDiagnostics(stateName, expected, analysis.Diagnostics);
    }

    private static string Key(Diagnostic diagnostic) => diagnostic.Id + ": " + diagnostic.GetMessage(CultureInfo.InvariantCulture);

    private async Task VerifyNoCodeFixOfferedAsync(TestState input, Project project, AnalysisResult analysis, CancellationToken cancellationToken)
    {
        var offered = new List<Annotation>();
        foreach (var diagnostic in analysis.Diagnostics)
        {
            foreach (var provider in Providers)
            {
                foreach (var action in await GetActionsAsync(project, provider, diagnostic, cancellationToken).ConfigureAwait(false))
                {
                    offered.Add(new Annotation(LocationOf(diagnostic.Location), $"{diagnostic.Id}: fix offered: '{action.Title}' (key: {action.EquivalenceKey ?? "null"})"));
                }
            }
        }

        if (offered.Count > 0)
        {
            throw new VerificationException("Expected no code fix, but fixes are offered:\n" + SourceDrawing.Draw(input.Documents, offered));
        }
    }
}
