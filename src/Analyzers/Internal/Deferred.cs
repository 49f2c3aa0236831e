using System;
using System.Threading;

namespace SessionSafety.Analyzers.Internal;

/// <summary>
/// A per-compilation value made on first use rather than at compilation start: a rule's known types are
/// looked up only once a member has passed the rule's text filter, when the compiler has already built
/// the namespaces that hold them (at compilation start the look-up builds them itself, and a compilation
/// whose files never mention the rule's words never pays for it). The value may be
/// <see langword="null"/> (the compilation lacks the types), and that answer is kept too. Two threads
/// that ask first may both compute it; one result is kept and both get it. A computation that throws
/// (cancellation) keeps nothing, and the next use tries again.
/// </summary>
internal sealed class Deferred<T>
    where T : class
{
    private static readonly object None = new();

    private readonly Func<T?> create;
    private object? value;

    public Deferred(Func<T?> create)
    {
        this.create = create;
    }

    public T? Value
    {
        get
        {
            var current = Volatile.Read(ref value);
            if (current is null)
            {
                Interlocked.CompareExchange(ref value, create() ?? None, null);
                current = Volatile.Read(ref value);
            }

            return ReferenceEquals(current, None) ? null : (T)current!;
        }
    }
}
