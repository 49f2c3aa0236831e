using System;
using System.Collections.Generic;
using SessionSafety.Benchmarks.Corpus;

namespace SessionSafety.Benchmarks.Scaling;

/// <summary>
/// A shape's code at one size: C# files, <c>.razor</c> files (compiled through the SDK's Razor generator
/// before the measurement), and <c>session_safety.*</c> options every file gets on top of the
/// benchmark's usual <c>.editorconfig</c> section.
/// </summary>
public sealed record ShapeCode(IReadOnlyList<CorpusFile> Sources)
{
    /// <summary>Markup files: project-relative path (<c>Pages/Compose.razor</c>) and text.</summary>
    public IReadOnlyList<(string Path, string Markup)> RazorFiles { get; init; } = Array.Empty<(string, string)>();

    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();
}
