using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SessionSafety.Internal;

namespace SessionSafety;

/// <summary>
/// Saves a changing value (the text being typed, the form's model) as a draft once it has stopped
/// changing for <see cref="AutosaveOptions.Delay"/>, and at the latest after
/// <see cref="AutosaveOptions.MaxDelay"/>. Disposing it saves what is pending. Nothing it does throws
/// into the UI: a failed save is logged, reported through <see cref="SaveFailed"/> and tried again.
/// </summary>
/// <remarks>
/// With <c>BrowserDraftStore</c> a value is saved for the user who was signed in when it was typed
/// (its <c>UserId</c> at <see cref="Update"/>): if that user's drafts are cleared at
/// sign-out before the save, the value is discarded (and logged), never written back after the clear nor
/// among the next user's drafts.
/// </remarks>
/// <typeparam name="T">The value's type: a string is kept as it is, anything else as JSON.</typeparam>
public sealed class DraftAutosave<T> : IDisposable, IAsyncDisposable
{
    private readonly object gate = new();
    private readonly IDraftStore store;
    private readonly string key;
    private readonly TimeSpan delay;
    private readonly TimeSpan maxDelay;
    private readonly TimeProvider time;
    private readonly JsonSerializerOptions jsonOptions;
    private readonly ILogger? logger;
    private readonly ITimer timer;

    private string? pending;

    // Who owned the pending value when it was typed (a store with owners only, else null).
    private object? owner;
    private long version;
    private long savedVersion;
    private DateTimeOffset? dirtySince;
    private Task saving = Task.CompletedTask;
    private bool disposed;

    /// <summary>Creates an autosave of the draft under <paramref name="key"/> in <paramref name="store"/>.</summary>
    public DraftAutosave(IDraftStore store, string key, AutosaveOptions? options = null)
    {
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.key = key ?? throw new ArgumentNullException(nameof(key));
        options ??= new AutosaveOptions();
        if (options.Delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The autosave delay cannot be negative.");
        }

        delay = options.Delay;
        maxDelay = options.MaxDelay;
        time = options.TimeProvider ?? TimeProvider.System;
        jsonOptions = options.JsonSerializerOptions ?? DraftJson.WebOptions;
        logger = options.Logger;
        timer = time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Raised when a save failed (on a timer thread).</summary>
    public event EventHandler<AutosaveFailedEventArgs>? SaveFailed;

    /// <summary>Raised after a value was handed to the store (on a timer thread).</summary>
    public event EventHandler? Saved;

    /// <summary>The draft's key.</summary>
    public string Key => key;

    /// <summary>Whether a change is waiting to be saved.</summary>
    public bool HasPendingChanges
    {
        get
        {
            lock (gate)
            {
                return version != savedVersion && !IsSignedOut(owner);
            }
        }
    }

    /// <summary>Records the latest value; it is saved after the quiet time. Never throws.</summary>
    public void Update(T value)
    {
        string text;
        try
        {
            // Taken now, on the caller's thread: the UI may go on changing the object.
            text = value is string s ? s : JsonSerializer.Serialize(value, jsonOptions);
        }
        catch (Exception exception)
        {
            Fail(exception);
            return;
        }

        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            pending = text;
            owner = (store as IOwnedDraftStore)?.CurrentOwner;
            version++;
            var now = time.GetUtcNow();
            dirtySince ??= now;
            var due = delay;
            if (maxDelay != Timeout.InfiniteTimeSpan)
            {
                var latest = dirtySince.Value + maxDelay - now;
                if (latest < due)
                {
                    due = latest < TimeSpan.Zero ? TimeSpan.Zero : latest;
                }
            }

            timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Saves the pending value now and waits for it. Returns whether everything is saved; never throws.</summary>
    public async Task<bool> FlushAsync()
    {
        Task task;
        lock (gate)
        {
            timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            task = StartSaveLocked();
        }

        await task.ConfigureAwait(false);
        return !HasPendingChanges;
    }

    /// <summary>
    /// Saves what is pending and stops. Synchronously where the store can (files, memory, WebAssembly);
    /// otherwise the save is started and completes in the background — a UI thread is never blocked on it.
    /// </summary>
    public void Dispose()
    {
        string? text;
        object? textOwner;
        long target;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            timer.Dispose();
            text = pending;
            textOwner = owner;
            target = version;
        }

        if (target == Volatile.Read(ref savedVersion) || text is null)
        {
            return;
        }

        if (store is IReportingDraftStore { CanSaveSynchronously: true } && saving.IsCompleted)
        {
            try
            {
                // Completes on this thread: the store saves synchronously.
                var kept = TrySaveAsync(textOwner, text, synchronously: true).GetAwaiter().GetResult();
                if (kept || IsSignedOut(textOwner))
                {
                    // Saved, or discarded for good: its user signed out (the store logged it).
                    MarkSaved(target);
                }
                else
                {
                    Fail(NotKept());
                }
            }
            catch (Exception exception)
            {
                Fail(exception);
            }

            return;
        }

        Task task;
        lock (gate)
        {
            task = StartSaveLocked();
        }

        if (SynchronizationContext.Current is null)
        {
            // No UI thread to block: wait, so a console app or a test sees the draft saved.
            task.GetAwaiter().GetResult();
        }
    }

    /// <summary>Saves what is pending, waits for it, and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        Task task;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            timer.Dispose();
            task = StartSaveLocked();
        }

