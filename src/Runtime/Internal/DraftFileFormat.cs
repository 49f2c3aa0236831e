using System;
using System.Text;

namespace SessionSafety.Internal;

/// <summary>
/// The file a <see cref="FileDraftStore"/> writes, version 1. Little-endian throughout.
/// <code>
///  0  8  magic "SESSDRFT"
///  8  1  format version (1)
///  9  1  cipher (0 none, 1 AES-256-GCM, 2 AES-256-CBC + HMAC-SHA256)
/// 10  2  reserved (0)
/// 12  8  saved at, Unix milliseconds
/// 20 32  content hash (SHA-256, or HMAC-SHA256 under the app's key when encrypted)
/// 52  4  body length n
/// 56  n  body: key length in chars (int32), key and content as UTF-16 code units — sealed when encrypted
/// 56+n 32 SHA-256 of everything before it
/// </code>
/// The length and the checksum reveal a torn or truncated file; the cipher's authentication (whose
/// associated data is the header) reveals a file altered on purpose or sealed with another key.
/// </summary>
internal static class DraftFileFormat
{
    public const byte CurrentVersion = 1;
    public const int HeaderSize = 56;
    public const int ChecksumSize = 32;
    public const int Overhead = HeaderSize + ChecksumSize;
    private const int AssociatedDataSize = 52;

    // The range of DateTimeOffset.FromUnixTimeMilliseconds: 0001-01-01 to 9999-12-31.
    private const long MinUnixMilliseconds = -62_135_596_800_000;
    private const long MaxUnixMilliseconds = 253_402_300_799_999;

    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("SESSDRFT");

    /// <summary>The hash of the content's UTF-16 code units, computed in chunks (a save of unchanged text allocates no copy of it).</summary>
    public static byte[] ContentHash(string content, DraftEncryptionKey? key)
    {
        using System.Security.Cryptography.HashAlgorithm hash = key is null
            ? System.Security.Cryptography.SHA256.Create()
            : new System.Security.Cryptography.HMACSHA256(key.ContentHashKey);
        return Bytes.HashUtf16(hash, content);
    }

    public static byte[] Encode(string key, string content, DateTimeOffset savedAt, byte[] contentHash, DraftEncryptionKey? encryptionKey, DraftCipherKind cipher)
    {
        var keyBytes = Bytes.Utf16(key);
        var contentBytes = Bytes.Utf16(content);
        var plain = new byte[4 + keyBytes.Length + contentBytes.Length];
        WriteInt32(plain, 0, key.Length);
        Buffer.BlockCopy(keyBytes, 0, plain, 4, keyBytes.Length);
        Buffer.BlockCopy(contentBytes, 0, plain, 4 + keyBytes.Length, contentBytes.Length);

        var kind = encryptionKey is null ? DraftCipherKind.None : cipher;
        var header = new byte[HeaderSize];
        Buffer.BlockCopy(Magic, 0, header, 0, Magic.Length);
        header[8] = CurrentVersion;
        header[9] = (byte)kind;
        WriteInt64(header, 12, savedAt.ToUnixTimeMilliseconds());
        Buffer.BlockCopy(contentHash, 0, header, 20, 32);

        var body = encryptionKey is null ? plain : DraftCipher.Encrypt(kind, encryptionKey, plain, AssociatedData(header));
        WriteInt32(header, 52, body.Length);

        var file = new byte[Overhead + body.Length];
        Buffer.BlockCopy(header, 0, file, 0, HeaderSize);
        Buffer.BlockCopy(body, 0, file, HeaderSize, body.Length);
        var checksum = Bytes.Sha256(file, 0, HeaderSize + body.Length);
        Buffer.BlockCopy(checksum, 0, file, HeaderSize + body.Length, ChecksumSize);
        return file;
    }

