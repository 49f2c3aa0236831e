#if NET8_0_OR_GREATER
namespace SessionSafety;

/// <summary>Settings of a <see cref="BrowserDraftStore"/>.</summary>
public sealed class BrowserDraftStoreOptions : DraftStoreOptions
{
    /// <summary>The prefix of the storage keys the drafts are kept under.</summary>
    public string KeyPrefix { get; set; } = BrowserDraftStore.DefaultKeyPrefix;

    /// <summary>The signed-in user whose drafts the store keeps (see <see cref="BrowserDraftStore.UserId"/>); <see langword="null"/> by default.</summary>
    public string? UserId { get; set; }

    /// <summary>Use <c>sessionStorage</c> (gone when the tab closes) instead of <c>localStorage</c>.</summary>
    public bool UseSessionStorage { get; set; }
}
#endif
