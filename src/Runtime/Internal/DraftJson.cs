using System.Text.Json;

namespace SessionSafety.Internal;

/// <summary>JSON settings shared by the guard, the typed saves and loads, and autosave.</summary>
internal static class DraftJson
{
    public static readonly JsonSerializerOptions WebOptions = new(JsonSerializerDefaults.Web);
}
