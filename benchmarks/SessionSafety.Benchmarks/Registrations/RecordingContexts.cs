using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

#pragma warning disable CS0618 // The nested contexts' public constructors are obsolete; they are what a subclass can call.

namespace SessionSafety.Benchmarks.Registrations;

/// <summary>Records the registrations of one callback invocation into a <see cref="RegistrationScope"/>.</summary>
internal sealed class Recorder
{
    private readonly RegistrationScope scope;
    private readonly Dictionary<string, int> seen = new(StringComparer.Ordinal);

    public Recorder(RegistrationScope scope)
    {
        this.scope = scope;
        scope.CountInvocation();
    }

    public void Leaf(string kind, Action<IRegistrar> replay) => Add(kind, (registrar, _) => replay(registrar), hasChild: false);

    public RegistrationScope Start(string kind, Action<IRegistrar, RegistrationScope?> replay) => Add(kind, replay, hasChild: true).Child!;

    private Registration Add(string kind, Action<IRegistrar, RegistrationScope?> replay, bool hasChild)
    {
        int occurrence;
        lock (seen)
        {
            occurrence = seen.TryGetValue(kind, out var count) ? count + 1 : 1;
            seen[kind] = occurrence;
        }

        return scope.GetOrAdd(occurrence == 1 ? kind : $"{kind} #{occurrence}", replay, hasChild);
    }
}

/// <summary>
/// Each registration is recorded (kind, and what it registers inside when it is a start action) and then
/// forwarded to the real context with the analyzer's own callback, so the analyzer runs as usual.
/// </summary>
internal static class Record
{
    public static void CompilationStart(Recorder recorder, IRegistrar inner, Action<CompilationStartAnalysisContext> action)
    {
        var child = recorder.Start("CompilationStart", static (r, scope) => r.CompilationStart(context => scope!.ReplayNoOp(Registrar.For(context))));
        inner.CompilationStart(context => action(new RecordingCompilationStartContext(context, child)));
    }

    public static void SymbolStart(Recorder recorder, IRegistrar inner, Action<SymbolStartAnalysisContext> action, SymbolKind kind)
    {
        var child = recorder.Start($"SymbolStart[{kind}]", (r, scope) => r.SymbolStart(context => scope!.ReplayNoOp(Registrar.For(context)), kind));
        inner.SymbolStart(context => action(new RecordingSymbolStartContext(context, child)), kind);
    }

    public static void CodeBlockStart<T>(Recorder recorder, IRegistrar inner, Action<CodeBlockStartAnalysisContext<T>> action)
        where T : struct
    {
        var child = recorder.Start($"CodeBlockStart<{typeof(T).Name}>", static (r, scope) => r.CodeBlockStart<T>(context => scope!.ReplayNoOp(Registrar.For(context))));
        inner.CodeBlockStart<T>(context => action(new RecordingCodeBlockStartContext<T>(context, child)));
    }

    public static void OperationBlockStart(Recorder recorder, IRegistrar inner, Action<OperationBlockStartAnalysisContext> action)
    {
        var child = recorder.Start("OperationBlockStart", static (r, scope) => r.OperationBlockStart(context => scope!.ReplayNoOp(Registrar.For(context))));
        inner.OperationBlockStart(context => action(new RecordingOperationBlockStartContext(context, child)));
    }

    public static void CompilationOrEnd(Recorder recorder, IRegistrar inner, string kind, Action<CompilationAnalysisContext> action)
    {
        recorder.Leaf(kind, static r => r.CompilationOrEnd(NoOp.Compilation));
        inner.CompilationOrEnd(action);
    }

    public static void SemanticModel(Recorder recorder, IRegistrar inner, Action<SemanticModelAnalysisContext> action)
    {
        recorder.Leaf("SemanticModel", static r => r.SemanticModel(NoOp.SemanticModel));
        inner.SemanticModel(action);
    }

    public static void SyntaxTree(Recorder recorder, IRegistrar inner, Action<SyntaxTreeAnalysisContext> action)
    {
        recorder.Leaf("SyntaxTree", static r => r.SyntaxTree(NoOp.SyntaxTree));
        inner.SyntaxTree(action);
    }

