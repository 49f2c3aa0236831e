using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace SessionSafety;

/// <summary>Typed saves: objects are stored as JSON, strings as they are. SESS002's code fix calls these.</summary>
public static class DraftStoreExtensions
{
    /// <summary>Stores <paramref name="value"/> as the draft under <paramref name="key"/>.</summary>
    public static ValueTask SaveAsync<T>(this IDraftStore store, string key, T value, CancellationToken cancellationToken = default) =>
        store.SaveAsync(key, value is string text ? text : JsonSerializer.Serialize(value), cancellationToken);

    /// <summary>Stores <paramref name="value"/> from synchronous code (MVC actions, event handlers).</summary>
    public static void Save<T>(this IDraftStore store, string key, T value)
    {
        var pending = store.SaveAsync(key, value);
        if (!pending.IsCompletedSuccessfully)
        {
            pending.AsTask().GetAwaiter().GetResult();
        }
    }
}
