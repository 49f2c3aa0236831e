using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace SessionSafety.Internal;

/// <summary>One way for the guard, the typed saves and autosave to save a draft and learn whether it was kept.</summary>
internal static class DraftSaving
{
    /// <summary>
    /// Saves and returns whether the store holds the draft; a store of the app's own counts as holding it
    /// unless it threw. With <paramref name="synchronouslyWhenPossible"/> a store that can save without
    /// awaiting does so on the caller's thread (the guard: its send then runs there too, as it would without
    /// the guard); otherwise the work is awaited off the caller's context.
    /// </summary>
    public static ValueTask<bool> TrySaveAsync(IDraftStore store, string key, string content, ILogger? logger, bool synchronouslyWhenPossible, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return store switch
        {
            IReportingDraftStore { CanSaveSynchronously: true } own when synchronouslyWhenPossible => new ValueTask<bool>(own.TrySave(key, content)),
            IReportingDraftStore own => own.TrySaveAsync(key, content, cancellationToken),
            _ => SaveToAppStoreAsync(store, key, content, logger, cancellationToken),
        };
    }

    /// <summary>Reports a value that could not be made into draft text: through the store when it is one of ours, else to the log.</summary>
    public static void ReportNotStored(IDraftStore store, string key, DraftProblemKind kind, Exception exception, ILogger? logger)
    {
        var reason = kind == DraftProblemKind.SerializationFailed
            ? "the value could not be serialized (" + exception.GetType().Name + ")"
            : exception.GetType().Name;
        if (store is IReportingDraftStore own)
        {
            own.ReportNotStored(key, kind, reason, exception);
        }
        else
        {
            Log.DraftNotStored(logger, key, reason, exception);
        }
    }

    private static async ValueTask<bool> SaveToAppStoreAsync(IDraftStore store, string key, string content, ILogger? logger, CancellationToken cancellationToken)
    {
        try
        {
            await store.SaveAsync(key, content, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is not ArgumentException && (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            Log.StoreFailed(logger, "save", key, exception);
            return false;
        }
    }
}
