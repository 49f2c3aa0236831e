using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace SessionSafety.Analyzers.Internal;

/// <summary>
/// Answers a rule computes once per compilation and key, kept in the rule's per-compilation context.
/// The one caching policy of the analyzers: reads take no lock; a value is computed outside any lock
/// (computing may ask other tables), and two threads that ask first may both compute it, to the same
/// answer, of which one is kept.
/// </summary>
internal sealed class Memo<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> values;

    public Memo(IEqualityComparer<TKey>? comparer = null)
    {
        values = new ConcurrentDictionary<TKey, TValue>(comparer ?? EqualityComparer<TKey>.Default);
    }

    /// <summary>The answer for <paramref name="key"/>; <paramref name="compute"/> gets <paramref name="argument"/> so that callers need no closure.</summary>
    public TValue Get<TArgument>(TKey key, TArgument argument, Func<TKey, TArgument, TValue> compute) =>
        values.TryGetValue(key, out var known) ? known : values.GetOrAdd(key, compute(key, argument));
}
