using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace SessionSafety.Benchmarks.Measurement;

/// <summary>One pass of the compiler over the corpus, with or without analyzers.</summary>
internal sealed class AnalysisRun
{
    private AnalysisRun(TimeSpan wall, TimeSpan gcPauses, ImmutableArray<Diagnostic> diagnostics, IReadOnlyDictionary<DiagnosticAnalyzer, AnalyzerTelemetryInfo> telemetry, IReadOnlyList<string> analyzerExceptions)
    {
        Wall = wall;
        GcPauses = gcPauses;
        Diagnostics = diagnostics;
        Telemetry = telemetry;
        AnalyzerExceptions = analyzerExceptions;
    }

    public TimeSpan Wall { get; }

    /// <summary>Time the process was paused for garbage collection during the run (part of <see cref="Wall"/>, and of whichever callbacks were running).</summary>
    public TimeSpan GcPauses { get; }

    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>Each analyzer's own diagnostics (empty for a compile without analyzers).</summary>
    public IReadOnlyDictionary<DiagnosticAnalyzer, ImmutableArray<Diagnostic>> DiagnosticsByAnalyzer { get; private init; } = new Dictionary<DiagnosticAnalyzer, ImmutableArray<Diagnostic>>();

    public IReadOnlyDictionary<DiagnosticAnalyzer, AnalyzerTelemetryInfo> Telemetry { get; }

    /// <summary>Analyzer exceptions (AD0001): any is a bug and fails the benchmark.</summary>
    public IReadOnlyList<string> AnalyzerExceptions { get; }

    /// <summary>
    /// A cold copy of the compilation, as a new build sees it: nothing bound, and syntax trees parsed anew
    /// (untimed), so that nothing an analyzer keeps per tree (a static table keyed by the tree) carries over
    /// from an earlier repetition.
    /// </summary>
    private static Compilation Fresh(Compilation compilation, CancellationToken cancellationToken)
    {
        var trees = compilation.SyntaxTrees.ToArray();
        var parsed = new SyntaxTree[trees.Length];
        Parallel.For(0, trees.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var tree = trees[i];
            parsed[i] = CSharpSyntaxTree.ParseText(tree.GetText(cancellationToken), (CSharpParseOptions)tree.Options, tree.FilePath, cancellationToken);
        });

        return compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(parsed);
    }

    /// <summary>
    /// The compiler alone: declaration and method-body binding and flow analysis (<c>GetDiagnostics</c>)
    /// on a fresh copy (<see cref="Fresh"/>), single-threaded. Parsing is not included, nor emit.
    /// </summary>
    public static AnalysisRun Compile(Compilation compilation, CancellationToken cancellationToken)
    {
        var fresh = Fresh(compilation, cancellationToken);
        Stats.Settle();
        var paused = GC.GetTotalPauseDuration();
        var stopwatch = Stopwatch.StartNew();
        var diagnostics = fresh.GetDiagnostics(cancellationToken);
        stopwatch.Stop();
        return new AnalysisRun(stopwatch.Elapsed, GC.GetTotalPauseDuration() - paused, diagnostics, new Dictionary<DiagnosticAnalyzer, AnalyzerTelemetryInfo>(), Array.Empty<string>());
    }

    /// <summary>
    /// The compiler with analyzers on a fresh copy (every method body bound, every analyzer action run,
    /// as in a build), with Roslyn's per-analyzer execution-time logging; the diagnostics are the analyzers'. <paramref name="concurrent"/> is off for
    /// measurements, so that every analyzer's time is single-threaded like the compile time it is compared to.
    /// <paramref name="additionalFiles"/> are what a build passes as additional files (the components' .razor files);
    /// every file gets its own options object, as in a build of a project with an .editorconfig (<see cref="EditorConfigOptionsProvider"/>).
    /// <paramref name="reparse"/> off keeps the corpus's own trees, so that the diagnostics belong to the
    /// workspace's documents (the code-fix measurements need that). <paramref name="settings"/> are added
    /// to every file's options (the scaling mode's <c>session_safety.*</c> values).
    /// </summary>
    public static async Task<AnalysisRun> AnalyzeAsync(Compilation compilation, ImmutableArray<AdditionalText> additionalFiles, ImmutableArray<DiagnosticAnalyzer> analyzers, bool concurrent, CancellationToken cancellationToken, bool reparse = true, IReadOnlyDictionary<string, string>? settings = null)
    {
        var fresh = reparse ? Fresh(compilation, cancellationToken) : compilation.Clone();
        if (concurrent)
        {
            fresh = fresh.WithOptions(fresh.Options.WithConcurrentBuild(true));
        }

        var exceptions = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additionalFiles, new EditorConfigOptionsProvider(fresh.SyntaxTrees, additionalFiles, settings)),
            (exception, analyzer, diagnostic) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}"),
            concurrentAnalysis: concurrent,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = fresh.WithAnalyzers(analyzers, options);
        Stats.Settle();
        var paused = GC.GetTotalPauseDuration();
        var stopwatch = Stopwatch.StartNew();

        // The analysis result carries the execution times (GetAnalyzerTelemetryInfoAsync reports none
        // after GetAllDiagnosticsAsync on Roslyn 5.x). It binds the whole compilation as a build does.
        var analysis = await withAnalyzers.GetAnalysisResultAsync(cancellationToken).ConfigureAwait(false);
        stopwatch.Stop();
        var diagnostics = analysis.GetAllDiagnostics();
        var telemetry = analyzers.ToDictionary(a => a, a => analysis.AnalyzerTelemetryInfo.TryGetValue(a, out var info) ? info : new AnalyzerTelemetryInfo());
        foreach (var diagnostic in diagnostics.Where(d => d.Id == "AD0001"))
        {
            exceptions.Enqueue(diagnostic.GetMessage());
        }

        return new AnalysisRun(stopwatch.Elapsed, GC.GetTotalPauseDuration() - paused, diagnostics, telemetry, exceptions.ToList())
        {
            DiagnosticsByAnalyzer = analyzers.ToDictionary(a => a, a => analysis.GetAllDiagnostics(a)),
        };
    }
}
