using System;
using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Verify = SessionSafety.Tests.Verifiers.CSharpAnalyzerVerifier<SessionSafety.Tests.Meta.AnalyzerExceptionTests.ThrowingAnalyzer>;

namespace SessionSafety.Tests.Meta;

/// <summary>An analyzer exception (AD0001) is a bug: the library reports it as a diagnostic no test expects, so the test fails.</summary>
public sealed class AnalyzerExceptionTests
{
    [Fact]
    public async Task AnalyzerThatThrows_FailsTheTest()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Verify.VerifyAnalyzerAsync("class C { }"));
        Assert.Contains("AD0001", failure.Message, StringComparison.Ordinal);
    }

#pragma warning disable RS1001, RS2008 // A test double that is never loaded by a compiler or shipped: no attribute, no release tracking.
    public sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TEST0001", "Test", "Test", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);
#pragma warning restore RS1001, RS2008

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxTreeAction(_ => throw new InvalidOperationException("a bug"));
        }
    }
}
