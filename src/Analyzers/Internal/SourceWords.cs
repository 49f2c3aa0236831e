using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SessionSafety.Analyzers.Rules.SESS001;
using SessionSafety.Analyzers.Rules.SESS002;
using SessionSafety.Analyzers.Rules.SESS003;

namespace SessionSafety.Analyzers.Internal;

/// <summary>
/// Where the words that the rules look for occur in a file, found in one pass over its text and shared by
/// every rule: a rule then asks whether a file, or a member's span, holds one of its words with a binary
/// search, instead of searching the text again for every member. Built on first need per syntax tree (the
/// tree's text never changes); no strings or syntax nodes are made.
/// </summary>
internal static class SourceWords
{
    /// <summary>Every word any rule asks for. A rule's set is a mask over this list (see <see cref="Mask"/>).</summary>
    private static readonly string[] All = Union(
        SaveCalls.NameParts,
        LoginRedirects.NameParts,
        LifetimeTargets.NameParts,
        ClientRegistrations.Markers);

    /// <summary>A Unicode escape (<c>\u</c>, <c>\U</c>) can spell an identifier that a text search would not see: it counts for every mask.</summary>
    private const int EscapeId = 63;

    private const int ChunkLength = 8 * 1024;

    private static readonly ConditionalWeakTable<SyntaxTree, Index> Indexes = new();

    /// <summary>The words' distinct first three characters: the first, second and third of each.</summary>
    private static readonly Vector<byte>[] TripleFirsts = TripleVectors(All, 0);

    private static readonly Vector<byte>[] TripleSeconds = TripleVectors(All, 1);

    private static readonly Vector<byte>[] TripleThirds = TripleVectors(All, 2);

    private static readonly int Longest = LongestOf(All);

    private static readonly byte[][] ByFirstChar = WordsByFirstChar(All);

    [ThreadStatic]
    private static char[]? buffer;

    /// <summary>The chunk's characters narrowed to their low byte, for the vector scan.</summary>
    [ThreadStatic]
    private static byte[]? narrowBuffer;

    /// <summary>The mask of <paramref name="words"/>, each of which must be one of the rules' words.</summary>
    public static ulong Mask(IEnumerable<string> words)
    {
        var mask = 1UL << EscapeId;
        foreach (var word in words)
        {
            var id = Array.IndexOf(All, word);
            if (id < 0)
            {
                throw new ArgumentException($"'{word}' is not one of the words SourceWords indexes.", nameof(words));
            }

            mask |= 1UL << id;
        }

        return mask;
    }

    /// <summary>The occurrences of the rules' words in <paramref name="tree"/>.</summary>
    public static Index For(SyntaxTree tree) => Indexes.GetValue(tree, static t => Build(t.GetText()));

    [MethodImpl(Jit.AggressiveOptimization)]
    private static Index Build(SourceText text)
    {
        var chars = buffer ??= new char[ChunkLength];
        var positions = new List<int>();
        var ids = new List<byte>();
        var overlap = Longest - 1;
        for (var start = 0; start < text.Length; start += ChunkLength - overlap)
        {
            var count = Math.Min(ChunkLength, text.Length - start);
            text.CopyTo(start, chars, 0, count);
            var chunk = new ReadOnlySpan<char>(chars, 0, count);
            var last = start + count >= text.Length;

            // A word that starts in the overlap is found whole in the next chunk.
            var limit = last ? count : count - overlap;
            var at = Vector.IsHardwareAccelerated ? ScanVectors(chars, narrowBuffer ??= new byte[ChunkLength], count, limit, start, positions, ids) : 0;
            for (; at < limit; at++)
            {
                if (chunk[at] < 128)
                {
                    Record(chunk, at, start + at, positions, ids);
                }
            }

            if (last)
            {
                break;
            }
        }

        return positions.Count == 0 ? Index.Empty : new Index(positions.ToArray(), ids.ToArray());
    }

