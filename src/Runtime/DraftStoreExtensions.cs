using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SessionSafety.Internal;

namespace SessionSafety;

/// <summary>Typed saves and loads: objects are stored as JSON (web defaults), strings as they are. SESS002's code fix calls these.</summary>
public static class DraftStoreExtensions
{
    /// <summary>
    /// Stores <paramref name="value"/> as the draft under <paramref name="key"/>, and returns whether the store
    /// holds it. Failures are reported, not thrown — this runs just before a redirect to the login page, which
    /// must still happen: a storage failure or a draft over the size limit by the store (its <c>Problem</c>
    /// event and logger), a value that cannot be serialized (a cycle in the model) the same way, as
    /// <see cref="DraftProblemKind.SerializationFailed"/>. A store of the app's own that throws returns false.
    /// </summary>
    public static async ValueTask<bool> SaveAsync<T>(this IDraftStore store, string key, T value, CancellationToken cancellationToken = default)
    {
        if (store is null)
        {
            throw new ArgumentNullException(nameof(store));
        }

        DraftKeys.Check(key);
        if (!TryToText(store, key, value, out var text))
        {
            return false;
        }

        try
        {
            return await DraftSaving.TrySaveAsync(store, key, text, null, synchronouslyWhenPossible: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && exception is not ArgumentException)
        {
            // A custom store that throws: the user's redirect goes ahead; the failure is for the store to report.
            return false;
        }
    }

    /// <summary>
    /// Stores <paramref name="value"/> from synchronous code (MVC actions, event handlers) and returns whether
    /// the store holds it. Completes synchronously for file and in-memory stores and in WebAssembly; with an
    /// asynchronous store on a UI thread (Blazor Server) the save is started and finishes in the background,
    /// since blocking that thread on it would deadlock: it then returns true, and a failure is reported by
    /// the store. Failures are reported as for <see cref="SaveAsync{T}"/>, never thrown.
    /// </summary>
    public static bool Save<T>(this IDraftStore store, string key, T value)
    {
        if (store is null)
        {
            throw new ArgumentNullException(nameof(store));
        }

        DraftKeys.Check(key);
        if (!TryToText(store, key, value, out var text))
        {
            return false;
        }

        try
        {
            if (store is IReportingDraftStore { CanSaveSynchronously: true } own)
            {
                return own.TrySave(key, text);
            }

            var pending = DraftSaving.TrySaveAsync(store, key, text, null, synchronouslyWhenPossible: false, CancellationToken.None);
            if (pending.IsCompleted)
            {
                return pending.GetAwaiter().GetResult();
            }

            if (SynchronizationContext.Current is not null)
            {
                _ = ObserveAsync(pending);
                return true;
            }

            return pending.AsTask().GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is not ArgumentException)
        {
            // Reported by the store.
            return false;
        }
    }

    /// <summary>Loads the draft under <paramref name="key"/> as a <typeparamref name="T"/>; <see langword="default"/> when there is none or it does not deserialize.</summary>
    public static async ValueTask<T?> LoadAsync<T>(this IDraftStore store, string key, CancellationToken cancellationToken = default)
    {
        if (store is null)
        {
            throw new ArgumentNullException(nameof(store));
        }

        var draft = await store.TryLoadAsync(key, cancellationToken).ConfigureAwait(false);
        if (draft is null)
        {
            return default;
        }

        if (typeof(T) == typeof(string))
        {
            return (T)(object)draft.Content;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(draft.Content, DraftJson.WebOptions);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    internal static string ToText<T>(T value) => value is string text ? text : JsonSerializer.Serialize(value, DraftJson.WebOptions);

    private static bool TryToText<T>(IDraftStore store, string key, T value, out string text)
    {
        try
        {
            text = ToText(value);
            return true;
        }
        catch (Exception exception) when (exception is NotSupportedException or JsonException or InvalidOperationException or ArgumentException)
        {
            DraftSaving.ReportNotStored(store, key, DraftProblemKind.SerializationFailed, exception, null);
            text = string.Empty;
            return false;
        }
    }

    private static async Task ObserveAsync(ValueTask<bool> pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The store reports its own failures; nothing may surface on the UI thread.
        }
    }
}
