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
    /// Whether each write is flushed to the disk before it replaces the previous draft, so that a power
    /// loss leaves either draft intact. On by default; a crash of the process alone never needs it.
    /// </summary>
    public bool FlushToDisk { get; set; } = true;
}
