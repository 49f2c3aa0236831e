using System;

namespace SessionSafety;

/// <summary>What <see cref="IDraftStore.ListAsync"/> tells about a draft, without its content.</summary>
public sealed class DraftInfo
{
    /// <summary>Creates the description of a draft.</summary>
    public DraftInfo(string key, DateTimeOffset savedAt)
    {
        Key = key;
        SavedAt = savedAt;
    }

    /// <summary>The key it was stored under.</summary>
    public string Key { get; }

    /// <summary>When it was last written.</summary>
    public DateTimeOffset SavedAt { get; }
}