    public static void AdditionalFile(Recorder recorder, IRegistrar inner, Action<AdditionalFileAnalysisContext> action)
    {
        recorder.Leaf("AdditionalFile", static r => r.AdditionalFile(NoOp.AdditionalFile));
        inner.AdditionalFile(action);
    }

    public static void Symbol(Recorder recorder, IRegistrar inner, Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> kinds)
    {
        recorder.Leaf($"Symbol[{RegistrationScope.Kinds(kinds)}]", r => r.Symbol(NoOp.Symbol, kinds));
        inner.Symbol(action, kinds);
    }

    public static void SymbolEnd(Recorder recorder, IRegistrar inner, Action<SymbolAnalysisContext> action)
    {
        recorder.Leaf("SymbolEnd", static r => r.SymbolEnd(NoOp.Symbol));
        inner.SymbolEnd(action);
    }

    public static void CodeBlock(Recorder recorder, IRegistrar inner, Action<CodeBlockAnalysisContext> action)
    {
        recorder.Leaf("CodeBlock", static r => r.CodeBlock(NoOp.CodeBlock));
        inner.CodeBlock(action);
    }

    public static void CodeBlockEnd(Recorder recorder, IRegistrar inner, Action<CodeBlockAnalysisContext> action)
    {
        recorder.Leaf("CodeBlockEnd", static r => r.CodeBlockEnd(NoOp.CodeBlock));
        inner.CodeBlockEnd(action);
    }

    public static void SyntaxNode<T>(Recorder recorder, IRegistrar inner, Action<SyntaxNodeAnalysisContext> action, ImmutableArray<T> kinds)
        where T : struct
    {
        recorder.Leaf($"SyntaxNode<{typeof(T).Name}>[{RegistrationScope.Kinds(kinds)}]", r => r.SyntaxNode(NoOp.SyntaxNode, kinds));
        inner.SyntaxNode(action, kinds);
    }

    public static void OperationBlock(Recorder recorder, IRegistrar inner, Action<OperationBlockAnalysisContext> action)
    {
        recorder.Leaf("OperationBlock", static r => r.OperationBlock(NoOp.OperationBlock));
        inner.OperationBlock(action);
    }

    public static void OperationBlockEnd(Recorder recorder, IRegistrar inner, Action<OperationBlockAnalysisContext> action)
    {
        recorder.Leaf("OperationBlockEnd", static r => r.OperationBlockEnd(NoOp.OperationBlock));
        inner.OperationBlockEnd(action);
    }

    public static void Operation(Recorder recorder, IRegistrar inner, Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> kinds)
    {
        recorder.Leaf($"Operation[{RegistrationScope.Kinds(kinds)}]", r => r.Operation(NoOp.Operation, kinds));
        inner.Operation(action, kinds);
    }
}

internal sealed class RecordingAnalysisContext(AnalysisContext inner, RegistrationScope scope) : AnalysisContext
{
    private readonly Recorder recorder = new(scope);
    private readonly IRegistrar forward = Registrar.For(inner);

    public override DiagnosticSeverity MinimumReportedSeverity => inner.MinimumReportedSeverity;

    public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
    {
        recorder.Leaf($"ConfigureGeneratedCodeAnalysis({analysisMode})", r => r.ConfigureGeneratedCodeAnalysis(analysisMode));
        inner.ConfigureGeneratedCodeAnalysis(analysisMode);
    }

    public override void EnableConcurrentExecution()
    {
        recorder.Leaf("EnableConcurrentExecution", static r => r.EnableConcurrentExecution());
        inner.EnableConcurrentExecution();
    }

    public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => Record.CompilationStart(recorder, forward, action);

    public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => Record.CompilationOrEnd(recorder, forward, "Compilation", action);

    public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => Record.SemanticModel(recorder, forward, action);

    public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => Record.SyntaxTree(recorder, forward, action);

    public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => Record.AdditionalFile(recorder, forward, action);

