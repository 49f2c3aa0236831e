using System;
using System.Threading;
using System.Threading.Tasks;

namespace SessionSafety.Internal;

/// <summary>
/// What the runtime's own stores tell their callers beyond <see cref="IDraftStore"/>: whether a save was
/// kept (they report failures through their <c>Problem</c> event instead of throwing, so "no exception"
/// does not mean "kept"), and a synchronous path where they have one, so that synchronous callers — an
/// MVC action, a Dispose, a guard on a UI thread — never block on an asynchronous operation.
/// </summary>
internal interface IReportingDraftStore
{
    /// <summary>Whether <see cref="TrySave"/> can run without awaiting right now.</summary>
    bool CanSaveSynchronously { get; }

    /// <summary>Stores the draft synchronously; false when the store could not keep it (it reported why).</summary>
    bool TrySave(string key, string content);

    /// <summary>Stores the draft; false when the store could not keep it (it reported why).</summary>
    ValueTask<bool> TrySaveAsync(string key, string content, CancellationToken cancellationToken);

    /// <summary>Reports, through the store's event and logger, a draft that never reached it (its value could not be serialized).</summary>
    void ReportNotStored(string key, DraftProblemKind kind, string reason, Exception? exception);
}
