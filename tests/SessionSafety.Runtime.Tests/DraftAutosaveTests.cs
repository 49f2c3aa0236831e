using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SessionSafety.Runtime.Tests.Infrastructure;

namespace SessionSafety.Runtime.Tests;

public sealed class DraftAutosaveTests
{
    private readonly FakeTimeProvider time = new();
    private readonly CountingStore store = new();

    [Fact]
    public void DefaultDelay_Is400Milliseconds()
    {
        using var autosave = new DraftAutosave<string>(store, "k", new AutosaveOptions { TimeProvider = time });
        autosave.Update("a");

        time.Advance(TimeSpan.FromMilliseconds(399));
        Assert.Empty(store.Saves);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(new[] { "a" }, store.Saves);
        Assert.Equal(TimeSpan.FromMilliseconds(400), new AutosaveOptions().Delay);
    }

    [Fact]
    public void Typing_IsDebouncedIntoOneSaveOfTheLastValue()
    {
        using var autosave = new DraftAutosave<string>(store, "k", new AutosaveOptions { TimeProvider = time });

        foreach (var text in new[] { "H", "He", "Hel", "Hell", "Hello" })
        {
            autosave.Update(text);
            time.Advance(TimeSpan.FromMilliseconds(150));
        }

        Assert.Empty(store.Saves);
        Assert.True(autosave.HasPendingChanges);
        time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(new[] { "Hello" }, store.Saves);
        Assert.False(autosave.HasPendingChanges);

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Single(store.Saves);
    }

