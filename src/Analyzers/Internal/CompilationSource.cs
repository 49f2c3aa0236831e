using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SessionSafety.Analyzers.Internal;

/// <summary>
/// The source of a symbol that the analyzed compilation can bind. In the IDE a project reference is a live
/// compilation, so a symbol declared in another project has syntax references into trees this compilation
/// does not contain (binding them throws "SyntaxTree is not part of the compilation"); a build of the same
/// project sees that project as metadata, with no source at all. Reading only the compilation's own trees
/// gives the IDE the build's answer.
/// </summary>
internal static class CompilationSource
{
    /// <summary>The symbol's declarations in <paramref name="compilation"/>'s trees (empty for metadata and for another project's source).</summary>
    public static ImmutableArray<SyntaxReference> Declarations(Compilation compilation, ISymbol symbol)
    {
        var references = symbol.DeclaringSyntaxReferences;
        if (references.IsEmpty || compilation.ContainsSyntaxTree(references[0].SyntaxTree))
        {
            // A symbol's declarations are all in one project: the first tells for every one.
            return references;
        }

        return ImmutableArray<SyntaxReference>.Empty;
    }

    /// <summary>Whether the symbol is declared in <paramref name="compilation"/>'s own source.</summary>
    public static bool Declares(Compilation compilation, ISymbol symbol) => !Declarations(compilation, symbol).IsEmpty;
}
