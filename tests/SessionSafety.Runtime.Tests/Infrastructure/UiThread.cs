using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace SessionSafety.Runtime.Tests.Infrastructure;

/// <summary>
/// A UI thread as WPF, WinForms and MAUI have one: a single thread running a message loop, with a
/// synchronization context that posts work to it. Code that blocks this thread on a task whose
/// continuation was posted here never completes — which is what the tests that use it look for.
/// </summary>
public sealed class UiThread : IDisposable
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> queue = new();
    private readonly Thread thread;

    public UiThread()
    {
        Context = new MessageLoopContext(this);

        // A background thread: one that deadlocked (the bug these tests catch) does not keep the run alive.
        thread = new Thread(Loop) { IsBackground = true, Name = "UI thread" };
        thread.Start();
    }

    public SynchronizationContext Context { get; }

    public int ThreadId => thread.ManagedThreadId;

    /// <summary>Runs <paramref name="work"/> on the UI thread; the task completes when it has returned.</summary>
    public Task<T> Run<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Context.Post(
            _ =>
            {
                try
                {
                    done.SetResult(work());
                }
                catch (Exception exception)
                {
                    done.SetException(exception);
                }
            },
            null);
        return done.Task;
    }

    /// <summary>What <paramref name="work"/> returned, or a failure naming the deadlock when it has not returned in 15 seconds.</summary>
    public async Task<T> RunBlockingAsync<T>(string what, Func<T> work)
    {
        try
        {
            return await Run(work).WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{what} blocked on the UI thread never completed: a continuation waits for the blocked thread (deadlock).");
            throw;
        }
    }

    public void Dispose() => queue.CompleteAdding();

    private void Loop()
    {
        SynchronizationContext.SetSynchronizationContext(Context);
        foreach (var (callback, state) in queue.GetConsumingEnumerable())
        {
            callback(state);
        }
    }

    private sealed class MessageLoopContext : SynchronizationContext
    {
        private readonly UiThread owner;

        public MessageLoopContext(UiThread owner) => this.owner = owner;

        public override void Post(SendOrPostCallback d, object? state)
        {
            if (!owner.queue.IsAddingCompleted)
            {
                owner.queue.Add((d, state));
            }
        }

        public override void Send(SendOrPostCallback d, object? state)
        {
            if (Environment.CurrentManagedThreadId == owner.ThreadId)
            {
                d(state);
                return;
            }

            using var done = new ManualResetEventSlim();
            Post(_ => { d(state); done.Set(); }, null);
            done.Wait();
        }

        public override SynchronizationContext CreateCopy() => this;
    }
}
