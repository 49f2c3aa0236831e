using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionSafety.Benchmarks;
using SessionSafety.Benchmarks.Registrations;
using SessionSafety.Benchmarks.Reporting;

// EveryActionKindAnalyzer is a test analyzer, never shipped: the authoring rules about release
// tracking (RS2008), extended rules (RS1036), Workspaces references (RS1038) and the target framework
// (RS1041) do not apply to it.
#pragma warning disable RS1036, RS1038, RS1041, RS2008

namespace SessionSafety.Tests.Benchmarks;

/// <summary>
/// The performance benchmark (benchmarks/SessionSafety.Benchmarks, docs/performance.md) is not run by
/// the tests: it takes minutes. These check that its harness works, on a tiny corpus, in seconds.
/// </summary>
public sealed class BenchmarkSmokeTests
{
    [Fact]
    public async Task QuickRun_MeasuresEveryAnalyzerAgainstItsNoOpTwinAndTimesTheFixes()
    {
        var log = new StringWriter();

        var result = await BenchmarkRunner.RunAsync(BenchmarkOptions.Quick, log);

        // Failures include: corpus compile errors, AD0001, a rule that reports nothing on the corpus,
        // a twin whose registrations differ from its analyzer's, a fix that offers nothing.
        Assert.True(result.Failures.Count == 0, string.Join(Environment.NewLine, result.Failures) + Environment.NewLine + log);
        Assert.True(result.Lines >= BenchmarkOptions.Quick.Lines, $"{result.Lines} lines");
        Assert.True(result.CompileMedian > 0);

        var analyzerTypes = typeof(SessionSafety.Analyzers.DiagnosticIds).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => t.Name)
            .OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(analyzerTypes, result.Analyzers.Select(a => a.Name.Split(' ').Last().Trim('(', ')')).OrderBy(n => n, StringComparer.Ordinal));
        foreach (var analyzer in result.Analyzers)
        {
            Assert.Single(analyzer.Milliseconds);
            Assert.Single(analyzer.NoOpMilliseconds);
            Assert.Contains(analyzer.Registrations, r => r.StartsWith("CompilationStart", StringComparison.Ordinal));
            foreach (var id in analyzer.RuleIds)
            {
                Assert.True(analyzer.Diagnostics[id] > 0, $"{id} reported nothing on the quick corpus");
            }
        }

        var fixProviders = typeof(SessionSafety.CodeFixes.FixEquivalenceKeys).Assembly.GetTypes()
            .Count(t => typeof(Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract);
        Assert.Equal(fixProviders, result.SingleFixes.Count);
        Assert.All(result.SingleFixes, f => Assert.NotEmpty(f.Milliseconds));
        Assert.All(result.FixAlls, f => Assert.True(f.Skipped is not null || f.ChangedDocuments > 0, $"{f.Provider} {f.EquivalenceKey}"));

        var report = Report.Text(result);
        Assert.Contains("vs no-op", report);
        Assert.Contains("All SessionSafety analyzers", report);
    }

    [Fact]
    public async Task NoOpTwin_RegistersExactlyWhatTheAnalyzerRegistered()
    {
        var compilation = CSharpCompilation.Create(
            "Twin",
            new[]
            {
                CSharpSyntaxTree.ParseText("""
                    class C
                    {
                        int field;
                        void M() { N(); field = 1; }
                        void N() { System.Console.WriteLine(field); }
                    }
                    """),
            },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location), MetadataReference.CreateFromFile(typeof(Console).Assembly.Location) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var recorder = new RecordingAnalyzer(new EveryActionKindAnalyzer());

        await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(recorder)).GetAnalysisResultAsync(default);
        var twin = new RecordingAnalyzer(new NoOpTwinAnalyzer("every action kind", 1, recorder.Root));
        var twinResult = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(twin)).GetAnalysisResultAsync(default);

        var expected = recorder.Root.Describe().ToList();
        Assert.Equal(expected, twin.Root.Describe().ToList());
        Assert.Contains("CompilationStart / OperationBlockStart / Operation[Invocation, SimpleAssignment]", expected);
        Assert.Contains("CompilationStart / SymbolStart[NamedType] / SymbolEnd", expected);
        Assert.Contains("CompilationStart / CodeBlockStart<SyntaxKind> / SyntaxNode<SyntaxKind>[InvocationExpression]", expected);
        Assert.Contains("CompilationStart / Operation[Invocation] #2", expected);
        Assert.Empty(twinResult.GetAllDiagnostics());
    }

    /// <summary>Registers one of every kind of action, nested as analyzers do.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class EveryActionKindAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TEST001", "t", "t", "t", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxTreeAction(_ => { });
            context.RegisterCompilationStartAction(start =>
            {
                start.RegisterOperationAction(_ => { }, OperationKind.Invocation);
                start.RegisterOperationAction(_ => { }, OperationKind.Invocation);
                start.RegisterSyntaxNodeAction(_ => { }, SyntaxKind.InvocationExpression, SyntaxKind.SimpleAssignmentExpression);
                start.RegisterSymbolAction(_ => { }, SymbolKind.Method, SymbolKind.Field);
                start.RegisterSemanticModelAction(_ => { });
                start.RegisterOperationBlockStartAction(block =>
                {
                    block.RegisterOperationAction(_ => { }, OperationKind.Invocation, OperationKind.SimpleAssignment);
                    block.RegisterOperationBlockEndAction(_ => { });
                });
                start.RegisterSymbolStartAction(
                    symbol =>
                    {
                        symbol.RegisterOperationAction(_ => { }, OperationKind.FieldReference);
                        symbol.RegisterSymbolEndAction(_ => { });
                    },
                    SymbolKind.NamedType);
                start.RegisterCodeBlockStartAction<SyntaxKind>(block =>
                {
                    block.RegisterSyntaxNodeAction(_ => { }, SyntaxKind.InvocationExpression);
                    block.RegisterCodeBlockEndAction(_ => { });
                });
                start.RegisterCompilationEndAction(_ => { });
            });
        }
    }
}
