using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SessionSafety.Benchmarks.Registrations;

/// <summary>
/// The registration calls that the analysis contexts have in common, so that a recorded registration can
/// be replayed (with an empty callback) on whichever context it was made on.
/// </summary>
internal interface IRegistrar
{
    void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags flags);

    void EnableConcurrentExecution();

    void CompilationStart(Action<CompilationStartAnalysisContext> action);

    /// <summary>A compilation action on the root context; a compilation-end action in a compilation-start scope.</summary>
    void CompilationOrEnd(Action<CompilationAnalysisContext> action);

    void SemanticModel(Action<SemanticModelAnalysisContext> action);

    void SyntaxTree(Action<SyntaxTreeAnalysisContext> action);

    void AdditionalFile(Action<AdditionalFileAnalysisContext> action);

    void Symbol(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> kinds);

    void SymbolStart(Action<SymbolStartAnalysisContext> action, SymbolKind kind);

    void SymbolEnd(Action<SymbolAnalysisContext> action);

    void CodeBlockStart<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
        where TLanguageKindEnum : struct;

    void CodeBlock(Action<CodeBlockAnalysisContext> action);

    void CodeBlockEnd(Action<CodeBlockAnalysisContext> action);

    void SyntaxNode<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> kinds)
        where TLanguageKindEnum : struct;

    void OperationBlockStart(Action<OperationBlockStartAnalysisContext> action);

    void OperationBlock(Action<OperationBlockAnalysisContext> action);

    void OperationBlockEnd(Action<OperationBlockAnalysisContext> action);

    void Operation(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> kinds);
}

/// <summary>Adapters from each analysis context to <see cref="IRegistrar"/>.</summary>
internal static class Registrar
{
    public static IRegistrar For(AnalysisContext context) => new Root(context);

    public static IRegistrar For(CompilationStartAnalysisContext context) => new CompilationStart(context);

    public static IRegistrar For(SymbolStartAnalysisContext context) => new SymbolStart(context);

    public static IRegistrar For(OperationBlockStartAnalysisContext context) => new OperationBlockStart(context);

    public static IRegistrar For<T>(CodeBlockStartAnalysisContext<T> context)
        where T : struct => new CodeBlockStart<T>(context);

    private abstract class Base : IRegistrar
    {
        public virtual void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags flags) => throw NotHere();

        public virtual void EnableConcurrentExecution() => throw NotHere();

        public virtual void CompilationStart(Action<CompilationStartAnalysisContext> action) => throw NotHere();

        public virtual void CompilationOrEnd(Action<CompilationAnalysisContext> action) => throw NotHere();

        public virtual void SemanticModel(Action<SemanticModelAnalysisContext> action) => throw NotHere();

        public virtual void SyntaxTree(Action<SyntaxTreeAnalysisContext> action) => throw NotHere();

        public virtual void AdditionalFile(Action<AdditionalFileAnalysisContext> action) => throw NotHere();

        public virtual void Symbol(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> kinds) => throw NotHere();

        public virtual void SymbolStart(Action<SymbolStartAnalysisContext> action, SymbolKind kind) => throw NotHere();

        public virtual void SymbolEnd(Action<SymbolAnalysisContext> action) => throw NotHere();

        public virtual void CodeBlockStart<T>(Action<CodeBlockStartAnalysisContext<T>> action)
            where T : struct => throw NotHere();

        public virtual void CodeBlock(Action<CodeBlockAnalysisContext> action) => throw NotHere();

        public virtual void CodeBlockEnd(Action<CodeBlockAnalysisContext> action) => throw NotHere();

