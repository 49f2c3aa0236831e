using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SessionSafety.Analyzers.Internal;

/// <summary>
/// Where the words the rules look for occur in a file, found in one pass over its text and shared by
/// every rule, so that a rule asks "does this member's span hold one of my words?" with a binary search
/// instead of searching the text again. Rules register their words (<see cref="Register"/>); this class
/// knows no rule. Built on first need per syntax tree, again if a rule registered words since.
/// </summary>
internal static class SourceWords
{
    /// <summary>A Unicode escape (<c>\u</c>, <c>\U</c>) can spell an identifier that a text search would not see: it counts for every mask.</summary>
    internal const int EscapeId = 63;

    internal const int ChunkLength = 8 * 1024;

    private static readonly object RegistrationLock = new();

    private static readonly ConditionalWeakTable<SyntaxTree, IndexHolder> Indexes = new();

    private static Vocabulary vocabulary = new(Array.Empty<string>());

    [ThreadStatic]
    private static char[]? buffer;

    /// <summary>
    /// Adds <paramref name="words"/> to the words every file is scanned for and returns their set. Each must
    /// start with three ASCII characters (the scan compares those first); at most 63 words in all. Register
    /// when an analyzer is made: a file indexed before a registration is indexed again when a rule asks for
    /// the new words.
    /// </summary>
    public static WordSet Register(params string[] words)
    {
        lock (RegistrationLock)
        {
            var all = vocabulary.Words.ToList();
            foreach (var word in words)
            {
                if (word.Length < 3 || word[0] > 127 || word[1] > 127 || word[2] > 127)
                {
                    throw new ArgumentException($"The word index takes words that start with three ASCII characters, not '{word}'.", nameof(words));
                }

                if (!all.Contains(word))
                {
                    all.Add(word);
                }
            }

            if (all.Count >= EscapeId)
            {
                throw new InvalidOperationException($"The word index takes at most {EscapeId} words.");
            }

            if (all.Count != vocabulary.Words.Length)
            {
                Volatile.Write(ref vocabulary, new Vocabulary(all.ToArray()));
            }

            var mask = 1UL << EscapeId;
            foreach (var word in words)
            {
                mask |= 1UL << Array.IndexOf(vocabulary.Words, word);
            }

            return new WordSet(mask, vocabulary.Words.Length);
        }
    }

    /// <summary>The occurrences of the registered words in <paramref name="tree"/>, from an index that knows every word of <paramref name="words"/>.</summary>
    public static WordIndex For(SyntaxTree tree, WordSet words)
    {
        var holder = Indexes.GetValue(tree, static _ => new IndexHolder());
        var index = Volatile.Read(ref holder.Index);
        if (index is null || index.VocabularySize < words.VocabularySize)
        {
            // Built twice under a race, or once more after a late registration: the same text gives the same index.
            index = Build(tree.GetText(), Volatile.Read(ref vocabulary), Vector.IsHardwareAccelerated);
            Volatile.Write(ref holder.Index, index);
        }

        return index;
    }

    /// <summary>
    /// The index of <paramref name="text"/>: the text is read in chunks that overlap by a word's length,
    /// so a word on a chunk's edge is found whole in the next one. With <paramref name="vectorized"/> the
    /// positions are screened a vector at a time (<see cref="VectorWordScan"/>); without, one at a time.
    /// Both give the same index (a differential test holds them to it).
    /// </summary>
    [MethodImpl(Jit.AggressiveOptimization)]
    internal static WordIndex Build(SourceText text, Vocabulary words, bool vectorized)
    {
        if (words.Words.Length == 0)
        {
            return new WordIndex(Array.Empty<int>(), Array.Empty<byte>(), 0);
        }

        var chars = buffer ??= new char[ChunkLength];
        var positions = new List<int>();
        var ids = new List<byte>();
        var overlap = words.Longest - 1;
        for (var start = 0; start < text.Length; start += ChunkLength - overlap)
        {
            var count = Math.Min(ChunkLength, text.Length - start);
            text.CopyTo(start, chars, 0, count);
            var chunk = new ReadOnlySpan<char>(chars, 0, count);
            var last = start + count >= text.Length;

            // A word that starts in the overlap is found whole in the next chunk.
            var limit = last ? count : count - overlap;
            var at = vectorized ? VectorWordScan.Scan(chars, count, limit, start, words, positions, ids) : 0;
            for (; at < limit; at++)
            {
                if (chunk[at] < 128)
                {
                    Record(chunk, at, start + at, words, positions, ids);
                }
            }

            if (last)
            {
                break;
            }
        }

        return new WordIndex(positions.ToArray(), ids.ToArray(), words.Words.Length);
    }

    /// <summary>The words (or the <c>\u</c> escape) that start at <paramref name="at"/>, an ASCII character.</summary>
    internal static void Record(ReadOnlySpan<char> chunk, int at, int position, Vocabulary words, List<int> positions, List<byte> ids)
    {
        var rest = chunk.Slice(at);
        if (rest[0] == '\\')
        {
            if (rest.Length > 1 && rest[1] is 'u' or 'U')
            {
                positions.Add(position);
                ids.Add(EscapeId);
            }

            return;
        }

        foreach (var id in words.ByFirstChar[rest[0]])
        {
            if (StartsWith(rest, words.Words[id]))
            {
                positions.Add(position);
                ids.Add(id);
            }
        }
    }

    /// <summary>
    /// Compared a character at a time from the second: most candidates differ there or at the fourth
    /// (<c>AddAttribute</c> against <c>AddCookie</c> in Razor output), before a span comparison would start.
    /// </summary>
    private static bool StartsWith(ReadOnlySpan<char> text, string word)
    {
        if (text.Length < word.Length)
        {
            return false;
        }

        for (var i = 1; i < word.Length; i++)
        {
            if (text[i] != word[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The registered words now, for tests.</summary>
    internal static Vocabulary Current => Volatile.Read(ref vocabulary);

    private sealed class IndexHolder
    {
        public WordIndex? Index;
    }

    /// <summary>The registered words and the tables the scans read, made once per registration.</summary>
    internal sealed class Vocabulary
    {
        public Vocabulary(string[] words)
        {
            Words = words;
            Longest = Math.Max(2, words.Length == 0 ? 0 : words.Max(w => w.Length));
            ByFirstChar = new byte[128][];
            for (var c = 0; c < ByFirstChar.Length; c++)
            {
                ByFirstChar[c] = Enumerable.Range(0, words.Length).Where(id => words[id][0] == c).Select(id => (byte)id).ToArray();
            }

            var triples = words.Select(w => w.Substring(0, 3)).Distinct().ToArray();
            TripleFirsts = triples.Select(t => new Vector<byte>((byte)t[0])).ToArray();
            TripleSeconds = triples.Select(t => new Vector<byte>((byte)t[1])).ToArray();
            TripleThirds = triples.Select(t => new Vector<byte>((byte)t[2])).ToArray();
        }

        public string[] Words { get; }

        public int Longest { get; }

        /// <summary>For each first character (all are ASCII), the words that start with it.</summary>
        public byte[][] ByFirstChar { get; }

        /// <summary>The words' distinct first three characters: the first, second and third of each.</summary>
        public Vector<byte>[] TripleFirsts { get; }

        public Vector<byte>[] TripleSeconds { get; }

        public Vector<byte>[] TripleThirds { get; }
    }
}
