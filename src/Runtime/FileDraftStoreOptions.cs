using System.Collections.Generic;

namespace SessionSafety;

/// <summary>Settings of a <see cref="FileDraftStore"/>.</summary>
public sealed class FileDraftStoreOptions : DraftStoreOptions
{
    /// <summary>The folder the drafts are written to; <see cref="DraftStore.DefaultDirectory"/> when not set.</summary>
    public string? Directory { get; set; }

    /// <summary>
    /// The key drafts are encrypted with (authenticated encryption). Keep it off the disk the drafts are on:
    /// the OS key store, MAUI SecureStorage, DPAPI, or the server's key management. Optional.
    /// </summary>
    public DraftEncryptionKey? EncryptionKey { get; set; }

    /// <summary>
    /// Keys the drafts were sealed with before <see cref="EncryptionKey"/> (key rotation): a draft sealed with
    /// one of them is still read, and sealed again with the current key at once. Drop a key from the list
    /// once the drafts' time to live has passed since the rotation. Empty by default: a draft sealed with an
    /// unknown key is set aside and reported.
    /// </summary>
    public IList<DraftEncryptionKey> PreviousEncryptionKeys { get; } = new List<DraftEncryptionKey>();

    /// <summary>
    /// Whether each write is flushed to the disk before it replaces the previous draft, so that a power
    /// loss leaves either draft intact. On by default; a crash of the process alone never needs it.
    /// </summary>
    public bool FlushToDisk { get; set; } = true;
}