    /// <summary>
    /// The positions below <paramref name="limit"/> a vector at a time. The chunk is first narrowed to
    /// bytes (each character's low byte), so that a vector holds twice as many positions as it would
    /// characters; then the bytes at <c>i</c>, <c>i + 1</c> and <c>i + 2</c> are compared with the first
    /// three characters of every word at once (and <c>i</c>, <c>i + 1</c> with a Unicode escape's), and
    /// only the lanes that match are looked at, on the characters themselves. (Two characters are not
    /// enough: C# is full of <c>Id</c>, <c>Re</c>, <c>Se</c>, <c>Ad</c>, so most vectors had a match.) A
    /// character outside ASCII can only match by its low byte, and <see cref="Record"/> never sees it:
    /// every word starts with three ASCII characters. Returns where the scalar loop goes on. Compiled
    /// fully optimized at once: it runs once per file, and tiered compilation left it unoptimized for
    /// most of a build (21 ms against 9 ms for the 120,000-line benchmark corpus's 4 M characters,
    /// measured outside the driver).
    /// </summary>
    [MethodImpl(Jit.AggressiveOptimization)]
    private static int ScanVectors(char[] chars, byte[] bytes, int count, int limit, int start, List<int> positions, List<byte> ids)
    {
        var half = Vector<ushort>.Count;
        ref var charOrigin = ref Unsafe.As<char, byte>(ref chars[0]);
        ref var byteOrigin = ref bytes[0];
        var narrowed = 0;
        for (; narrowed + (2 * half) <= count; narrowed += 2 * half)
        {
            var low = Unsafe.ReadUnaligned<Vector<ushort>>(ref Unsafe.Add(ref charOrigin, narrowed * sizeof(char)));
            var high = Unsafe.ReadUnaligned<Vector<ushort>>(ref Unsafe.Add(ref charOrigin, (narrowed + half) * sizeof(char)));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref byteOrigin, narrowed), Vector.Narrow(low, high));
        }

        for (; narrowed < count; narrowed++)
        {
            bytes[narrowed] = unchecked((byte)chars[narrowed]);
        }

        var width = Vector<byte>.Count;
        var chunk = new ReadOnlySpan<char>(chars, 0, count);
        var backslash = new Vector<byte>((byte)'\\');
        var lowerU = new Vector<byte>((byte)'u');
        var upperU = new Vector<byte>((byte)'U');
        var firsts = TripleFirsts;
        var seconds = TripleSeconds;
        var thirds = TripleThirds;
        Span<byte> laneBuffer = stackalloc byte[width];
        ref var laneOrigin = ref MemoryMarshal.GetReference(laneBuffer);
        var at = 0;

        // The third load reads up to at + 1 + width: it must stay inside the chunk.
        for (; at < limit && at + width + 1 < count; at += width)
        {
            ref var here = ref Unsafe.Add(ref byteOrigin, at);
            var first = Unsafe.ReadUnaligned<Vector<byte>>(ref here);
            var second = Unsafe.ReadUnaligned<Vector<byte>>(ref Unsafe.Add(ref here, 1));
            var third = Unsafe.ReadUnaligned<Vector<byte>>(ref Unsafe.Add(ref here, 2));
            var match = Vector.Equals(first, backslash) & (Vector.Equals(second, lowerU) | Vector.Equals(second, upperU));
            for (var k = 0; k < firsts.Length; k++)
            {
                match |= Vector.Equals(first, firsts[k]) & Vector.Equals(second, seconds[k]) & Vector.Equals(third, thirds[k]);
            }

            if (match == Vector<byte>.Zero)
            {
                continue;
            }

            // The matching lanes, read from the vector stored once, eight at a time: reading the vector's
            // lanes one by one (its indexer) stored it again for every lane, and each read waited for the store.
            Unsafe.WriteUnaligned(ref laneOrigin, match);
            var lanes = Math.Min(width, limit - at);
            for (var group = 0; group < width; group += sizeof(ulong))
            {
                var bits = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref laneOrigin, group));
                for (var k = 0; bits != 0 && k < sizeof(ulong); k++, bits >>= 8)
                {
                    var lane = group + (BitConverter.IsLittleEndian ? k : sizeof(ulong) - 1 - k);
                    if ((bits & 0xFF) != 0 && lane < lanes && chunk[at + lane] < 128)
                    {
                        Record(chunk, at + lane, start + at + lane, positions, ids);
                    }
                }
            }
        }

        return at;
    }

    /// <summary>The words (or the <c>\u</c> escape) that start at <paramref name="at"/>, an ASCII character.</summary>
    private static void Record(ReadOnlySpan<char> chunk, int at, int position, List<int> positions, List<byte> ids)
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

        foreach (var id in ByFirstChar[rest[0]])
        {
            if (rest.StartsWith(All[id].AsSpan(), StringComparison.Ordinal))
            {
                positions.Add(position);
                ids.Add((byte)id);
            }
        }
    }

    /// <summary>For each first character (all are ASCII), the words that start with it.</summary>
    private static byte[][] WordsByFirstChar(string[] words)
    {
        var table = new byte[128][];
        for (var c = 0; c < table.Length; c++)
        {
            var ids = new List<byte>();
            for (var id = 0; id < words.Length; id++)
            {
                if (words[id][0] == c)
                {
                    ids.Add((byte)id);
                }
            }

            table[c] = ids.ToArray();
        }

        return table;
    }

    private static string[] Union(params string[][] lists)
    {
        var words = new List<string>();
        foreach (var list in lists)
        {
            foreach (var word in list)
            {
                // The vector scan compares a word's first three characters; Record looks a word up by its first.
                if (word.Length < 3 || word[0] > 127 || word[1] > 127 || word[2] > 127)
                {
                    throw new InvalidOperationException($"SourceWords indexes words that start with three ASCII characters, not '{word}'.");
                }

                if (!words.Contains(word))
                {
                    words.Add(word);
                }
            }
        }

        if (words.Count >= EscapeId)
        {
            throw new InvalidOperationException("SourceWords indexes at most 63 words.");
        }

        return words.ToArray();
    }

    private static Vector<byte>[] TripleVectors(string[] words, int position) =>
        words.Select(w => w.Substring(0, 3)).Distinct().Select(t => new Vector<byte>((byte)t[position])).ToArray();

    private static int LongestOf(string[] words)
    {
        var longest = 2;
        foreach (var word in words)
        {
            longest = Math.Max(longest, word.Length);
        }

        return longest;
    }

    /// <summary>The words found in one file: their start positions in order, and which word each is.</summary>
    internal sealed class Index
    {
        public static readonly Index Empty = new(Array.Empty<int>(), Array.Empty<byte>());

        private readonly int[] positions;
        private readonly byte[] ids;

        public Index(int[] positions, byte[] ids)
        {
            this.positions = positions;
            this.ids = ids;
        }

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
}
