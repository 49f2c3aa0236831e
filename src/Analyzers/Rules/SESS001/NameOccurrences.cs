using System;
using Microsoft.CodeAnalysis.Text;

using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>
/// Where a name stands as a whole word in a span of a file's text, found with a vectorised search over a
/// copy of the span rather than <see cref="SourceText"/>'s indexer, a virtual call per character.
/// </summary>
internal static class NameOccurrences
{
    /// <summary>Longer spans get an array of their own, so that one huge member does not pin a huge buffer per thread.</summary>
    private const int KeptBufferLength = 64 * 1024;

    [ThreadStatic]
    private static char[]? buffer;

    /// <summary>
    /// The characters of <paramref name="span"/>, copied into a per-thread buffer: valid until the next
    /// call on the same thread.
    /// </summary>
    public static ReadOnlySpan<char> Read(SourceText text, TextSpan span)
    {
        var chars = buffer;
        if (chars is null || chars.Length < span.Length)
        {
            chars = new char[Math.Max(span.Length, 4096)];
            if (chars.Length <= KeptBufferLength)
            {
                buffer = chars;
            }
        }

        text.CopyTo(span.Start, chars, 0, span.Length);
        return new ReadOnlySpan<char>(chars, 0, span.Length);
    }

    /// <summary>
    /// Whether <paramref name="chars"/> holds a Unicode escape (<c>\u</c>, <c>\U</c>): an identifier
    /// spelled with one is not found by a text search, so the caller must not rely on one.
    /// </summary>
    public static bool HasUnicodeEscape(ReadOnlySpan<char> chars) =>
        chars.IndexOf("\\u".AsSpan()) >= 0 || chars.IndexOf("\\U".AsSpan()) >= 0;

    /// <summary>
    /// The first offset at or after <paramref name="from"/> in <paramref name="chars"/> where
    /// <paramref name="name"/> stands as a whole word (no identifier character on either side), or -1.
    /// </summary>
    public static int IndexOfWholeWord(ReadOnlySpan<char> chars, string name, int from)
    {
        var word = name.AsSpan();
        while (from + word.Length <= chars.Length)
        {
            var found = chars.Slice(from).IndexOf(word);
            if (found < 0)
            {
                return -1;
            }

            var at = from + found;
            var end = at + word.Length;
            if ((at == 0 || !IsIdentifierPart(chars[at - 1])) && (end == chars.Length || !IsIdentifierPart(chars[end])))
            {
                return at;
            }

            from = at + 1;
        }

        return -1;
    }

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';
}
