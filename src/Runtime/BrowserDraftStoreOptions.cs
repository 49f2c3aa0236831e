#if NET8_0_OR_GREATER
using System.Collections.Generic;

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

    /// <summary>
    /// The key the entries are sealed with (authenticated encryption, bound to the entry's storage key and
    /// user), for a store whose .NET code runs on a server — Blazor Server — where the key stays: the
    /// browser's storage then holds ciphertext only. Keep it in the server's configuration or key management,
    /// the same on every instance and across restarts. Optional. In the browser (WebAssembly) a key is
    /// refused with <see cref="System.PlatformNotSupportedException"/>: .NET has no AES there, and a key the
    /// page holds protects nothing from the page.
    /// </summary>
    public DraftEncryptionKey? EncryptionKey { get; set; }

    /// <summary>
    /// Keys the entries were sealed with before <see cref="EncryptionKey"/> (key rotation): an entry sealed
    /// with one of them is still read, and sealed again with the current key at once. Drop a key from the
    /// list once the drafts' time to live has passed since the rotation. Empty by default: an entry sealed
    /// with an unknown key is set aside and reported.
    /// </summary>
    public IList<DraftEncryptionKey> PreviousEncryptionKeys { get; } = new List<DraftEncryptionKey>();

    /// <summary>
    /// Whether a store with an <see cref="EncryptionKey"/> still reads unencrypted entries (written before
    /// the key was configured) and seals them at once. On by default, so turning encryption on loses no
    /// draft. Turn it off once the drafts' time to live has passed since then: an unencrypted entry is then
    /// set aside and reported (<see cref="DraftProblemKind.EncryptionMismatch"/>), so whoever can write to the
    /// browser's storage cannot plant a draft that the app would take for the user's.
    /// </summary>
    public bool ReadUnencryptedDrafts { get; set; } = true;

    /// <summary>Whether the store runs in the browser (WebAssembly), where it takes no key; tests pretend.</summary>
    internal bool RunsInBrowser { get; set; } = Internal.BrowserFetch.IsBrowser;
}
#endif