    [Fact]
    public void TypingWithoutPause_IsSavedAtLeastEveryMaxDelay()
    {
        using var autosave = new DraftAutosave<string>(store, "k", new AutosaveOptions { TimeProvider = time, MaxDelay = TimeSpan.FromSeconds(5) });

        for (var i = 0; i < 100; i++)
        {
            autosave.Update("text " + i);
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        // 10 seconds of typing with no 400 ms pause: saved at 5 s and at 10 s, not only at the end.
        Assert.Equal(2, store.Saves.Count);
        Assert.Equal("text 49", store.Saves[0]);
    }

    [Fact]
    public void ObjectValues_AreSavedAsJsonTakenAtUpdateTime()
    {
        using var autosave = new DraftAutosave<Form>(store, "Form", new AutosaveOptions { TimeProvider = time });
        var form = new Form { Name = "first" };

        autosave.Update(form);
        form.Name = "changed after update, without telling autosave";
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(new[] { "{\"name\":\"first\"}" }, store.Saves);
    }

    [Fact]
    public void Dispose_FlushesThePendingValue()
    {
        var autosave = new DraftAutosave<string>(store, "k", new AutosaveOptions { TimeProvider = time });
        autosave.Update("typed just before closing");

        autosave.Dispose();

        Assert.Equal(new[] { "typed just before closing" }, store.Saves);
        Assert.Equal(0, time.ActiveTimerCount);
        autosave.Update("after dispose");
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(store.Saves);
    }

    [Fact]
    public void Dispose_FlushesToAFileStoreSynchronously()
    {
        using var temp = new TempDirectory();
        var files = new FileDraftStore(temp.Path);
        var autosave = new DraftAutosave<string>(files, "k", new AutosaveOptions { TimeProvider = time });
        autosave.Update("closing the window");

        autosave.Dispose();

        Assert.Equal("closing the window", files.TryLoad("k")!.Content);
    }

    [Fact]
    public async Task DisposeAsync_FlushesThePendingValue()
    {
        var slow = new CountingStore { Delay = TimeSpan.FromMilliseconds(50) };
        var autosave = new DraftAutosave<string>(slow, "k", new AutosaveOptions { TimeProvider = time });
        autosave.Update("pending");

        await autosave.DisposeAsync();

        Assert.Equal(new[] { "pending" }, slow.Saves);
    }

    [Fact]
    public async Task FlushAsync_SavesNowAndCancelsTheTimer()
    {
        using var autosave = new DraftAutosave<string>(store, "k", new AutosaveOptions { TimeProvider = time });
        autosave.Update("now");

        Assert.True(await autosave.FlushAsync());

        Assert.Equal(new[] { "now" }, store.Saves);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(store.Saves);
    }

    [Fact]
    public async Task FailingStore_NeverThrowsAndIsRetriedOnTheNextChange()
    {
        var logger = new CapturingLogger();
        using var autosave = new DraftAutosave<string>(store, "k", new AutosaveOptions { TimeProvider = time, Logger = logger });
        var failures = new List<AutosaveFailedEventArgs>();
        autosave.SaveFailed += (_, e) => failures.Add(e);
        store.Failure = new IOException("disk full");

        autosave.Update("one");
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await autosave.FlushAsync());

        Assert.Equal(2, failures.Count);
        Assert.True(autosave.HasPendingChanges);
        Assert.Contains(logger.Entries, e => e.EventId.Name == "AutosaveFailed");

        store.Failure = null;
        autosave.Update("two");
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new[] { "two" }, store.Saves);
        Assert.False(autosave.HasPendingChanges);
    }

    [Fact]
    public void FailingStoreOnDispose_DoesNotThrow()
    {
        store.Failure = new IOException("disk full");
        var autosave = new DraftAutosave<string>(store, "k", new AutosaveOptions { TimeProvider = time });
        autosave.Update("x");

        var error = Record.Exception(autosave.Dispose);

        Assert.Null(error);
    }

    [Fact]
    public void UnserializableValue_DoesNotThrowIntoTheUi()
    {
        using var autosave = new DraftAutosave<Node>(store, "k", new AutosaveOptions { TimeProvider = time });
        var failures = 0;
        autosave.SaveFailed += (_, _) => failures++;
        var node = new Node();
        node.Next = node;

        var error = Record.Exception(() => autosave.Update(node));

        Assert.Null(error);
        Assert.Equal(1, failures);
    }

    [Fact]
    public void ThrowingEventHandler_DoesNotReachTheTimerThread()
    {
        using var autosave = new DraftAutosave<string>(store, "k", new AutosaveOptions { TimeProvider = time });
        autosave.Saved += (_, _) => throw new InvalidOperationException("UI bug");
        autosave.Update("x");

        var error = Record.Exception(() => time.Advance(TimeSpan.FromSeconds(1)));

        Assert.Null(error);
        Assert.Single(store.Saves);
    }

    [Fact]
    public async Task SavesNeverOverlapAndTheNewestValueWins()
    {
        var slow = new CountingStore { Delay = TimeSpan.FromMilliseconds(30) };
        await using var autosave = new DraftAutosave<string>(slow, "k", new AutosaveOptions { TimeProvider = time, Delay = TimeSpan.FromMilliseconds(10) });

        for (var i = 0; i < 10; i++)
        {
            autosave.Update("v" + i);
            time.Advance(TimeSpan.FromMilliseconds(20));
        }

        await autosave.FlushAsync();

        Assert.Equal(1, slow.MaxConcurrent);
        Assert.Equal("v9", slow.Saves[^1]);
    }

    public sealed class Form
    {
        public string Name { get; set; } = string.Empty;
    }

    public sealed class Node
    {
        public Node? Next { get; set; }
    }

    private sealed class CountingStore : IDraftStore
    {
        private int concurrent;

        public List<string> Saves { get; } = new();

        public Exception? Failure { get; set; }

        public TimeSpan Delay { get; set; }

        public int MaxConcurrent { get; private set; }

        public async ValueTask SaveAsync(string key, string content, CancellationToken cancellationToken = default)
        {
            var now = Interlocked.Increment(ref concurrent);
            MaxConcurrent = Math.Max(MaxConcurrent, now);
            try
            {
                if (Delay > TimeSpan.Zero)
                {
                    await Task.Delay(Delay, cancellationToken);
                }

                if (Failure is { } failure)
                {
                    throw failure;
                }

                lock (Saves)
                {
                    Saves.Add(content);
                }
            }
            finally
            {
                Interlocked.Decrement(ref concurrent);
            }
        }

        public ValueTask<Draft?> TryLoadAsync(string key, CancellationToken cancellationToken = default) => new((Draft?)null);

        public ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default) => new(false);

        public ValueTask<IReadOnlyList<DraftInfo>> ListAsync(CancellationToken cancellationToken = default) => new(Array.Empty<DraftInfo>());
    }
}
