#if NET8_0_OR_GREATER
using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SessionSafety.Internal;

/// <summary>
/// The text a <see cref="BrowserDraftStore"/> keeps under a draft's storage key: JSON with a format version.
/// <code>
/// v1, no key:   {"v":1,"key":…,"savedAt":ms,"content":…,"sha256":hex}
/// v2, sealed:   {"v":2,"cipher":1|2,"savedAt":ms,"sealed":base64}
/// </code>
/// Version 1 is readable by whoever can read the browser's storage; its checksum catches accidental damage
/// only. Version 2 is written when the app gives the store a key (which stays on the server: Blazor Server).
/// <c>sealed</c> is <see cref="DraftCipher"/>'s output (nonce or IV, ciphertext, tag or MAC) of
/// <code>
/// 1 byte   text encoding (1 UTF-8; 2 UTF-16LE code units, for text with lone surrogates)
/// 4 bytes  key length in bytes, little-endian
///          key, then content
/// </code>
/// and its associated data is the version, the cipher, the save time, the storage key and the store's user
/// id: an entry copied under another draft key or into another user's partition, or with its time
/// changed, fails authentication like an altered one. Nothing but the save time is in the clear.
/// </summary>
internal static class BrowserEntryFormat
{
    public const int PlainVersion = 1;
    public const int SealedVersion = 2;

    private const byte Utf8Text = 1;
    private const byte Utf16Text = 2;

    // The range of DateTimeOffset.FromUnixTimeMilliseconds: 0001-01-01 to 9999-12-31.
    private const long MinUnixMilliseconds = -62_135_596_800_000;
    private const long MaxUnixMilliseconds = 253_402_300_799_999;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly byte[] AssociatedDataLabel = Encoding.ASCII.GetBytes("SessionSafety browser draft");

