using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SessionSafety.Benchmarks.Measurement;

/// <summary>
/// A component's .razor file as a build hands it to analyzers: an additional file at the path the
/// generated tree's <c>#pragma checksum</c> names. The rules read only its path (and its options).
/// </summary>
internal sealed class RazorFile : AdditionalText
{
    private static readonly SourceText Markup = SourceText.From("@* markup *@\n");

    public RazorFile(string path)
    {
        Path = path;
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => Markup;
}
