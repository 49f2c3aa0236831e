using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionSafety.Benchmarks.Corpus;
using SessionSafety.Benchmarks.Measurement;
using SessionSafety.Benchmarks.Registrations;

namespace SessionSafety.Benchmarks;

/// <summary>
/// The whole benchmark: generate the corpus, record what each analyzer registers and build its no-op
/// twin, then per repetition time the compiler alone and the compiler with every SessionSafety analyzer
/// and every twin (Roslyn's execution-time logging), then time the code fixes.
/// </summary>
public static class BenchmarkRunner
{
    public static async Task<BenchmarkResult> RunAsync(BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        var total = Stopwatch.StartNew();
        var result = new BenchmarkResult(options) { Environment = Machine.Describe() };
        void Log(string message) => log.WriteLine($"[{total.Elapsed:mm\\:ss}] {message}");

        Log($"Generating the corpus ({options.Lines:N0} lines)…");
        var corpus = CorpusGenerator.Generate(options.Lines);
        result.Files = corpus.Files.Count;
        result.Lines = corpus.Lines;
        result.Units = corpus.Units;
        result.Planted = corpus.Planted;
        result.Calls = corpus.Calls;

        Log($"Parsing {corpus.Files.Count:N0} files into a workspace…");
        var workspace = await CorpusWorkspace.CreateAsync(corpus, CorpusReferences.Load(), cancellationToken).ConfigureAwait(false);
        var compilation = workspace.Compilation;
        var razorFiles = corpus.RazorSources.Select(path => (AdditionalText)new RazorFile(path)).ToImmutableArray();

        var analyzers = Discovery.Analyzers();
        if (analyzers.Count == 0)
        {
            result.Failures.Add("No analyzer found in SessionSafety.Analyzers.");
            return Finish(result, total);
        }

        Log($"Recording what {analyzers.Count} analyzer(s) register on the corpus (untimed)…");
        var recorders = analyzers.Select(a => new RecordingAnalyzer(a)).ToList();
        var recording = await AnalysisRun.AnalyzeAsync(compilation, razorFiles, recorders.ToImmutableArray<DiagnosticAnalyzer>(), concurrent: true, cancellationToken).ConfigureAwait(false);
        CheckNoAnalyzerExceptions(recording, result);
        var twins = analyzers.Select((a, i) => new NoOpTwinAnalyzer(Discovery.Describe(a), i + 1, recorders[i].Root)).ToList();
        foreach (var (analyzer, recorder) in analyzers.Zip(recorders))
        {
            result.Analyzers.Add(new AnalyzerFigures(Discovery.Describe(analyzer), Discovery.RuleIds(analyzer))
            {
                Registrations = recorder.Root.Describe().ToList(),
            });
        }

        // A second instance of each analyzer runs last in the same pass: the semantic work the first one
        // triggered (binding other files, members) is done by then, so its time shows how much of the
        // first one's was binding moved from the driver into the rule rather than added by it.
        // With --again-from they come from a renamed copy of the assembly instead (see BenchmarkOptions.AgainFrom).
        var againAssembly = options.AgainFrom is { } copy ? Assembly.LoadFrom(Path.GetFullPath(copy)) : null;
        var again = analyzers
            .Select(a => (DiagnosticAnalyzer)Activator.CreateInstance(againAssembly?.GetType(a.GetType().FullName!, throwOnError: true) ?? a.GetType())!)
            .ToList();
        var measured = analyzers.Concat(twins).Concat(again).ToImmutableArray();

        // The first run after the recording runs the twins recorded, to prove they register what the
        // real analyzers did; its diagnostics feed the code-fix measurements. It is the warm-up, or in
        // a quick run (no warm-up) the one repetition.
        var twinRecorders = twins.Select(t => new RecordingAnalyzer(t)).ToList();
        var checkedRun = analyzers.Concat<DiagnosticAnalyzer>(twinRecorders).Concat(again).ToImmutableArray();
        var twinsChecked = false;
        var fixDiagnostics = ImmutableArray<Diagnostic>.Empty;
        async Task<AnalysisRun> AnalyzeMeasuredAsync()
        {
            if (twinsChecked)
            {
                return await AnalysisRun.AnalyzeAsync(compilation, razorFiles, measured, concurrent: false, cancellationToken).ConfigureAwait(false);
            }

            // On the corpus's own trees: its diagnostics must point into the workspace's documents.
            var run = await AnalysisRun.AnalyzeAsync(compilation, razorFiles, checkedRun, concurrent: false, cancellationToken, reparse: false).ConfigureAwait(false);
            CheckTwins(recorders, twinRecorders, result);
            fixDiagnostics = analyzers.SelectMany(a => run.DiagnosticsByAnalyzer[a]).ToImmutableArray();
            twinsChecked = true;
            return run;
        }

        for (var warmUp = 0; warmUp < options.WarmUps; warmUp++)
        {
            Log($"Warm-up {warmUp + 1}: compile, then compile with the analyzers and their no-op twins…");
            var compile = AnalysisRun.Compile(compilation, cancellationToken);
            CheckCorpusCompiles(compile, result);
            CheckNoAnalyzerExceptions(await AnalyzeMeasuredAsync().ConfigureAwait(false), result);
        }

        for (var repetition = 1; repetition <= options.Repetitions; repetition++)
        {
            var compile = AnalysisRun.Compile(compilation, cancellationToken);
            CheckCorpusCompiles(compile, result);
            result.CompileMilliseconds.Add(compile.Wall.TotalMilliseconds);
            var wrapped = !twinsChecked;
            var run = await AnalyzeMeasuredAsync().ConfigureAwait(false);
            CheckNoAnalyzerExceptions(run, result);
            for (var i = 0; i < analyzers.Count; i++)
            {
                var figures = result.Analyzers[i];
                figures.Milliseconds.Add(run.Telemetry[analyzers[i]].ExecutionTime.TotalMilliseconds);
                figures.NoOpMilliseconds.Add(run.Telemetry[wrapped ? twinRecorders[i] : twins[i]].ExecutionTime.TotalMilliseconds);
                figures.AgainMilliseconds.Add(run.Telemetry[again[i]].ExecutionTime.TotalMilliseconds);
                figures.Diagnostics.Clear();
                foreach (var id in analyzers[i].SupportedDiagnostics.Select(d => d.Id).Distinct())
                {
                    figures.Diagnostics[id] = run.DiagnosticsByAnalyzer[analyzers[i]].Count(d => d.Id == id);
                }
            }

            Log($"Repetition {repetition}: compile {compile.Wall.TotalMilliseconds:N0} ms (GC pauses {compile.GcPauses.TotalMilliseconds:N0} ms); "
                + string.Join("; ", result.Analyzers.Select(a => $"{a.ShortName} {a.Milliseconds[^1]:N1} ms (no-op {a.NoOpMilliseconds[^1]:N1}, again {a.AgainMilliseconds[^1]:N1})"))
                + $"; compile with analyzers and twins {run.Wall.TotalMilliseconds:N0} ms (GC pauses {run.GcPauses.TotalMilliseconds:N0} ms)");
        }

        CheckEveryRuleFires(result);

        if (options.MeasureFixes)
        {
            Log("Code fixes: one diagnostic at a time, then Fix All in solution scope…");
            var (single, fixAll) = await FixMeasurement.MeasureAsync(workspace, Discovery.CodeFixes(), fixDiagnostics, options.FixSamples, m => Log(m), cancellationToken).ConfigureAwait(false);
            result.SingleFixes.AddRange(single);
            result.FixAlls.AddRange(fixAll);
            CheckFixes(result);
        }

        Log("Done.");
        return Finish(result, total);
    }

