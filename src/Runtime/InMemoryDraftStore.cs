using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SessionSafety.Internal;

namespace SessionSafety;

/// <summary>
/// Keeps drafts in memory for the life of the process (or of the DI scope it is registered in). Survives
/// a lost session, not a closed app: prefer the file or browser store where the platform has one.
/// </summary>
public sealed class InMemoryDraftStore : IDraftStore, IReportingDraftStore
{
    private readonly ConcurrentDictionary<string, Draft> drafts = new(StringComparer.Ordinal);
    private readonly TimeProvider time;
    private readonly ILogger? logger;
    private readonly int maxContentLength;

    /// <summary>Creates a store whose drafts expire after <paramref name="timeToLive"/> (24 hours by default).</summary>
    public InMemoryDraftStore(TimeSpan? timeToLive = null, TimeProvider? timeProvider = null)
        : this(new DraftStoreOptions { TimeToLive = timeToLive ?? DraftStoreOptions.DefaultTimeToLive, TimeProvider = timeProvider ?? TimeProvider.System })
    {
    }

    /// <summary>Creates a store with <paramref name="options"/>.</summary>
    public InMemoryDraftStore(DraftStoreOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        TimeToLive = options.TimeToLive;
        time = options.TimeProvider ?? TimeProvider.System;
        logger = options.Logger;
        maxContentLength = options.MaxContentLength;
    }

    /// <summary>Reported when a draft could not be stored (over the size limit, not serializable).</summary>
    public event EventHandler<DraftProblemEventArgs>? Problem;

    /// <summary>How long a draft is kept.</summary>
    public TimeSpan TimeToLive { get; }

    bool IReportingDraftStore.CanSaveSynchronously => true;

    /// <inheritdoc />
    public ValueTask SaveAsync(string key, string content, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Save(key, content);
        return default;
    }

    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>; identical content is not rewritten.</summary>
    public void Save(string key, string content) => TrySave(key, content);

    bool IReportingDraftStore.TrySave(string key, string content) => TrySave(key, content);

    ValueTask<bool> IReportingDraftStore.TrySaveAsync(string key, string content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<bool>(TrySave(key, content));
    }

    void IReportingDraftStore.ReportNotStored(string key, DraftProblemKind kind, string reason, Exception? exception) =>
        Report(new DraftProblemEventArgs(kind, key, "save", reason, null, null, exception));

    private bool TrySave(string key, string content)
    {
        DraftKeys.Check(key);
        content ??= string.Empty;
        if (content.Length > maxContentLength)
        {
            Report(new DraftProblemEventArgs(DraftProblemKind.TooLarge, key, "save", $"the draft has {content.Length} characters; the limit is {maxContentLength}", null, null, null));
            return false;
        }

        var now = time.GetUtcNow();
        var unchanged = false;
        drafts.AddOrUpdate(
            key,
            _ => new Draft(key, content, now),
            (_, existing) =>
            {
                unchanged = !IsExpired(existing, now) && string.Equals(existing.Content, content, StringComparison.Ordinal);
                return unchanged ? existing : new Draft(key, content, now);
            });
        if (unchanged)
        {
            Log.DraftUnchanged(logger, key);
        }
        else
        {
            Log.DraftSaved(logger, key, content.Length);
        }

        return true;
    }

    /// <inheritdoc />
    public ValueTask<Draft?> TryLoadAsync(string key, CancellationToken cancellationToken = default)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!drafts.TryGetValue(key, out var draft))
        {
            return new ValueTask<Draft?>((Draft?)null);
        }

        if (IsExpired(draft, time.GetUtcNow()))
        {
            RemoveExpired(draft);
            return new ValueTask<Draft?>((Draft?)null);
        }

        return new ValueTask<Draft?>(draft);
    }

    /// <inheritdoc />
    public ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var removed = drafts.TryRemove(key, out _);
        if (removed)
        {
            Log.DraftRemoved(logger, key);
        }

        return new ValueTask<bool>(removed);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<DraftInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        var list = new List<DraftInfo>();
        foreach (var draft in drafts.Values)
        {
            if (IsExpired(draft, now))
            {
                RemoveExpired(draft);
            }
            else
            {
                list.Add(new DraftInfo(draft.Key, draft.SavedAt));
            }
        }

        return new ValueTask<IReadOnlyList<DraftInfo>>(list.OrderBy(d => d.Key, StringComparer.Ordinal).ToList());
    }

    private void Report(DraftProblemEventArgs args)
    {
        Log.DraftNotStored(logger, args.DraftKey ?? "(unknown)", args.Reason, args.Exception);
        try
        {
            Problem?.Invoke(this, args);
        }
        catch (Exception exception)
        {
            Log.HandlerFailed(logger, nameof(Problem), exception);
        }
    }

    private bool IsExpired(Draft draft, DateTimeOffset now) => now - draft.SavedAt >= TimeToLive;

    private void RemoveExpired(Draft draft)
    {
        // Only the expired entry itself: a fresh save that raced in stays.
        if (((ICollection<KeyValuePair<string, Draft>>)drafts).Remove(new KeyValuePair<string, Draft>(draft.Key, draft)))
        {
            Log.DraftExpired(logger, draft.Key);
        }
    }
}
