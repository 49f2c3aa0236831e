using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SessionSafety.Analyzers.Internal;

/// <summary>
/// Words a rule registered with the shared word index (<see cref="SourceWords.Register"/>): text that
/// any code the rule looks for must contain. Asks the index of a tree that knows all of them.
/// </summary>
internal sealed class WordSet
{
    internal WordSet(ulong mask, int vocabularySize)
    {
        Mask = mask;
        VocabularySize = vocabularySize;
    }

    /// <summary>One bit per word id, plus the Unicode-escape bit.</summary>
    internal ulong Mask { get; }

    /// <summary>How many words the index must know for every id of this set to be in it.</summary>
    internal int VocabularySize { get; }

    /// <summary>The occurrences of the indexed words in <paramref name="tree"/>, built on first need per tree.</summary>
    public WordIndex In(SyntaxTree tree) => SourceWords.For(tree, this);

    /// <summary>Whether <paramref name="tree"/> holds one of the words (or a Unicode escape).</summary>
    public bool OccursIn(SyntaxTree tree) => In(tree).Any(Mask);

    /// <summary>Whether one of the words (or a Unicode escape) starts inside <paramref name="span"/> of <paramref name="index"/>.</summary>
    public bool OccursIn(WordIndex index, TextSpan span) => index.Any(Mask, span);
}
