using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Benchmarks.Measurement;

/// <summary>The light bulb for one diagnostic: register the fixes and compute each one's changed solution.</summary>
public sealed record SingleFixFigures(
    string Provider,
    int Candidates,
    IReadOnlyList<double> Milliseconds,
    int WithoutAction,
    IReadOnlyDictionary<string, int> KeysOffered);

/// <summary>Fix All in solution scope for one equivalence key.</summary>
public sealed record FixAllFigures(
    string Provider,
    string EquivalenceKey,
    int Diagnostics,
    TimeSpan Time,
    int ChangedDocuments,
    string? Skipped);

internal static class FixMeasurement
{
    private const int WarmUpFixes = 3;

    public static async Task<(IReadOnlyList<SingleFixFigures> Single, IReadOnlyList<FixAllFigures> FixAll)> MeasureAsync(
        CorpusWorkspace corpus,
        IReadOnlyList<CodeFixProvider> providers,
        ImmutableArray<Diagnostic> diagnostics,
        int samples,
        Action<string> log,
        CancellationToken cancellationToken)
    {
        var solution = corpus.Solution;

        // Fixes edit .cs and .razor.cs files; Razor output cannot be edited (SPEC §3), so it is left out.
        var editable = diagnostics
            .Where(d => d.Location.SourceTree is { } tree && !SourceScope.IsRazorGenerated(tree))
            .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ToList();

        var single = new List<SingleFixFigures>();
        var fixAll = new List<FixAllFigures>();
        foreach (var provider in providers)
        {
            var name = provider.GetType().Name;
            var candidates = editable.Where(d => provider.FixableDiagnosticIds.Contains(d.Id)).ToList();
            if (candidates.Count == 0)
            {
                single.Add(new SingleFixFigures(name, 0, Array.Empty<double>(), 0, new Dictionary<string, int>()));
                continue;
            }

            // The first fixes pay for JIT and for the workspace's first semantic models: not measured.
            foreach (var warmUp in candidates.AsEnumerable().Reverse().Take(samples >= 10 ? WarmUpFixes : 1))
            {
                await TimeOneAsync(solution, provider, warmUp, cancellationToken).ConfigureAwait(false);
            }

            var sample = EvenlySpaced(candidates, samples);
            var times = new List<double>();
            var withoutAction = 0;
            var keys = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var diagnostic in sample)
            {
                var (milliseconds, actions) = await TimeOneAsync(solution, provider, diagnostic, cancellationToken).ConfigureAwait(false);
                times.Add(milliseconds);
                if (actions.Count == 0)
                {
                    withoutAction++;
                }

                foreach (var key in actions.Select(a => a.EquivalenceKey ?? "(none)").Distinct())
                {
                    keys[key] = keys.TryGetValue(key, out var n) ? n + 1 : 1;
                }
            }

            single.Add(new SingleFixFigures(name, candidates.Count, times, withoutAction, keys));
            log($"  {name}: {sample.Count} single fixes, median {Stats.Median(times):0.0} ms");

            foreach (var key in keys.Keys.Where(k => k != "(none)"))
            {
                fixAll.Add(await FixAllAsync(solution, provider, key, candidates, log, cancellationToken).ConfigureAwait(false));
            }
        }

        return (single, fixAll);
    }

    private static async Task<(double Milliseconds, IReadOnlyList<CodeAction> Actions)> TimeOneAsync(Solution solution, CodeFixProvider provider, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var document = solution.GetDocument(diagnostic.Location.SourceTree)
            ?? throw new InvalidOperationException($"No document for {diagnostic.Location.SourceTree?.FilePath}.");
        var actions = new List<CodeAction>();
        var stopwatch = Stopwatch.StartNew();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
        await provider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        foreach (var action in actions)
        {
            // What the light bulb's preview waits for: the action's edits, cleaned up and formatted.
            await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
        }

        stopwatch.Stop();
        return (stopwatch.Elapsed.TotalMilliseconds, actions);
    }

    private static async Task<FixAllFigures> FixAllAsync(Solution solution, CodeFixProvider provider, string key, IReadOnlyList<Diagnostic> candidates, Action<string> log, CancellationToken cancellationToken)
    {
        var name = provider.GetType().Name;
        var fixAllProvider = provider.GetFixAllProvider();
        if (fixAllProvider is null || !fixAllProvider.GetSupportedFixAllScopes().Contains(FixAllScope.Solution))
        {
            return new FixAllFigures(name, key, candidates.Count, TimeSpan.Zero, 0, "no Fix All in solution scope");
        }

        var first = solution.GetDocument(candidates[0].Location.SourceTree)!;
        var context = new FixAllContext(first, provider, FixAllScope.Solution, key, provider.FixableDiagnosticIds, new KnownDiagnostics(candidates), cancellationToken);
        Stats.Settle();
        var stopwatch = Stopwatch.StartNew();
        var action = await fixAllProvider.GetFixAsync(context).ConfigureAwait(false);
        var operations = action is null ? ImmutableArray<CodeActionOperation>.Empty : await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
        stopwatch.Stop();

        var changed = operations.OfType<ApplyChangesOperation>().FirstOrDefault()?.ChangedSolution;
        var changedDocuments = changed is null ? 0 : changed.GetChanges(solution).GetProjectChanges().Sum(p => p.GetChangedDocuments().Count());
        log($"  {name} Fix All ({key}): {candidates.Count} diagnostics, {stopwatch.Elapsed.TotalSeconds:0.00} s, {changedDocuments} documents changed");
        return new FixAllFigures(name, key, candidates.Count, stopwatch.Elapsed, changedDocuments, null);
    }

    private static List<T> EvenlySpaced<T>(IReadOnlyList<T> items, int count)
    {
        if (items.Count <= count)
        {
            return items.ToList();
        }

        return Enumerable.Range(0, count).Select(i => items[(int)((long)i * items.Count / count)]).ToList();
    }

    /// <summary>
    /// The diagnostics of the measured analysis run, handed to Fix All as the IDE hands it the ones it has
    /// already computed: the analysis cost is measured separately, so Fix All's figure is the fixing.
    /// </summary>
    private sealed class KnownDiagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly IReadOnlyList<Diagnostic> all;
        private readonly ILookup<string, Diagnostic> byPath;

        public KnownDiagnostics(IReadOnlyList<Diagnostic> diagnostics)
        {
            all = diagnostics;
            byPath = diagnostics.ToLookup(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal);
        }

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(document.FilePath is null ? Enumerable.Empty<Diagnostic>() : byPath[document.FilePath]);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(all);
    }
}
