using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SessionSafety.Benchmarks.Registrations;

/// <summary>The empty callbacks of the no-op twin: one static delegate per context type, allocated once.</summary>
internal static class NoOp
{
    public static readonly Action<CompilationAnalysisContext> Compilation = static _ => { };
    public static readonly Action<SemanticModelAnalysisContext> SemanticModel = static _ => { };
    public static readonly Action<SyntaxTreeAnalysisContext> SyntaxTree = static _ => { };
    public static readonly Action<AdditionalFileAnalysisContext> AdditionalFile = static _ => { };
    public static readonly Action<SymbolAnalysisContext> Symbol = static _ => { };
    public static readonly Action<CodeBlockAnalysisContext> CodeBlock = static _ => { };
    public static readonly Action<SyntaxNodeAnalysisContext> SyntaxNode = static _ => { };
    public static readonly Action<OperationBlockAnalysisContext> OperationBlock = static _ => { };
    public static readonly Action<OperationAnalysisContext> Operation = static _ => { };
}
