using System;
using System.Text;
using SessionSafety.Internal;

namespace SessionSafety;

/// <summary>
/// The app's key for encrypting drafts at rest. Drafts are sealed with authenticated encryption
/// (AES-256-GCM on .NET 8+, AES-256-CBC with HMAC-SHA256, encrypt-then-MAC, elsewhere), so a draft that
/// was altered — or written under another key — is detected and set aside, never returned.
/// </summary>
/// <remarks>
/// Encryption only helps where the key can live somewhere the drafts do not: the OS key store, MAUI
/// <c>SecureStorage</c>, DPAPI, a server's key management. In a browser there is no such place (and
/// .NET in the browser has no AES): the browser store does not take a key.
/// </remarks>
public sealed class DraftEncryptionKey
{
    /// <summary>The size of a generated key, in bytes.</summary>
    public const int RecommendedSize = 32;

    /// <summary>The smallest key accepted, in bytes.</summary>
    public const int MinimumSize = 16;

    private DraftEncryptionKey(byte[] key)
    {
        // Separate keys for separate jobs, derived so that one app secret is enough.
        EncryptionKey = Bytes.HmacSha256(key, Encoding.ASCII.GetBytes("SessionSafety draft encryption v1"));
        AuthenticationKey = Bytes.HmacSha256(key, Encoding.ASCII.GetBytes("SessionSafety draft authentication v1"));
        ContentHashKey = Bytes.HmacSha256(key, Encoding.ASCII.GetBytes("SessionSafety draft content hash v1"));
    }

    internal byte[] EncryptionKey { get; }

    internal byte[] AuthenticationKey { get; }

    internal byte[] ContentHashKey { get; }

    /// <summary>Uses <paramref name="key"/> (at least 16 bytes; 32 random bytes recommended).</summary>
    public static DraftEncryptionKey FromBytes(byte[] key)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        if (key.Length < MinimumSize)
        {
            throw new ArgumentException($"A draft encryption key has at least {MinimumSize} bytes; {RecommendedSize} random bytes are recommended.", nameof(key));
        }

        return new DraftEncryptionKey(key);
    }

    /// <summary>Uses a key kept as Base64 text.</summary>
    public static DraftEncryptionKey FromBase64(string key) => FromBytes(Convert.FromBase64String(key ?? throw new ArgumentNullException(nameof(key))));

    /// <summary>Makes 32 random bytes for a new key; store them in the platform's secure storage.</summary>
    public static byte[] GenerateKeyBytes() => Bytes.Random(RecommendedSize);
}
