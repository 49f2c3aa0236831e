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
/// must contain (both to the constructor), and what it registers once the compilation starts.
/// </summary>
public abstract class SessionSafetyAnalyzer : DiagnosticAnalyzer
{
    private readonly WordSet? words;

    /// <param name="descriptor">What the rule reports.</param>
    /// <param name="words">
    /// Text that any code the rule looks for must contain, registered with the shared word index
    /// (<see cref="SourceWords.Register"/>): a member whose text has none of them is never analyzed.
    /// None: every member of an analyzed file.
    /// </param>
    private protected SessionSafetyAnalyzer(DiagnosticDescriptor descriptor, params string[] words)
    {
        SupportedDiagnostics = ImmutableArray.Create(descriptor);
        this.words = words.Length == 0 ? null : SourceWords.Register(words);
    }

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();

        // Razor output must be analyzed for its diagnostics to show in .razor files; SourceScope skips the
        // rest of the generated code (README, "Razor").
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start => AnalyzeCompilation(start, SourceScope.Create(start.Compilation, start.Options, words)));
    }

    /// <summary>
    /// Registers the rule's actions for one compilation. Resolve known types lazily
    /// (<see cref="SourceScope.RegisterMemberStartAction{TState}"/>) and register nothing when they are absent.
    /// </summary>
    private protected abstract void AnalyzeCompilation(CompilationStartAnalysisContext context, SourceScope scope);
}