    // A sealed entry holds numbers and Base64 only: the default encoder would write each '+' as \u002B.
    private static readonly JsonWriterOptions SealedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The entry for a draft: plain (version 1) without <paramref name="encryptionKey"/>, sealed (version 2) with it.</summary>
    public static string Encode(string key, string content, DateTimeOffset savedAt, string storageKey, string? userId, DraftEncryptionKey? encryptionKey, DraftCipherKind cipher)
    {
        var savedAtMs = savedAt.ToUnixTimeMilliseconds();
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, encryptionKey is null ? default : SealedJson))
        {
            writer.WriteStartObject();
            if (encryptionKey is null)
            {
                writer.WriteNumber("v", PlainVersion);
                WriteText(writer, "key", key);
                writer.WriteNumber("savedAt", savedAtMs);
                WriteText(writer, "content", content);
                writer.WriteString("sha256", Checksum(key, content, savedAtMs));
            }
            else
            {
                var associatedData = AssociatedData(cipher, savedAtMs, storageKey, userId);
                writer.WriteNumber("v", SealedVersion);
                writer.WriteNumber("cipher", (byte)cipher);
                writer.WriteNumber("savedAt", savedAtMs);
                writer.WriteString("sealed", Convert.ToBase64String(DraftCipher.Encrypt(cipher, encryptionKey, Body(key, content), associatedData)));
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// Reads an entry found under <paramref name="storageKey"/> of <paramref name="userId"/>'s partition.
    /// <paramref name="needsReseal"/> tells that it opened, but not as the store writes now: plain while
    /// the store has a key, or sealed with a previous key (or sealed while the store has none).
    /// </summary>
    public static DecodeResult Decode(
        string raw,
        string storageKey,
        string? userId,
        DraftEncryptionKey? encryptionKey,
        IReadOnlyList<DraftEncryptionKey> previousKeys,
        bool readUnencrypted,
        out bool needsReseal)
    {
        needsReseal = false;
        try
        {
            using var document = JsonDocument.Parse(raw);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("v", out var version) || version.ValueKind != JsonValueKind.Number)
            {
                return DecodeResult.Fail(DraftProblemKind.Corrupt, "the entry is not a draft");
            }

            if (!version.TryGetInt32(out var v) || v is not (PlainVersion or SealedVersion))
            {
                return DecodeResult.Fail(DraftProblemKind.UnsupportedVersion, $"format version {version.GetRawText()} is not supported (this library reads versions {PlainVersion} and {SealedVersion})");
            }

            if (v == PlainVersion)
            {
                var plain = DecodePlain(root);
                if (plain.Success && encryptionKey is not null)
                {
                    if (!readUnencrypted)
                    {
                        return DecodeResult.Fail(DraftProblemKind.EncryptionMismatch, "the draft is not encrypted but the store requires encryption");
                    }

                    needsReseal = true;
                }

                return plain;
            }

            return DecodeSealed(root, storageKey, userId, encryptionKey, previousKeys, out needsReseal);
        }
        catch (JsonException)
        {
            return DecodeResult.Fail(DraftProblemKind.Corrupt, "the entry is not valid JSON");
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidOperationException or OverflowException)
        {
            // A crafted entry is set aside like any other unreadable one, never thrown at the caller.
            return DecodeResult.Fail(DraftProblemKind.Corrupt, "the entry is malformed (" + exception.GetType().Name + ")");
        }
    }

    private static DecodeResult DecodePlain(JsonElement root)
    {
        var key = ReadText(root, "key");
        var content = ReadText(root, "content");
        if (key is null || content is null
            || !root.TryGetProperty("savedAt", out var savedElement) || !savedElement.TryGetInt64(out var savedAt)
            || !root.TryGetProperty("sha256", out var hashElement) || hashElement.ValueKind != JsonValueKind.String)
        {
            return DecodeResult.Fail(DraftProblemKind.Corrupt, "the entry is incomplete");
        }

        if (!string.Equals(hashElement.GetString(), Checksum(key, content, savedAt), StringComparison.Ordinal))
        {
            return DecodeResult.Fail(DraftProblemKind.Corrupt, "checksum mismatch");
        }

        if (savedAt is < MinUnixMilliseconds or > MaxUnixMilliseconds)
        {
            return DecodeResult.Fail(DraftProblemKind.Corrupt, "the save time is out of range");
        }

        return DecodeResult.Ok(key, content, DateTimeOffset.FromUnixTimeMilliseconds(savedAt), Array.Empty<byte>());
    }

    private static DecodeResult DecodeSealed(
        JsonElement root,
        string storageKey,
        string? userId,
        DraftEncryptionKey? encryptionKey,
        IReadOnlyList<DraftEncryptionKey> previousKeys,
        out bool needsReseal)
    {
        needsReseal = false;
        if (!root.TryGetProperty("cipher", out var cipherElement) || !cipherElement.TryGetByte(out var cipherByte)
            || !root.TryGetProperty("savedAt", out var savedElement) || !savedElement.TryGetInt64(out var savedAt)
            || !root.TryGetProperty("sealed", out var sealedElement) || sealedElement.ValueKind != JsonValueKind.String)
        {
            return DecodeResult.Fail(DraftProblemKind.Corrupt, "the entry is incomplete");
        }

        if (cipherByte == (byte)DraftCipherKind.None || !DraftCipher.IsKnown(cipherByte))
        {
            return DecodeResult.Fail(DraftProblemKind.Corrupt, $"unknown cipher {cipherByte}");
        }

        if (savedAt is < MinUnixMilliseconds or > MaxUnixMilliseconds)
        {
            return DecodeResult.Fail(DraftProblemKind.Corrupt, "the save time is out of range");
        }

        if (encryptionKey is null && previousKeys.Count == 0)
        {
            return DecodeResult.Fail(DraftProblemKind.EncryptionMismatch, "the draft is encrypted and the store has no key");
        }

        var cipher = (DraftCipherKind)cipherByte;
        if (!DraftCipher.IsAvailable(cipher))
        {
            return DecodeResult.Fail(DraftProblemKind.UnsupportedVersion, $"the draft is sealed with {cipher}, which this platform does not provide");
        }

        var sealedBytes = Convert.FromBase64String(sealedElement.GetString()!);
        var associatedData = AssociatedData(cipher, savedAt, storageKey, userId);
        var body = encryptionKey is null ? null : DraftCipher.Decrypt(cipher, encryptionKey, sealedBytes, 0, sealedBytes.Length, associatedData);
        for (var i = 0; body is null && i < previousKeys.Count; i++)
        {
            body = DraftCipher.Decrypt(cipher, previousKeys[i], sealedBytes, 0, sealedBytes.Length, associatedData);
            needsReseal = body is not null;
        }

        if (body is null)
        {
            return DecodeResult.Fail(DraftProblemKind.AuthenticationFailed, "authentication failed: the entry was altered, moved from another draft key or user, or sealed with another key");
        }

        return ReadBody(body, DateTimeOffset.FromUnixTimeMilliseconds(savedAt));
    }

    /// <summary>UTF-8 where it carries the text unchanged (half the size of UTF-16 for most text), UTF-16 code units otherwise.</summary>
    private static byte[] Body(string key, string content)
    {
        var utf8 = Bytes.IsWellFormed(key) && Bytes.IsWellFormed(content);
        var keyBytes = utf8 ? StrictUtf8.GetBytes(key) : Bytes.Utf16(key);
        var contentBytes = utf8 ? StrictUtf8.GetBytes(content) : Bytes.Utf16(content);
        var body = new byte[5 + keyBytes.Length + contentBytes.Length];
        body[0] = utf8 ? Utf8Text : Utf16Text;
        BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(1, 4), keyBytes.Length);
        keyBytes.CopyTo(body, 5);
        contentBytes.CopyTo(body, 5 + keyBytes.Length);
        return body;
    }

    private static DecodeResult ReadBody(byte[] body, DateTimeOffset savedAt)
    {
        if (body.Length < 5 || body[0] is not (Utf8Text or Utf16Text))
        {
            return DecodeResult.Fail(DraftProblemKind.Corrupt, "the sealed body is malformed");
        }

        var keyLength = BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(1, 4));
        var rest = body.Length - 5;
        if (keyLength < 0 || keyLength > rest || (body[0] == Utf16Text && (keyLength % 2 != 0 || (rest - keyLength) % 2 != 0)))
        {
            return DecodeResult.Fail(DraftProblemKind.Corrupt, "the sealed body is malformed");
        }

        var key = body[0] == Utf8Text ? StrictUtf8.GetString(body, 5, keyLength) : Bytes.FromUtf16(body, 5, keyLength);
        var content = body[0] == Utf8Text ? StrictUtf8.GetString(body, 5 + keyLength, rest - keyLength) : Bytes.FromUtf16(body, 5 + keyLength, rest - keyLength);
        return DecodeResult.Ok(key, content, savedAt, Array.Empty<byte>());
    }

    /// <summary>Length-prefixed, so that no two places (storage key, user) give the same bytes.</summary>
    private static byte[] AssociatedData(DraftCipherKind cipher, long savedAtMs, string storageKey, string? userId)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(AssociatedDataLabel);
            writer.Write((byte)SealedVersion);
            writer.Write((byte)cipher);
            writer.Write(savedAtMs);
            WriteLengthPrefixed(writer, storageKey);
            if (userId is null)
            {
                writer.Write(-1);
            }
            else
            {
                WriteLengthPrefixed(writer, userId);
            }
        }

        return buffer.ToArray();
    }

    private static void WriteLengthPrefixed(BinaryWriter writer, string text)
    {
        var bytes = Bytes.Utf16(text);
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    /// <summary>Text with a lone surrogate goes as Base64 of its UTF-16 code units: JSON cannot carry it.</summary>
    private static void WriteText(Utf8JsonWriter writer, string name, string text)
    {
        if (Bytes.IsWellFormed(text))
        {
            writer.WriteString(name, text);
        }
        else
        {
            writer.WriteString(name + "16", Convert.ToBase64String(Bytes.Utf16(text)));
        }
    }

    private static string? ReadText(JsonElement root, string name)
    {
        if (root.TryGetProperty(name, out var plain))
        {
            return plain.ValueKind == JsonValueKind.String ? plain.GetString() : null;
        }

        if (root.TryGetProperty(name + "16", out var encoded) && encoded.ValueKind == JsonValueKind.String)
        {
            var bytes = Convert.FromBase64String(encoded.GetString()!);
            return bytes.Length % 2 == 0 ? Bytes.FromUtf16(bytes, 0, bytes.Length) : null;
        }

        return null;
    }

    private static string Checksum(string key, string content, long savedAt) =>
        Bytes.ToHex(Bytes.Sha256(Bytes.Utf16(savedAt.ToString(CultureInfo.InvariantCulture) + "\n" + key.Length.ToString(CultureInfo.InvariantCulture) + "\n" + key + content)));
}
#endif
