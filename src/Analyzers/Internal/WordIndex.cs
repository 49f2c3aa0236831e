using System;
using Microsoft.CodeAnalysis.Text;

namespace SessionSafety.Analyzers.Internal;

/// <summary>The indexed words found in one file: their start positions in order, and which word each is.</summary>
internal sealed class WordIndex
{
    public static readonly WordIndex Empty = new(Array.Empty<int>(), Array.Empty<byte>(), vocabularySize: int.MaxValue);

    private readonly int[] positions;
    private readonly byte[] ids;

    public WordIndex(int[] positions, byte[] ids, int vocabularySize)
    {
        this.positions = positions;
        this.ids = ids;
        VocabularySize = vocabularySize;
    }

    /// <summary>How many registered words the scan looked for (an index made before a rule registered lacks its words).</summary>
    public int VocabularySize { get; }

    /// <summary>For the differential test of the two scans.</summary>
    internal int[] Positions => positions;

    internal byte[] Ids => ids;

    /// <summary>Whether the file holds a word of <paramref name="mask"/> (or a Unicode escape).</summary>
    public bool Any(ulong mask)
    {
        foreach (var id in ids)
        {
            if ((mask & (1UL << id)) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a word of <paramref name="mask"/> (or a Unicode escape) starts inside <paramref name="span"/>.</summary>
    public bool Any(ulong mask, TextSpan span)
    {
        // The first occurrence at or after the span's start.
        var low = 0;
        var high = positions.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (positions[middle] < span.Start)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        for (var i = low; i < positions.Length && positions[i] < span.End; i++)
        {
            if ((mask & (1UL << ids[i])) != 0)
            {
                return true;
            }
        }

        return false;
    }
}
