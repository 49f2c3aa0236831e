using System;
using Microsoft.CodeAnalysis.Text;

namespace SessionSafety.Analyzers.Internal;

/// <summary>
/// Finds words in a span of source text without building strings or syntax nodes: the text is copied in
/// chunks into a per-thread buffer and searched there. A rule uses it to skip, before any semantic work,
/// code that cannot hold what it looks for (a member whose text names no save method has no save call).
/// </summary>
internal static class SourceTextSearch
{
    private const int ChunkLength = 8 * 1024;

    [ThreadStatic]
    private static char[]? buffer;

    /// <summary>
    /// Whether the text in <paramref name="span"/> contains any of <paramref name="words"/>, or a Unicode
    /// escape (<c>\u</c>, <c>\U</c>), which can spell an identifier in a way a text search would not see.
    /// </summary>
    public static bool ContainsAny(SourceText text, TextSpan span, string[] words)
    {
        var chars = buffer ??= new char[ChunkLength];
        var longest = 2;
        foreach (var word in words)
        {
            longest = Math.Max(longest, word.Length);
        }

        var end = Math.Min(span.End, text.Length);
        for (var start = span.Start; start < end; start += ChunkLength - longest)
        {
            var count = Math.Min(ChunkLength, end - start);
            text.CopyTo(start, chars, 0, count);
            var chunk = new ReadOnlySpan<char>(chars, 0, count);
            if (HasUnicodeEscape(chunk))
            {
                return true;
            }

            foreach (var word in words)
            {
                if (chunk.IndexOf(word.AsSpan()) >= 0)
                {
                    return true;
                }
            }

            if (start + count >= end)
            {
                break;
            }
        }

        return false;
    }

    private static bool HasUnicodeEscape(ReadOnlySpan<char> chunk)
    {
        for (var at = chunk.IndexOf('\\'); at >= 0; at = chunk.IndexOf('\\'))
        {
            // An escape split across two chunks is seen in the next one (the chunks overlap).
            if (at + 1 < chunk.Length && chunk[at + 1] is 'u' or 'U')
            {
                return true;
            }

            chunk = chunk.Slice(at + 1);
        }

        return false;
    }
}
