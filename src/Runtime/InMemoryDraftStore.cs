using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SessionSafety;

/// <summary>Keeps drafts in memory for the life of the process.</summary>
public sealed class InMemoryDraftStore : IDraftStore
{
    private readonly ConcurrentDictionary<string, Draft> drafts = new(StringComparer.Ordinal);
    private readonly TimeProvider time;
    private readonly TimeSpan timeToLive;

    /// <summary>Creates a store whose drafts expire after <paramref name="timeToLive"/> (24 hours by default).</summary>
    public InMemoryDraftStore(TimeSpan? timeToLive = null, TimeProvider? timeProvider = null)
    {
        this.timeToLive = timeToLive ?? TimeSpan.FromHours(24);
        time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public ValueTask SaveAsync(string key, string content, CancellationToken cancellationToken = default)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        drafts[key] = new Draft(key, content ?? string.Empty, time.GetUtcNow());
        return default;
    }

    /// <inheritdoc />
    public ValueTask<Draft?> TryLoadAsync(string key, CancellationToken cancellationToken = default) =>
        new(drafts.TryGetValue(key, out var draft) && !IsExpired(draft) ? draft : null);

    /// <inheritdoc />
    public ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default) =>
        new(drafts.TryRemove(key, out _));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<DraftInfo>> ListAsync(CancellationToken cancellationToken = default) =>
        new(drafts.Values.Where(d => !IsExpired(d)).Select(d => new DraftInfo(d.Key, d.SavedAt)).ToList());

    private bool IsExpired(Draft draft) => time.GetUtcNow() - draft.SavedAt >= timeToLive;
}
