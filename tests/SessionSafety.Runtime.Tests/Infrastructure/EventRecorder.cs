using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace SessionSafety.Runtime.Tests.Infrastructure;

/// <summary>
/// Records events that may arrive on another thread: the guard posts <c>SessionExpired</c> to the caller's
/// synchronization context, and xunit's context runs posted work on the thread pool, alongside the test.
/// </summary>
public sealed class EventRecorder<T>
{
    private readonly ConcurrentQueue<T> events = new();

    public int Count => events.Count;

    public IReadOnlyList<T> All => events.ToArray();

    public void Add(object? sender, T args) => events.Enqueue(args);

    /// <summary>Waits (10 seconds at most) until <paramref name="count"/> events have arrived, and returns them.</summary>
    public async Task<IReadOnlyList<T>> WaitForAsync(int count = 1)
    {
        for (var waited = 0; events.Count < count && waited < 10_000; waited += 10)
        {
            await Task.Delay(10);
        }

        Assert.True(events.Count >= count, $"expected {count} event(s), got {events.Count}");
        return events.ToArray();
    }

    /// <summary>The one event that arrived (waiting for it if need be).</summary>
    public async Task<T> SingleAsync() => Assert.Single(await WaitForAsync(1));
}