    public static DecodeResult Decode(byte[] file, DraftEncryptionKey? encryptionKey)
    {
        if (file.Length == 0)
        {
            return DecodeResult.Fail(DraftProblemKind.Corrupt, "the file is empty");
        }

        if (file.Length < Overhead)
        {
            return DecodeResult.Fail(DraftProblemKind.Corrupt, $"the file is truncated ({file.Length} bytes)");
        }

        if (!Bytes.FixedTimeEquals(file, 0, Magic, 0, Magic.Length))
        {
            return DecodeResult.Fail(DraftProblemKind.Corrupt, "the file is not a draft");
        }

        if (file[8] != CurrentVersion)
        {
            return DecodeResult.Fail(DraftProblemKind.UnsupportedVersion, $"format version {file[8]} is not supported (this library reads version {CurrentVersion})");
        }

        if (!DraftCipher.IsKnown(file[9]))
        {
            return DecodeResult.Fail(DraftProblemKind.Corrupt, $"unknown cipher {file[9]}");
        }

        var bodyLength = ReadInt32(file, 52);
        if (bodyLength != file.Length - Overhead)
        {
            return DecodeResult.Fail(DraftProblemKind.Corrupt, "the file's length does not match its header (torn or truncated)");
        }

        var checksum = Bytes.Sha256(file, 0, HeaderSize + bodyLength);
        if (!Bytes.FixedTimeEquals(checksum, 0, file, HeaderSize + bodyLength, ChecksumSize))
        {
            return DecodeResult.Fail(DraftProblemKind.Corrupt, "checksum mismatch");
        }

        if (!TryReadSavedAt(file, out var savedAt))
        {
            return DecodeResult.Fail(DraftProblemKind.Corrupt, "the save time is out of range");
        }

        var kind = (DraftCipherKind)file[9];
        byte[] plain;
        int plainOffset;
        int plainLength;
        if (kind == DraftCipherKind.None)
        {
            if (encryptionKey is not null)
            {
                return DecodeResult.Fail(DraftProblemKind.EncryptionMismatch, "the draft is not encrypted but the store requires encryption");
            }

            plain = file;
            plainOffset = HeaderSize;
            plainLength = bodyLength;
        }
        else
        {
            if (encryptionKey is null)
            {
                return DecodeResult.Fail(DraftProblemKind.EncryptionMismatch, "the draft is encrypted and the store has no key");
            }

            if (!DraftCipher.IsAvailable(kind))
            {
                return DecodeResult.Fail(DraftProblemKind.UnsupportedVersion, $"the draft is sealed with {kind}, which this platform does not provide");
            }

            var header = new byte[HeaderSize];
            Buffer.BlockCopy(file, 0, header, 0, HeaderSize);
            var decrypted = DraftCipher.Decrypt(kind, encryptionKey, file, HeaderSize, bodyLength, AssociatedData(header));
            if (decrypted is null)
            {
                return DecodeResult.Fail(DraftProblemKind.AuthenticationFailed, "authentication failed: the draft was altered or sealed with another key");
            }

            plain = decrypted;
            plainOffset = 0;
            plainLength = decrypted.Length;
        }

        if (plainLength < 4)
        {
            return DecodeResult.Fail(DraftProblemKind.Corrupt, "the body is too short");
        }

        var keyChars = ReadInt32(plain, plainOffset);
        var rest = plainLength - 4;
        if (keyChars < 0 || keyChars > rest / 2 || (rest - (2 * keyChars)) % 2 != 0)
        {
            return DecodeResult.Fail(DraftProblemKind.Corrupt, "the body is malformed");
        }

        var key = Bytes.FromUtf16(plain, plainOffset + 4, 2 * keyChars);
        var content = Bytes.FromUtf16(plain, plainOffset + 4 + (2 * keyChars), rest - (2 * keyChars));
        var storedHash = new byte[32];
        Buffer.BlockCopy(file, 20, storedHash, 0, 32);
        var actualHash = ContentHash(content, encryptionKey);
        if (!Bytes.FixedTimeEquals(storedHash, 0, actualHash, 0, 32))
        {
            return DecodeResult.Fail(DraftProblemKind.Corrupt, "the content does not match its hash");
        }

        return DecodeResult.Ok(key, content, savedAt, storedHash);
    }

    /// <summary>
    /// Reads what a save needs to skip identical content from the first <see cref="HeaderSize"/> bytes of a
    /// file of <paramref name="fileLength"/> bytes, without its body: false when the header is not one of
    /// this format's or does not fit the length. The caller still checks the trailing checksum.
    /// </summary>
    public static bool TryReadHeader(byte[] header, long fileLength, out byte[] contentHash, out DateTimeOffset savedAt)
    {
        contentHash = Array.Empty<byte>();
        savedAt = default;
        if (header.Length < HeaderSize
            || !Bytes.FixedTimeEquals(header, 0, Magic, 0, Magic.Length)
            || header[8] != CurrentVersion
            || !DraftCipher.IsKnown(header[9])
            || ReadInt32(header, 52) != fileLength - Overhead
            || !TryReadSavedAt(header, out savedAt))
        {
            return false;
        }

        contentHash = new byte[32];
        Buffer.BlockCopy(header, 20, contentHash, 0, 32);
        return true;
    }

    /// <summary>The save time, unless it is outside what <see cref="DateTimeOffset"/> can hold (a crafted file).</summary>
    private static bool TryReadSavedAt(byte[] file, out DateTimeOffset savedAt)
    {
        var milliseconds = ReadInt64(file, 12);
        if (milliseconds < MinUnixMilliseconds || milliseconds > MaxUnixMilliseconds)
        {
            savedAt = default;
            return false;
        }

        savedAt = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return true;
    }

    /// <summary>Everything in the header but the body length (which the ciphertext determines).</summary>
    private static byte[] AssociatedData(byte[] header)
    {
        var data = new byte[AssociatedDataSize];
        Buffer.BlockCopy(header, 0, data, 0, AssociatedDataSize);
        return data;
    }

    private static void WriteInt32(byte[] buffer, int offset, int value)
    {
        for (var i = 0; i < 4; i++)
        {
            buffer[offset + i] = (byte)(value >> (8 * i));
        }
    }

    private static void WriteInt64(byte[] buffer, int offset, long value)
    {
        for (var i = 0; i < 8; i++)
        {
            buffer[offset + i] = (byte)(value >> (8 * i));
        }
    }

    private static int ReadInt32(byte[] buffer, int offset)
    {
        var value = 0;
        for (var i = 0; i < 4; i++)
        {
            value |= buffer[offset + i] << (8 * i);
        }

        return value;
    }

    private static long ReadInt64(byte[] buffer, int offset)
    {
        long value = 0;
        for (var i = 0; i < 8; i++)
        {
            value |= (long)buffer[offset + i] << (8 * i);
        }

        return value;
    }
}
