using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace SessionSafety.Internal;

/// <summary>Turns a payload into the text that is stored as its draft.</summary>
internal static class DraftContent
{
    public static async Task<string> ToTextAsync<TPayload>(TPayload payload, JsonSerializerOptions options) => payload switch
    {
        null => "null",
        string text => text,
        HttpContent content => await ReadAsync(content).ConfigureAwait(false),
        HttpRequestMessage request => request.Content is null ? string.Empty : await ReadAsync(request.Content).ConfigureAwait(false),
        _ => JsonSerializer.Serialize(payload, payload.GetType(), options),
    };

    private static async Task<string> ReadAsync(HttpContent content)
    {
        // Buffering keeps the content readable for the send that follows.
        await content.LoadIntoBufferAsync().ConfigureAwait(false);
        return await content.ReadAsStringAsync().ConfigureAwait(false);
    }
}
