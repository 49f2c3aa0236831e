namespace SessionSafety.Internal;

/// <summary>How a stored draft's body is sealed. The value is written into the file.</summary>
internal enum DraftCipherKind : byte
{
    None = 0,
    AesGcm = 1,
    AesCbcHmacSha256 = 2,
}
