using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SessionSafety.Analyzers.Internal;

/// <summary>
/// The word index's fast path: positions screened a vector at a time, so that only the few whose first
/// three characters match a word's reach <see cref="SourceWords.Record"/>. It must find exactly what the
/// scalar loop in <see cref="SourceWords.Build"/> finds; a differential test compares the two on random
/// and real text. Why each step is there: docs/performance.md ("Text before syntax").
/// </summary>
internal static class VectorWordScan
{
    [ThreadStatic]
    private static byte[]? narrowBuffer;

    /// <summary>
    /// Records the words that start below <paramref name="limit"/> in the chunk and returns where the
    /// scalar loop goes on. The chunk is narrowed to bytes (each character's low byte: twice the positions
    /// per vector); a non-ASCII character can then only match by its low byte, and is skipped below.
    /// </summary>
    [MethodImpl(Jit.AggressiveOptimization)]
    public static int Scan(char[] chars, int count, int limit, int start, SourceWords.Vocabulary words, List<int> positions, List<byte> ids)
    {
        var bytes = narrowBuffer ??= new byte[SourceWords.ChunkLength];
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
        var firsts = words.TripleFirsts;
        var seconds = words.TripleSeconds;
        var thirds = words.TripleThirds;
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

            // The matching lanes, read eight at a time from one store of the vector.
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
                        SourceWords.Record(chunk, at + lane, start + at + lane, words, positions, ids);
                    }
                }
            }
        }

        return at;
    }
}
