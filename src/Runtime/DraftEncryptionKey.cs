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
/// <c>SecureStorage</c>, DPAPI, a server's key management. That includes the browser store on Blazor
/// Server, whose code runs on the server. In the browser itself (WebAssembly) there is no such place, and
/// .NET there has no AES: the browser store refuses a key.
/// </remarks>
public sealed class DraftEncryptionKey
{
    /// <summary>The size of a generated key, in bytes.</summary>
    public const int RecommendedSize = 32;

    /// <summary>
    /// The smallest key accepted, in bytes: 32, so that telling random bytes from text is certain enough
    /// (32 random bytes look like text with a chance of 1 in 2 x 10^13; 16 would with 1 in 5 million).
    /// </summary>
    public const int MinimumSize = 32;

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

    /// <summary>The iterations <see cref="FromPassword"/> uses by default (PBKDF2-HMAC-SHA256, as OWASP recommends in 2023).</summary>
    public const int DefaultPasswordIterations = 600_000;

    /// <summary>
    /// Uses <paramref name="key"/>: at least 32 random bytes (<see cref="GenerateKeyBytes"/> makes them). Bytes that are plainly not random are refused with <see cref="ArgumentException"/>: text
    /// (a password typed into configuration: every byte printable) and keys with few distinct bytes (all
    /// zeros, a repeated pattern). A password is used through <see cref="FromPassword"/>, which stretches it.
    /// </summary>
    public static DraftEncryptionKey FromBytes(byte[] key)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        if (key.Length < MinimumSize)
        {
            throw new ArgumentException($"A draft encryption key has at least {MinimumSize} random bytes (DraftEncryptionKey.GenerateKeyBytes() makes them); this one has {key.Length}.", nameof(key));
        }

        if (Array.TrueForAll(key, b => b is >= 0x20 and <= 0x7E or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            throw new ArgumentException(
                "The draft encryption key is text (every byte is a printable character), not random bytes: a password used as a key is only as strong as the password. "
                + "Use DraftEncryptionKey.GenerateKeyBytes() and keep the bytes in the platform's key store, or DraftEncryptionKey.FromPassword(password, salt) to stretch a password.",
                nameof(key));
        }

        if (CountDistinct(key) < key.Length / 2)
        {
            throw new ArgumentException(
                $"The draft encryption key has only {CountDistinct(key)} distinct values in {key.Length} bytes: it is not random. Use DraftEncryptionKey.GenerateKeyBytes().",
                nameof(key));
        }

        return new DraftEncryptionKey(key);
    }

    /// <summary>
    /// Derives a key from a password with PBKDF2-HMAC-SHA256 (<paramref name="iterations"/>, 600,000 by
    /// default) and <paramref name="salt"/> (at least 16 random bytes, kept with the app's settings; the same
    /// salt and password give the same key). Prefer random key bytes where the platform can keep them.
    /// </summary>
    public static DraftEncryptionKey FromPassword(string password, byte[] salt, int iterations = DefaultPasswordIterations)
    {
        if (password is null)
        {
            throw new ArgumentNullException(nameof(password));
        }

        if (salt is null)
        {
            throw new ArgumentNullException(nameof(salt));
        }

        if (password.Length == 0)
        {
            throw new ArgumentException("The password is empty.", nameof(password));
        }

        if (salt.Length < 16)
        {
            throw new ArgumentException("The salt has at least 16 random bytes.", nameof(salt));
        }

        if (iterations < 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(iterations), iterations, "At least 100,000 iterations: fewer make a password too cheap to guess.");
        }

        return new DraftEncryptionKey(Bytes.Pbkdf2Sha256(Encoding.UTF8.GetBytes(password), salt, iterations, RecommendedSize));
    }

    /// <summary>Uses a key kept as Base64 text.</summary>
    public static DraftEncryptionKey FromBase64(string key) => FromBytes(Convert.FromBase64String(key ?? throw new ArgumentNullException(nameof(key))));

    /// <summary>Makes 32 random bytes for a new key; store them in the platform's secure storage.</summary>
    public static byte[] GenerateKeyBytes() => Bytes.Random(RecommendedSize);

    private static int CountDistinct(byte[] key)
    {
        var seen = new bool[256];
        var distinct = 0;
        foreach (var b in key)
        {
            if (!seen[b])
            {
                seen[b] = true;
                distinct++;
            }
        }

        return distinct;
    }
}
