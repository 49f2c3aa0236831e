using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SessionSafety.Benchmarks.Registrations;

/// <summary>
/// Runs <see cref="Inner"/> unchanged while recording every registration it makes, at every level
/// (Initialize, compilation start, symbol/operation/code block start), over a whole compilation.
/// Used only in the untimed recording pass and to check the twin against it.
/// </summary>
internal sealed class RecordingAnalyzer(DiagnosticAnalyzer inner) : DiagnosticAnalyzer
{
    public DiagnosticAnalyzer Inner { get; } = inner;

    public RegistrationScope Root { get; } = new();

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Inner.SupportedDiagnostics;

    public override void Initialize(AnalysisContext context) => Inner.Initialize(new RecordingAnalysisContext(context, Root));
}

/// <summary>
/// The no-op baseline for one real analyzer: it makes exactly the registrations the real analyzer made on
/// the same compilation (same configuration calls, same action kinds with the same operation/syntax/symbol
/// kinds, at the same nesting) and does nothing in any of them. At nested levels (inside a symbol, operation
/// block or code block start) it registers the union of what the real analyzer registered there on every
/// invocation, so it never does less than the real analyzer's registrations ask of the driver.
/// </summary>
internal sealed class NoOpTwinAnalyzer : DiagnosticAnalyzer
{
    private readonly RegistrationScope shape;
    private readonly DiagnosticDescriptor descriptor;

    public NoOpTwinAnalyzer(string name, int index, RegistrationScope shape)
    {
        Name = name;
        this.shape = shape;
        shape.Freeze();
        descriptor = new DiagnosticDescriptor(
            $"NOOP{index:000}",
            $"No-op twin of {name}",
            "Never reported",
            "Benchmark",
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true);
    }

    public string Name { get; }

    // A descriptor that is enabled keeps the driver from skipping the analyzer as suppressed.
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(descriptor);

    public override void Initialize(AnalysisContext context) => shape.ReplayNoOp(Registrar.For(context));
}
