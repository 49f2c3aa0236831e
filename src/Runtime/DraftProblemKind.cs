namespace SessionSafety;

/// <summary>What went wrong with a stored draft.</summary>
public enum DraftProblemKind
{
    /// <summary>The stored entry is truncated, empty, garbled or fails its checksum.</summary>
    Corrupt,

    /// <summary>The entry was written in a format version this library does not read.</summary>
    UnsupportedVersion,

    /// <summary>The entry failed authentication: it was altered, or encrypted with another key.</summary>
    AuthenticationFailed,

    /// <summary>The entry is not encrypted although the store requires encryption, or the other way round.</summary>
    EncryptionMismatch,

    /// <summary>The entry holds another draft key than the one its name stands for.</summary>
    WrongKey,

    /// <summary>The storage itself failed (disk full, access denied, browser storage unavailable).</summary>
    StorageFailure,

    /// <summary>The draft is over the store's size limit: it was not stored (or, found on disk, not read).</summary>
    TooLarge,

    /// <summary>The value could not be turned into draft text (a cycle in the model, an unsupported type): nothing was stored.</summary>
    SerializationFailed,

    /// <summary>
    /// The place is not safe to use: the drafts folder is a symbolic link or writable by other users, or
    /// the draft's path is not a regular file (a FIFO, a device, a link). Nothing is read from or written there.
    /// </summary>
    UnsafeLocation,
}