        await task.ConfigureAwait(false);
    }

    private void OnTimer()
    {
        lock (gate)
        {
            StartSaveLocked();
        }
    }

    /// <summary>Saves are chained so that an older value never overwrites a newer one.</summary>
    private Task StartSaveLocked()
    {
        if (version == savedVersion && saving.IsCompleted)
        {
            return saving;
        }

        var previous = saving;
        saving = SaveAfterAsync(previous);
        return saving;
    }

    private async Task SaveAfterAsync(Task previous)
    {
        await previous.ConfigureAwait(false);
        string? text;
        object? textOwner;
        long target;
        lock (gate)
        {
            text = pending;
            textOwner = owner;
            target = version;
            if (target == savedVersion || text is null)
            {
                return;
            }

            dirtySince = null;
        }

        try
        {
            var kept = await TrySaveAsync(textOwner, text, synchronously: false).ConfigureAwait(false);
            if (!kept && IsSignedOut(textOwner))
            {
                // Discarded for good, not retried: its user signed out (the store logged it).
                MarkSaved(target);
                return;
            }

            if (!kept)
            {
                // The store reported why (disk full, over the size limit); the value stays pending.
                Fail(NotKept());
                return;
            }

            MarkSaved(target);
            RaiseSaved();
        }
        catch (Exception exception)
        {
            Fail(exception);
        }
    }

    /// <summary>Saves for the owner taken when the value was typed (a store with owners), else as any save.</summary>
    private ValueTask<bool> TrySaveAsync(object? valueOwner, string text, bool synchronously) =>
        valueOwner is not null && store is IOwnedDraftStore owned
            ? synchronously ? new ValueTask<bool>(owned.TrySave(valueOwner, key, text)) : owned.TrySaveAsync(valueOwner, key, text, CancellationToken.None)
            : DraftSaving.TrySaveAsync(store, key, text, logger, synchronouslyWhenPossible: synchronously, CancellationToken.None);

    private bool IsSignedOut(object? valueOwner) =>
        valueOwner is not null && store is IOwnedDraftStore owned && owned.IsSignedOut(valueOwner);

    private static System.IO.IOException NotKept() =>
        new("The draft store did not keep the draft; its Problem event and log say why.");

    private void MarkSaved(long target)
    {
        lock (gate)
        {
            if (target > savedVersion)
            {
                savedVersion = target;
            }
        }
    }

    private void RaiseSaved()
    {
        try
        {
            Saved?.Invoke(this, EventArgs.Empty);
        }
        catch (Exception exception)
        {
            Log.HandlerFailed(logger, nameof(Saved), exception);
        }
    }

    private void Fail(Exception exception)
    {
        Log.AutosaveFailed(logger, key, exception);
        try
        {
            SaveFailed?.Invoke(this, new AutosaveFailedEventArgs(key, exception));
        }
        catch (Exception handlerException)
        {
            Log.HandlerFailed(logger, nameof(SaveFailed), handlerException);
        }
    }
}
