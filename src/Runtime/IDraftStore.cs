using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SessionSafety;

/// <summary>
/// Keeps the user's unsaved input by key until it has reached the server. Drafts expire (24 hours by
/// default) and expired drafts are neither returned nor kept.
/// </summary>
public interface IDraftStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>; identical content is not rewritten.</summary>
    ValueTask SaveAsync(string key, string content, CancellationToken cancellationToken = default);

    /// <summary>The draft stored under <paramref name="key"/>, or <see langword="null"/> when there is none (or it expired).</summary>
    ValueTask<Draft?> TryLoadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Removes the draft; returns whether there was one.</summary>
    ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>The drafts that have not expired, without their content.</summary>
    ValueTask<IReadOnlyList<DraftInfo>> ListAsync(CancellationToken cancellationToken = default);
}
