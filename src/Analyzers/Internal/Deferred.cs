using System;
using System.Threading;

namespace SessionSafety.Analyzers.Internal;

/// <summary>
/// A per-compilation value made on first use rather than at compilation start: a rule's known types are
/// looked up only once a member has passed the rule's text filter, when the compiler has already built the
/// namespaces that hold them (docs/performance.md, "Types resolved once per compilation, on first need").
/// The value may be <see langword="null"/> (the compilation lacks the types), and that answer is kept too.
/// Same policy as <see cref="Memo{TKey, TValue}"/>: a race computes twice and keeps one; a computation that
/// throws (cancellation) keeps nothing.
/// </summary>
internal sealed class Deferred<T>
    where T : class
{
    private static readonly object None = new();

    private object? value;

    public T? Get<TArgument>(TArgument argument, Func<TArgument, T?> create)
    {
        var current = Volatile.Read(ref value);
        if (current is null)
        {
            Interlocked.CompareExchange(ref value, create(argument) ?? None, null);
            current = Volatile.Read(ref value);
        }

        return ReferenceEquals(current, None) ? null : (T)current!;
    }
}