        public virtual void SyntaxNode<T>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<T> kinds)
            where T : struct => throw NotHere();

        public virtual void OperationBlockStart(Action<OperationBlockStartAnalysisContext> action) => throw NotHere();

        public virtual void OperationBlock(Action<OperationBlockAnalysisContext> action) => throw NotHere();

        public virtual void OperationBlockEnd(Action<OperationBlockAnalysisContext> action) => throw NotHere();

        public virtual void Operation(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> kinds) => throw NotHere();

        private InvalidOperationException NotHere() => new($"{GetType().Name} has no such registration: the recording is inconsistent.");
    }

    private sealed class Root(AnalysisContext c) : Base
    {
        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags flags) => c.ConfigureGeneratedCodeAnalysis(flags);

        public override void EnableConcurrentExecution() => c.EnableConcurrentExecution();

        public override void CompilationStart(Action<CompilationStartAnalysisContext> action) => c.RegisterCompilationStartAction(action);

        public override void CompilationOrEnd(Action<CompilationAnalysisContext> action) => c.RegisterCompilationAction(action);

        public override void SemanticModel(Action<SemanticModelAnalysisContext> action) => c.RegisterSemanticModelAction(action);

        public override void SyntaxTree(Action<SyntaxTreeAnalysisContext> action) => c.RegisterSyntaxTreeAction(action);

        public override void AdditionalFile(Action<AdditionalFileAnalysisContext> action) => c.RegisterAdditionalFileAction(action);

        public override void Symbol(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> kinds) => c.RegisterSymbolAction(action, kinds);

        public override void SymbolStart(Action<SymbolStartAnalysisContext> action, SymbolKind kind) => c.RegisterSymbolStartAction(action, kind);

        public override void CodeBlockStart<T>(Action<CodeBlockStartAnalysisContext<T>> action) => c.RegisterCodeBlockStartAction(action);

        public override void CodeBlock(Action<CodeBlockAnalysisContext> action) => c.RegisterCodeBlockAction(action);

        public override void SyntaxNode<T>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<T> kinds) => c.RegisterSyntaxNodeAction(action, kinds);

        public override void OperationBlockStart(Action<OperationBlockStartAnalysisContext> action) => c.RegisterOperationBlockStartAction(action);

        public override void OperationBlock(Action<OperationBlockAnalysisContext> action) => c.RegisterOperationBlockAction(action);

        public override void Operation(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> kinds) => c.RegisterOperationAction(action, kinds);
    }

    private sealed class CompilationStart(CompilationStartAnalysisContext c) : Base
    {
        public override void CompilationOrEnd(Action<CompilationAnalysisContext> action) => c.RegisterCompilationEndAction(action);

        public override void SemanticModel(Action<SemanticModelAnalysisContext> action) => c.RegisterSemanticModelAction(action);

        public override void SyntaxTree(Action<SyntaxTreeAnalysisContext> action) => c.RegisterSyntaxTreeAction(action);

        public override void AdditionalFile(Action<AdditionalFileAnalysisContext> action) => c.RegisterAdditionalFileAction(action);

        public override void Symbol(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> kinds) => c.RegisterSymbolAction(action, kinds);

        public override void SymbolStart(Action<SymbolStartAnalysisContext> action, SymbolKind kind) => c.RegisterSymbolStartAction(action, kind);

        public override void CodeBlockStart<T>(Action<CodeBlockStartAnalysisContext<T>> action) => c.RegisterCodeBlockStartAction(action);

        public override void CodeBlock(Action<CodeBlockAnalysisContext> action) => c.RegisterCodeBlockAction(action);

        public override void SyntaxNode<T>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<T> kinds) => c.RegisterSyntaxNodeAction(action, kinds);

        public override void OperationBlockStart(Action<OperationBlockStartAnalysisContext> action) => c.RegisterOperationBlockStartAction(action);

        public override void OperationBlock(Action<OperationBlockAnalysisContext> action) => c.RegisterOperationBlockAction(action);

        public override void Operation(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> kinds) => c.RegisterOperationAction(action, kinds);
    }

    private sealed class SymbolStart(SymbolStartAnalysisContext c) : Base
    {
        public override void SymbolEnd(Action<SymbolAnalysisContext> action) => c.RegisterSymbolEndAction(action);

        public override void CodeBlockStart<T>(Action<CodeBlockStartAnalysisContext<T>> action) => c.RegisterCodeBlockStartAction(action);

        public override void CodeBlock(Action<CodeBlockAnalysisContext> action) => c.RegisterCodeBlockAction(action);

        public override void SyntaxNode<T>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<T> kinds) => c.RegisterSyntaxNodeAction(action, kinds);

        public override void OperationBlockStart(Action<OperationBlockStartAnalysisContext> action) => c.RegisterOperationBlockStartAction(action);

        public override void OperationBlock(Action<OperationBlockAnalysisContext> action) => c.RegisterOperationBlockAction(action);

        public override void Operation(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> kinds) => c.RegisterOperationAction(action, kinds);
    }

    private sealed class OperationBlockStart(OperationBlockStartAnalysisContext c) : Base
    {
        public override void OperationBlockEnd(Action<OperationBlockAnalysisContext> action) => c.RegisterOperationBlockEndAction(action);

        public override void Operation(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> kinds) => c.RegisterOperationAction(action, kinds);
    }

    private sealed class CodeBlockStart<TKind>(CodeBlockStartAnalysisContext<TKind> c) : Base
        where TKind : struct
    {
        public override void CodeBlockEnd(Action<CodeBlockAnalysisContext> action) => c.RegisterCodeBlockEndAction(action);

        public override void SyntaxNode<T>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<T> kinds)
        {
            if (kinds is ImmutableArray<TKind> same)
            {
                c.RegisterSyntaxNodeAction(action, same);
                return;
            }

            throw new InvalidOperationException($"A code block of {typeof(TKind).Name} cannot register syntax kinds of {typeof(T).Name}.");
        }
    }
}