    private static BenchmarkResult Finish(BenchmarkResult result, Stopwatch total)
    {
        result.Duration = total.Elapsed;
        return result;
    }

    private static void CheckCorpusCompiles(AnalysisRun run, BenchmarkResult result)
    {
        if (result.Failures.Any(f => f.StartsWith("The corpus has", StringComparison.Ordinal)))
        {
            return;
        }

        var errors = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("SESS", StringComparison.Ordinal)).ToList();
        if (errors.Count > 0)
        {
            result.Failures.Add($"The corpus has {errors.Count} compiler errors (a meaningless compile time); first: {errors[0]}");
        }
    }

    private static void CheckNoAnalyzerExceptions(AnalysisRun run, BenchmarkResult result)
    {
        foreach (var exception in run.AnalyzerExceptions.Distinct().Take(5))
        {
            var message = $"AD0001: {exception}";
            if (!result.Failures.Contains(message))
            {
                result.Failures.Add(message);
            }
        }
    }

    /// <summary>The twin must register exactly what the real analyzer did, level by level: else the baseline is not the floor.</summary>
    private static void CheckTwins(IReadOnlyList<RecordingAnalyzer> real, IReadOnlyList<RecordingAnalyzer> twins, BenchmarkResult result)
    {
        for (var i = 0; i < real.Count; i++)
        {
            var expected = real[i].Root.Describe().ToList();
            var actual = twins[i].Root.Describe().ToList();
            if (!expected.SequenceEqual(actual))
            {
                result.Failures.Add(
                    $"The no-op twin of {Discovery.Describe(real[i].Inner)} registers [{string.Join("; ", actual)}] instead of [{string.Join("; ", expected)}].");
            }
        }
    }

    /// <summary>An analyzer that registers nothing on the corpus measures nothing: every rule must fire.</summary>
    private static void CheckEveryRuleFires(BenchmarkResult result)
    {
        foreach (var analyzer in result.Analyzers)
        {
            foreach (var id in analyzer.RuleIds.Where(id => analyzer.Diagnostics.GetValueOrDefault(id) == 0))
            {
                result.Failures.Add($"{id} reported nothing on the corpus: its types did not resolve or the generator lacks its shapes (Corpus/).");
            }
        }
    }

    private static void CheckFixes(BenchmarkResult result)
    {
        foreach (var fix in result.SingleFixes)
        {
            if (fix.Candidates == 0)
            {
                result.Failures.Add($"{fix.Provider}: no diagnostic to fix in the corpus.");
            }
            else if (fix.KeysOffered.Count == 0)
            {
                result.Failures.Add($"{fix.Provider}: offered no fix for any of {fix.Milliseconds.Count} diagnostics.");
            }
        }

        foreach (var fixAll in result.FixAlls.Where(f => f.Skipped is null && f.ChangedDocuments == 0))
        {
            result.Failures.Add($"{fixAll.Provider} Fix All ({fixAll.EquivalenceKey}) changed no document.");
        }

        if (!result.Options.IsQuick && !result.FixAlls.Any(f => f.Skipped is null && f.Diagnostics >= BenchmarkResult.FixAllDiagnosticsForTarget))
        {
            result.Failures.Add($"No Fix All ran over {BenchmarkResult.FixAllDiagnosticsForTarget:N0} diagnostics or more: raise --lines.");
        }
    }
}