    public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => Record.Symbol(recorder, forward, action, symbolKinds);

    public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => Record.SymbolStart(recorder, forward, action, symbolKind);

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => Record.CodeBlockStart(recorder, forward, action);

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => Record.CodeBlock(recorder, forward, action);

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => Record.SyntaxNode(recorder, forward, action, syntaxKinds);

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => Record.OperationBlockStart(recorder, forward, action);

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => Record.OperationBlock(recorder, forward, action);

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => Record.Operation(recorder, forward, action, operationKinds);
}

internal sealed class RecordingCompilationStartContext(CompilationStartAnalysisContext inner, RegistrationScope scope)
    : CompilationStartAnalysisContext(inner.Compilation, inner.Options, inner.CancellationToken)
{
    private readonly Recorder recorder = new(scope);
    private readonly IRegistrar forward = Registrar.For(inner);

    public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => Record.CompilationOrEnd(recorder, forward, "CompilationEnd", action);

    public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => Record.SemanticModel(recorder, forward, action);

    public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => Record.SyntaxTree(recorder, forward, action);

    public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => Record.AdditionalFile(recorder, forward, action);

    public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => Record.Symbol(recorder, forward, action, symbolKinds);

    public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => Record.SymbolStart(recorder, forward, action, symbolKind);

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => Record.CodeBlockStart(recorder, forward, action);

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => Record.CodeBlock(recorder, forward, action);

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => Record.SyntaxNode(recorder, forward, action, syntaxKinds);

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => Record.OperationBlockStart(recorder, forward, action);

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => Record.OperationBlock(recorder, forward, action);

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => Record.Operation(recorder, forward, action, operationKinds);
}

internal sealed class RecordingSymbolStartContext(SymbolStartAnalysisContext inner, RegistrationScope scope)
    : SymbolStartAnalysisContext(inner.Symbol, inner.Compilation, inner.Options, inner.CancellationToken)
{
    private readonly Recorder recorder = new(scope);
    private readonly IRegistrar forward = Registrar.For(inner);

    public override void RegisterSymbolEndAction(Action<SymbolAnalysisContext> action) => Record.SymbolEnd(recorder, forward, action);

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => Record.CodeBlockStart(recorder, forward, action);

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => Record.CodeBlock(recorder, forward, action);

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => Record.SyntaxNode(recorder, forward, action, syntaxKinds);

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => Record.OperationBlockStart(recorder, forward, action);

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => Record.OperationBlock(recorder, forward, action);

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => Record.Operation(recorder, forward, action, operationKinds);
}

internal sealed class RecordingOperationBlockStartContext(OperationBlockStartAnalysisContext inner, RegistrationScope scope)
    : OperationBlockStartAnalysisContext(inner.OperationBlocks, inner.OwningSymbol, inner.Compilation, inner.Options, inner.CancellationToken)
{
    private readonly Recorder recorder = new(scope);
    private readonly IRegistrar forward = Registrar.For(inner);

    public override void RegisterOperationBlockEndAction(Action<OperationBlockAnalysisContext> action) => Record.OperationBlockEnd(recorder, forward, action);

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => Record.Operation(recorder, forward, action, operationKinds);
}

internal sealed class RecordingCodeBlockStartContext<TLanguageKindEnum>(CodeBlockStartAnalysisContext<TLanguageKindEnum> inner, RegistrationScope scope)
    : CodeBlockStartAnalysisContext<TLanguageKindEnum>(inner.CodeBlock, inner.OwningSymbol, inner.SemanticModel, inner.Options, inner.CancellationToken)
    where TLanguageKindEnum : struct
{
    private readonly Recorder recorder = new(scope);
    private readonly IRegistrar forward = Registrar.For(inner);

    public override void RegisterCodeBlockEndAction(Action<CodeBlockAnalysisContext> action) => Record.CodeBlockEnd(recorder, forward, action);

    public override void RegisterSyntaxNodeAction(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => Record.SyntaxNode(recorder, forward, action, syntaxKinds);
}
