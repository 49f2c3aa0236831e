using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionSafety.Benchmarks.Corpus;
using SessionSafety.Benchmarks.Measurement;
using SessionSafety.Benchmarks.Scaling.Shapes;

namespace SessionSafety.Benchmarks.Scaling;

/// <summary>
/// The scaling mode (issue #20): each shape at each size, measured as the benchmark measures the
/// corpus (<see cref="AnalysisRun"/>: fresh trees, single-threaded, the driver's per-analyzer time),
/// with the shape's rule's analyzer alone in the pass: the time limit then stops a shape for its own
/// rule's growth, not for another rule's on the same code (which that rule's own shapes measure).
/// </summary>
public static class ScalingRunner
{
    /// <summary>Warm-up and the compile check run at this size (or the smallest requested, if smaller).</summary>
    private const int WarmUpSize = 64;

    public static async Task<ScalingResult> RunAsync(ScalingOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        var total = Stopwatch.StartNew();
        var result = new ScalingResult(options)
        {
            Environment = Machine.Describe(),
            Commit = Machine.Commit(),
            Started = DateTime.UtcNow,
        };
        void Log(string message) => log.WriteLine($"[{total.Elapsed:mm\\:ss}] {message}");

        var shapes = Select(options.Shapes, result);
        var analyzers = Discovery.Analyzers();
        var references = CorpusReferences.Load();
        foreach (var shape in shapes)
        {
            var analyzer = analyzers.FirstOrDefault(a => Discovery.RuleIds(a).Contains(shape.Rule));
            if (analyzer is null)
            {
                result.Failures.Add($"{shape}: no analyzer in SessionSafety.Analyzers reports {shape.Rule}.");
                continue;
            }

            var figures = new ShapeFigures(shape) { Load = Machine.LoadAverage() ?? "?" };
            result.Shapes.Add(figures);
            Log($"{shape}: {shape.Description} (load average {figures.Load})");
            var alone = ImmutableArray.Create(analyzer);
            if (!await CheckAndWarmUpAsync(shape, Math.Min(WarmUpSize, options.Sizes[0]), alone, references, options.WarmUps, result, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            foreach (var n in options.Sizes)
            {
                var size = await MeasureAsync(shape, n, alone, references, options, result, cancellationToken).ConfigureAwait(false);
                figures.Sizes.Add(size);
                Log(size.TimedOut
                    ? $"  N = {n:N0}: stopped after {options.TimeLimit.TotalSeconds:0} s; larger sizes skipped"
                    : $"  N = {n:N0}: {shape.Rule} [{string.Join(", ", size.RuleMilliseconds.Select(t => t.ToString("N1", System.Globalization.CultureInfo.InvariantCulture)))}] ms, "
                        + $"pass {Stats.Median(size.WallMilliseconds):N0} ms; "
                        + string.Join(", ", size.Diagnostics.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} {d.Value:N0}")));
                if (size.TimedOut)
                {
                    break;
                }
            }
        }

        result.LoadAtEnd = Machine.LoadAverage() ?? "?";
        result.Duration = total.Elapsed;
        return result;
    }

    /// <summary>The shapes the selectors name (all without selectors); a selector that names none is a failure.</summary>
    private static IReadOnlyList<ScalingShape> Select(IReadOnlyList<string> selectors, ScalingResult result)
    {
        if (selectors.Count == 0)
        {
            return ScalingShapes.All;
        }

        foreach (var selector in selectors.Where(s => !ScalingShapes.All.Any(shape => shape.Matches(s))))
        {
            result.Failures.Add($"No shape matches '{selector}'; the shapes are: {string.Join(", ", ScalingShapes.All)}.");
        }

        return ScalingShapes.All.Where(shape => selectors.Any(shape.Matches)).ToList();
    }

    /// <summary>The shape at a small size must compile without errors; then the untimed warm-up passes.</summary>
    private static async Task<bool> CheckAndWarmUpAsync(ScalingShape shape, int n, ImmutableArray<DiagnosticAnalyzer> analyzers, IReadOnlyList<MetadataReference> references, int warmUps, ScalingResult result, CancellationToken cancellationToken)
    {
        var instance = ShapeInstance.Create(shape, n, references, cancellationToken);
        var errors = instance.Compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            result.Failures.Add($"{shape} at N = {n} has {errors.Count} compiler errors; first: {errors[0]}");
            return false;
        }

        for (var i = 0; i < warmUps; i++)
        {
            var run = await AnalysisRun.AnalyzeAsync(instance.Compilation, instance.AdditionalFiles, analyzers, concurrent: false, cancellationToken, settings: instance.Settings).ConfigureAwait(false);
            CheckNoAnalyzerExceptions(shape, run, result);
        }

        return true;
    }

    private static async Task<SizeFigures> MeasureAsync(
        ScalingShape shape,
        int n,
        ImmutableArray<DiagnosticAnalyzer> alone,
        IReadOnlyList<MetadataReference> references,
        ScalingOptions options,
        ScalingResult result,
        CancellationToken cancellationToken)
    {
        var instance = ShapeInstance.Create(shape, n, references, cancellationToken);
        var size = new SizeFigures(n, shape.ExpectedDiagnostics(n));
        var spent = TimeSpan.Zero;
        for (var repetition = 0; repetition < options.Repetitions; repetition++)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(options.TimeLimit);
            var pass = Stopwatch.StartNew();
            AnalysisRun run;
            try
            {
                run = await AnalysisRun.AnalyzeAsync(instance.Compilation, instance.AdditionalFiles, alone, concurrent: false, limit.Token, settings: instance.Settings).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                size.TimedOut = true;
                break;
            }

            CheckNoAnalyzerExceptions(shape, run, result);
            size.RuleMilliseconds.Add(run.Telemetry[alone[0]].ExecutionTime.TotalMilliseconds);
            size.WallMilliseconds.Add(run.Wall.TotalMilliseconds);
            if (repetition == 0)
            {
                foreach (var group in run.Diagnostics.GroupBy(d => d.Id))
                {
                    size.Diagnostics[group.Key] = group.Count();
                }

                var found = size.Diagnostics.GetValueOrDefault(shape.Rule);
                if (found != size.Expected)
                {
                    result.Failures.Add($"{shape} at N = {n:N0}: {found:N0} {shape.Rule} diagnostics, the shape expects {size.Expected:N0} (its code no longer exercises the rule as written, or the rule changed its verdict).");
                }
            }

            // A pass that finished past the limit (a callback that did not look at the token) stops the shape too.
            if (pass.Elapsed > options.TimeLimit)
            {
                size.TimedOut = true;
                break;
            }

            // Enough passes: the rule's time is far above any bar (its noise cannot change a verdict), or
            // the size has taken the time limit already (the compiler's own binding can dominate a pass:
            // 8,000 typed-client registrations), so that a size costs at most about twice the limit.
            spent += pass.Elapsed;
            if (size.RuleMilliseconds[^1] > options.RepeatBelow.TotalMilliseconds || spent > options.TimeLimit)
            {
                break;
            }
        }

        return size;
    }

    private static void CheckNoAnalyzerExceptions(ScalingShape shape, AnalysisRun run, ScalingResult result)
    {
        foreach (var exception in run.AnalyzerExceptions.Distinct().Take(5))
        {
            var message = $"{shape}: AD0001: {exception}";
            if (!result.Failures.Contains(message))
            {
                result.Failures.Add(message);
            }
        }
    }

    /// <summary>A shape's code at one size as a compilation: its C# files, and its .razor files through the SDK's Razor generator.</summary>
    private sealed record ShapeInstance(CSharpCompilation Compilation, ImmutableArray<AdditionalText> AdditionalFiles, IReadOnlyDictionary<string, string> Settings)
    {
        private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

        public static ShapeInstance Create(ScalingShape shape, int n, IReadOnlyList<MetadataReference> references, CancellationToken cancellationToken)
        {
            var code = shape.Write(n);
            var compilation = CSharpCompilation.Create(
                "Contoso.Scaling",
                code.Sources.Select(Parse),
                references,
                CorpusWorkspace.CompilationOptions().WithConcurrentBuild(false));
            var razorFiles = code.RazorFiles.Select(f => new RazorFile($"{ShapeSources.Folder}/{f.Path}", f.Markup)).ToList();
            if (razorFiles.Count > 0)
            {
                compilation = compilation.AddSyntaxTrees(RazorGenerator.Generate(compilation, ShapeSources.Folder, razorFiles, cancellationToken).Select(Parse));
            }

            return new ShapeInstance(compilation, razorFiles.ToImmutableArray<AdditionalText>(), code.Options);
        }

        private static SyntaxTree Parse(CorpusFile file) =>
            CSharpSyntaxTree.ParseText(file.Text, ParseOptions, file.Path, Encoding.UTF8);
    }
}
