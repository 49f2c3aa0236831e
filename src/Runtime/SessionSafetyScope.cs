using System;
using System.Threading;

namespace SessionSafety;

/// <summary>
/// Makes a store and a guard the ambient <see cref="DraftStore.Default"/> and <see cref="DraftGuard.Default"/>
/// for the current asynchronous flow — one Blazor Server circuit's event, one MVC request — so that
/// generated code that calls the static defaults uses that user's store, never a store shared between
/// users. Dispose the scope to restore what was there before.
/// </summary>
public static class SessionSafetyScope
{
    private static readonly AsyncLocal<Frame?> Current = new();

    internal static IDraftStore? CurrentStore => Current.Value?.Store;

    internal static DraftGuard? CurrentGuard => Current.Value?.Guard;

    /// <summary>Whether a scope is active in the current flow.</summary>
    public static bool IsActive => Current.Value is not null;

    /// <summary>
    /// Makes <paramref name="store"/> (and <paramref name="guard"/>, or a guard over the store) the ambient
    /// defaults until the returned object is disposed.
    /// </summary>
    public static IDisposable Begin(IDraftStore store, DraftGuard? guard = null)
    {
        if (store is null)
        {
            throw new ArgumentNullException(nameof(store));
        }

        var previous = Current.Value;
        Current.Value = new Frame(store, guard ?? new DraftGuard(store));
        return new Restorer(previous);
    }

    /// <summary>Resolves <see cref="IDraftStore"/> and <see cref="DraftGuard"/> from a scoped service provider (a circuit's, a request's) and makes them ambient.</summary>
    public static IDisposable Begin(IServiceProvider services)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        var store = services.GetService(typeof(IDraftStore)) as IDraftStore
            ?? throw new InvalidOperationException("No IDraftStore is registered: call services.AddSessionSafety(...).");
        var guard = services.GetService(typeof(DraftGuard)) as DraftGuard;
        return Begin(store, guard);
    }

    private sealed class Frame
    {
        public Frame(IDraftStore store, DraftGuard guard)
        {
            Store = store;
            Guard = guard;
        }

        public IDraftStore Store { get; }

        public DraftGuard Guard { get; }
    }

    private sealed class Restorer : IDisposable
    {
        private readonly Frame? previous;
        private int disposed;

        public Restorer(Frame? previous) => this.previous = previous;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                Current.Value = previous;
            }
        }
    }
}
