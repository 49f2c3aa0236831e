using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SessionSafety.Tests.Verifiers;

/// <summary>
/// An expected diagnostic, shaped like the official testing library's <c>DiagnosticResult</c>:
/// locations come from markup (<c>WithLocation(n)</c> names a <c>{|#n:…|}</c> span), never from
/// line/column numbers. Without a location it matches a diagnostic that has none.
/// </summary>
public sealed record DiagnosticResult
{
    public DiagnosticResult(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Id = id;
    }

    public DiagnosticResult(DiagnosticDescriptor descriptor)
        : this(descriptor.Id)
    {
        Descriptor = descriptor;
    }

    public string Id { get; }

    /// <summary>The descriptor, when the result was made from one (used to format <see cref="MessageArguments"/>).</summary>
    public DiagnosticDescriptor? Descriptor { get; }

    /// <summary>Compared only when set.</summary>
    public DiagnosticSeverity? Severity { get; init; }

    /// <summary>The exact message; compared only when set.</summary>
    public string? Message { get; init; }

    /// <summary>The message arguments; compared (through the formatted message) only when set.</summary>
    public ImmutableArray<object?> MessageArguments { get; init; }

    /// <summary>Markup markers (<c>{|#n:…|}</c>): the first is the primary location, the rest additional locations.</summary>
    public ImmutableArray<int> LocationMarkers { get; init; } = ImmutableArray<int>.Empty;

    /// <summary>Resolved locations (from markup); the first is the primary location.</summary>
    internal ImmutableArray<ExpectedLocation> Locations { get; init; } = ImmutableArray<ExpectedLocation>.Empty;

    public bool HasLocation => !Locations.IsEmpty || !LocationMarkers.IsEmpty;

    public DiagnosticResult WithLocation(int markupKey) => this with { LocationMarkers = LocationMarkers.Add(markupKey) };

    public DiagnosticResult WithArguments(params object?[] arguments) => this with { MessageArguments = arguments.ToImmutableArray() };

    public DiagnosticResult WithMessage(string message) => this with { Message = message };

    public DiagnosticResult WithSeverity(DiagnosticSeverity severity) => this with { Severity = severity };

    internal DiagnosticResult WithResolvedLocation(ExpectedLocation location) => this with { Locations = Locations.Add(location) };

    public override string ToString()
    {
        var text = Id;
        if (Severity is { } severity)
        {
            text += " " + severity.ToString().ToLowerInvariant();
        }

        if (Message is not null)
        {
            text += ": " + Message;
        }
        else if (!MessageArguments.IsDefault)
        {
            text += " (" + string.Join(", ", MessageArguments.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture))) + ")";
        }

        return text;
    }
}

/// <summary>A location in a test document (a .cs file, or a .razor file for mapped Razor output).</summary>
internal readonly record struct ExpectedLocation(string Path, LinePositionSpan Span)
{
    public override string ToString() =>
        $"{Path}({Span.Start.Line + 1},{Span.Start.Character + 1})-({Span.End.Line + 1},{Span.End.Character + 1})";
}

/// <summary>Which compiler diagnostics the input may not have (the input must compile, by default).</summary>
public enum CompilerDiagnostics
{
    /// <summary>Broken input is allowed.</summary>
    None,

    /// <summary>The input must have no compiler errors (default).</summary>
    Errors,

    /// <summary>The input must have no compiler errors or warnings.</summary>
    Warnings,
}

/// <summary>Default checks that a test can switch off, named like the official library's.</summary>
[Flags]
public enum TestBehaviors
{
    None = 0,

    /// <summary>Skip the run that marks every .cs document generated and expects no diagnostics there.</summary>
    SkipGeneratedCodeCheck = 1,

    /// <summary>Skip the run that adds <c>#pragma warning disable</c> to every .cs document and expects no diagnostics there.</summary>
    SkipSuppressionCheck = 2,
}

/// <summary>Code-fix checks that a test can switch off, named like the official library's.</summary>
[Flags]
public enum CodeFixTestBehaviors
{
    None = 0,
    SkipFixAllInDocumentCheck = 1,
    SkipFixAllInProjectCheck = 2,
    SkipFixAllInSolutionCheck = 4,
    SkipFixAllCheck = SkipFixAllInDocumentCheck | SkipFixAllInProjectCheck | SkipFixAllInSolutionCheck,
}
