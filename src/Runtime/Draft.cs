using System;

namespace SessionSafety;

/// <summary>A stored draft: its key, its content and when it was saved.</summary>
public sealed class Draft
{
    /// <summary>Creates a draft.</summary>
    public Draft(string key, string content, DateTimeOffset savedAt)
    {
        Key = key;
        Content = content;
        SavedAt = savedAt;
    }

    /// <summary>The key it was stored under.</summary>
    public string Key { get; }

    /// <summary>The stored text (JSON for objects).</summary>
    public string Content { get; }

    /// <summary>When it was last written.</summary>
    public DateTimeOffset SavedAt { get; }
}
