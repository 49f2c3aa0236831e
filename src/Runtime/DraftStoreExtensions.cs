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
    /// Stores <paramref name="value"/> as the draft under <paramref name="key"/>. Storage failures are
    /// reported by the store (its <c>Problem</c> event and logger), not thrown: this runs just before a
    /// redirect to the login page, which must still happen.
    /// </summary>
    public static async ValueTask SaveAsync<T>(this IDraftStore store, string key, T value, CancellationToken cancellationToken = default)
    {
        if (store is null)
        {
            throw new ArgumentNullException(nameof(store));
        }

        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        try
        {
            await store.SaveAsync(key, ToText(value), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && exception is not ArgumentException)
        {
            // A custom store that throws: the user's redirect goes ahead; the failure is for the store to report.
        }
    }

    /// <summary>
    /// Stores <paramref name="value"/> from synchronous code (MVC actions, event handlers). Completes
    /// synchronously for file and in-memory stores and in WebAssembly; with an asynchronous store on a UI
    /// thread (Blazor Server) the save is started and finishes in the background, since blocking that
    /// thread on it would deadlock.
    /// </summary>
    public static void Save<T>(this IDraftStore store, string key, T value)
    {
        if (store is null)
        {
            throw new ArgumentNullException(nameof(store));
        }

        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        string text;
        try
        {
            text = ToText(value);
        }
        catch (Exception exception) when (exception is NotSupportedException or JsonException or InvalidOperationException)
        {
            return;
        }

        if (store is ISynchronousDraftStore { CanSaveSynchronously: true } syncStore)
        {
            try
            {
                syncStore.Save(key, text);
            }
            catch (Exception exception) when (exception is not ArgumentException)
            {
                // Reported by the store.
            }

            return;
        }

        var pending = SaveAsync(store, key, text);
        if (pending.IsCompleted || SynchronizationContext.Current is not null)
        {
            return;
        }

        pending.AsTask().GetAwaiter().GetResult();
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
}
