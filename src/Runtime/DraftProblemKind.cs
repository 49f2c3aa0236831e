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
}
