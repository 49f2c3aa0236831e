using System;
using System.Collections.Generic;
using System.Linq;

namespace SessionSafety.Benchmarks.Corpus;

/// <summary>
/// A deterministic, weighted round robin: every shape appears in every cycle in its proportion, so a
/// tiny corpus (the smoke test's) still meets every shape, and a large one has the exact mix.
/// </summary>
public sealed class ShapeCycle<T>
{
    private readonly T[] order;
    private int next;

    public ShapeCycle(Random random, params (T Shape, int Weight)[] weights)
    {
        order = weights.SelectMany(w => Enumerable.Repeat(w.Shape, w.Weight)).OrderBy(_ => random.Next()).ToArray();
    }

    public int Length => order.Length;

    public IEnumerable<T> Distinct => order.Distinct();

    public T Next()
    {
        var shape = order[next];
        next = (next + 1) % order.Length;
        return shape;
    }
}
