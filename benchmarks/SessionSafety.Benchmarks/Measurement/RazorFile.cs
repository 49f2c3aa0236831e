using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SessionSafety.Benchmarks.Measurement;

/// <summary>
/// A component's .razor file as a build hands it to analyzers: an additional file at the path the
/// generated tree's <c>#pragma checksum</c> names. The rules read only its path (and its options); the
/// Razor generator reads its markup.
/// </summary>
internal sealed class RazorFile : AdditionalText
{
    private static readonly SourceText Placeholder = SourceText.From("@* markup *@\n");

    private readonly SourceText markup;

    public RazorFile(string path, string? markup = null)
    {
        Path = path;
        this.markup = markup is null ? Placeholder : SourceText.From(markup);
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => markup;
}
