using System;
using System.Threading;
using SessionSafety.Internal;

namespace SessionSafety;

/// <summary>
/// Makes one user's store, guard and session recovery the ambient ones for the current asynchronous flow
/// — one Blazor Server circuit's event, one MVC request — so that generated code that calls the static
/// <see cref="DraftStore.Default"/> and <see cref="DraftGuard.Default"/>, and the recovery handler of an
/// <c>IHttpClientFactory</c> client, use that user's, never ones shared between users. Dispose the scope
/// to restore what was there before.
/// </summary>
public static class SessionSafetyScope
{
    private static readonly AsyncLocal<Frame?> Current = new();

    /// <summary>Whether a scope is active in the current flow.</summary>
    public static bool IsActive => Current.Value is not null;

    internal static IDraftStore? CurrentStore => Current.Value?.Store;

    internal static DraftGuard? CurrentGuard => Current.Value?.Guard;

    /// <summary>The scoped services the scope was begun with (a circuit's, a request's), if any.</summary>
    internal static IServiceProvider? CurrentServices => Current.Value?.Services;

    /// <summary>The signed-in user of the ambient scope: parked requests are kept per user by it.</summary>
    internal static string? CurrentUserId => Current.Value?.UserId;

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

        return Push(new Frame(store, guard ?? new DraftGuard(store), null, null));
    }

    /// <summary>
    /// Resolves <see cref="IDraftStore"/>, <see cref="DraftGuard"/> and the signed-in user from a scoped
    /// service provider (a circuit's, a request's) registered by <c>AddSessionSafety</c>, and makes them
    /// ambient — the scope's <see cref="SessionRecovery"/> too, for clients made by <c>IHttpClientFactory</c>.
    /// </summary>
    public static IDisposable Begin(IServiceProvider services)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        var store = services.GetService(typeof(IDraftStore)) as IDraftStore
            ?? throw new InvalidOperationException("No IDraftStore is registered: call services.AddSessionSafety(...).");
        var guard = services.GetService(typeof(DraftGuard)) as DraftGuard ?? new DraftGuard(store);
        var user = services.GetService(typeof(UserPartition)) as UserPartition;
        return Push(new Frame(store, guard, user?.UserId, services));
    }

    private static IDisposable Push(Frame frame)
    {
        var previous = Current.Value;
        Current.Value = frame;
        return new Restorer(previous);
    }

    private sealed class Frame
    {
        public Frame(IDraftStore store, DraftGuard guard, string? userId, IServiceProvider? services)
        {
            Store = store;
            Guard = guard;
            UserId = userId;
            Services = services;
        }

        public IDraftStore Store { get; }

        public DraftGuard Guard { get; }

        public string? UserId { get; }

        public IServiceProvider? Services { get; }
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
