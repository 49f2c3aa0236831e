using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers;

/// <summary>
/// The set-up every rule shares (the model is xunit.analyzers' <c>XunitDiagnosticAnalyzer</c>): concurrent
/// execution, Razor output analyzed and other generated code skipped, and per compilation a
/// <see cref="SourceScope"/> that knows which files and members the rule looks at (test projects, the
/// rule's <see cref="Words"/>) and each file's options. A rule says what it reports, which words its code
/// must contain, and what it registers once the compilation starts.
/// </summary>
public abstract class SessionSafetyAnalyzer : DiagnosticAnalyzer
{
    private protected SessionSafetyAnalyzer(params DiagnosticDescriptor[] descriptors)
    {
        SupportedDiagnostics = ImmutableArray.Create(descriptors);
    }

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <summary>
    /// Text that any code the rule looks for must contain, registered with the shared word index
    /// (<see cref="SourceWords.Register"/>): a member whose text has none of them is never analyzed.
    /// Null: every member of an analyzed file.
    /// </summary>
    private protected virtual WordSet? Words => null;

    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();

        // Razor output must be analyzed for its diagnostics to show in .razor files; SourceScope skips the
        // rest of the generated code (see docs/rules/SESS001.md, "Razor").
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start => AnalyzeCompilation(start, SourceScope.Create(start.Compilation, start.Options, Words)));
    }

    /// <summary>
    /// Registers the rule's actions for one compilation. Resolve known types lazily
    /// (<see cref="SourceScope.RegisterMemberStartAction{TState}"/>) and register nothing when they are absent.
    /// </summary>
    private protected abstract void AnalyzeCompilation(CompilationStartAnalysisContext context, SourceScope scope);
}
