using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SessionSafety.Tests.Verifiers;

/// <summary>
/// Analyzer verification with the official testing library's shape:
/// <c>using Verify = CSharpAnalyzerVerifier&lt;MyAnalyzer&gt;;</c> then
/// <c>await Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic().WithLocation(0).WithArguments(…));</c>
/// </summary>
public static class CSharpAnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>A diagnostic of the analyzer's single rule (SESS000 aside).</summary>
    public static DiagnosticResult Diagnostic() => DiagnosticFactory.Single(new TAnalyzer());

    /// <summary>A diagnostic with the given ID (the analyzer's descriptor for it, when it has one).</summary>
    public static DiagnosticResult Diagnostic(string diagnosticId) => DiagnosticFactory.ById(new TAnalyzer(), diagnosticId);

    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    /// <summary>Verifies that the analyzer reports exactly what the markup and <paramref name="expected"/> say.</summary>
    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : AnalyzerTest
    {
        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => new[] { new TAnalyzer() };
    }
}

internal static class DiagnosticFactory
{
    public static DiagnosticResult Single(DiagnosticAnalyzer analyzer)
    {
        var id = AnalyzerTest.DefaultDiagnosticId(new[] { analyzer });
        return new DiagnosticResult(analyzer.SupportedDiagnostics.First(d => d.Id == id));
    }

    public static DiagnosticResult ById(DiagnosticAnalyzer analyzer, string id)
    {
        var descriptor = analyzer.SupportedDiagnostics.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.Ordinal));
        return descriptor is null ? new DiagnosticResult(id) : new DiagnosticResult(descriptor);
    }
}
