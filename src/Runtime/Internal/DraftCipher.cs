using System;
using System.Security.Cryptography;

namespace SessionSafety.Internal;

/// <summary>Authenticated encryption of a draft's body, bound to the file's header.</summary>
internal static class DraftCipher
{
    private const int GcmNonceSize = 12;
    private const int GcmTagSize = 16;
    private const int CbcIvSize = 16;
    private const int MacSize = 32;

    public static DraftCipherKind Preferred
    {
        get
        {
#if NET8_0_OR_GREATER
            return AesGcm.IsSupported ? DraftCipherKind.AesGcm : DraftCipherKind.AesCbcHmacSha256;
#else
            return DraftCipherKind.AesCbcHmacSha256;
#endif
        }
    }

    public static bool IsKnown(byte kind) => kind <= (byte)DraftCipherKind.AesCbcHmacSha256;

    /// <summary>Whether this platform can open a draft sealed with <paramref name="kind"/>.</summary>
    public static bool IsAvailable(DraftCipherKind kind) => kind switch
    {
#if NET8_0_OR_GREATER
        DraftCipherKind.AesGcm => AesGcm.IsSupported,
#else
        DraftCipherKind.AesGcm => ReflectedGcm.Decryptor is not null,
#endif
        _ => true,
    };

    public static byte[] Encrypt(DraftCipherKind kind, DraftEncryptionKey key, byte[] plaintext, byte[] associatedData) => kind switch
    {
#if NET8_0_OR_GREATER
        DraftCipherKind.AesGcm => EncryptGcm(key, plaintext, associatedData),
#endif
        DraftCipherKind.AesCbcHmacSha256 => EncryptCbcHmac(key, plaintext, associatedData),
        _ => throw new NotSupportedException($"Cipher {kind} is not available on this platform."),
    };

    /// <summary>Returns the plaintext, or <see langword="null"/> when the body fails authentication.</summary>
    public static byte[]? Decrypt(DraftCipherKind kind, DraftEncryptionKey key, byte[] source, int offset, int count, byte[] associatedData)
    {
        try
        {
            return kind switch
            {
#if NET8_0_OR_GREATER
                DraftCipherKind.AesGcm => DecryptGcm(key, source, offset, count, associatedData),
#endif
#if !NET8_0_OR_GREATER
                DraftCipherKind.AesGcm => ReflectedGcm.Decrypt(key, source, offset, count, associatedData),
#endif
                DraftCipherKind.AesCbcHmacSha256 => DecryptCbcHmac(key, source, offset, count, associatedData),
                _ => null,
            };
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (System.Reflection.TargetInvocationException exception) when (exception.InnerException is CryptographicException)
        {
            return null;
        }
    }

#if NET8_0_OR_GREATER
    private static byte[] EncryptGcm(DraftEncryptionKey key, byte[] plaintext, byte[] associatedData)
    {
        var body = new byte[GcmNonceSize + plaintext.Length + GcmTagSize];
        var nonce = body.AsSpan(0, GcmNonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.EncryptionKey, GcmTagSize);
        aes.Encrypt(nonce, plaintext, body.AsSpan(GcmNonceSize, plaintext.Length), body.AsSpan(GcmNonceSize + plaintext.Length, GcmTagSize), associatedData);
        return body;
    }

    private static byte[]? DecryptGcm(DraftEncryptionKey key, byte[] source, int offset, int count, byte[] associatedData)
    {
        if (count < GcmNonceSize + GcmTagSize || !AesGcm.IsSupported)
        {
            return null;
        }

        var length = count - GcmNonceSize - GcmTagSize;
        var plaintext = new byte[length];
        using var aes = new AesGcm(key.EncryptionKey, GcmTagSize);
        aes.Decrypt(
            source.AsSpan(offset, GcmNonceSize),
            source.AsSpan(offset + GcmNonceSize, length),
            source.AsSpan(offset + GcmNonceSize + length, GcmTagSize),
            plaintext,
            associatedData);
        return plaintext;
    }
#endif

#if !NET8_0_OR_GREATER
    /// <summary>
    /// netstandard2.0 has no AesGcm in its surface, but .NET Core 3.0+ has the type: this build writes
    /// CBC + HMAC and still opens GCM drafts written by the .NET 8 build when it runs there.
    /// </summary>
    private static class ReflectedGcm
    {
        public static readonly Action<byte[], byte[], byte[], byte[], byte[], byte[]>? Decryptor = Find();

        public static byte[]? Decrypt(DraftEncryptionKey key, byte[] source, int offset, int count, byte[] associatedData)
        {
            if (Decryptor is null || count < GcmNonceSize + GcmTagSize)
            {
                return null;
            }

            var length = count - GcmNonceSize - GcmTagSize;
            var nonce = new byte[GcmNonceSize];
            var ciphertext = new byte[length];
            var tag = new byte[GcmTagSize];
            Buffer.BlockCopy(source, offset, nonce, 0, GcmNonceSize);
            Buffer.BlockCopy(source, offset + GcmNonceSize, ciphertext, 0, length);
            Buffer.BlockCopy(source, offset + GcmNonceSize + length, tag, 0, GcmTagSize);
            var plaintext = new byte[length];
            Decryptor(key.EncryptionKey, nonce, ciphertext, tag, plaintext, associatedData);
            return plaintext;
        }

        private static Action<byte[], byte[], byte[], byte[], byte[], byte[]>? Find()
        {
            var type = typeof(Aes).Assembly.GetType("System.Security.Cryptography.AesGcm")
                ?? Type.GetType("System.Security.Cryptography.AesGcm, System.Security.Cryptography.Algorithms", throwOnError: false)
                ?? Type.GetType("System.Security.Cryptography.AesGcm, System.Security.Cryptography", throwOnError: false);
            var constructor = type?.GetConstructor(new[] { typeof(byte[]) });
            var decrypt = type?.GetMethod("Decrypt", new[] { typeof(byte[]), typeof(byte[]), typeof(byte[]), typeof(byte[]), typeof(byte[]) });
            if (constructor is null || decrypt is null)
            {
                return null;
            }

            return (key, nonce, ciphertext, tag, plaintext, associatedData) =>
            {
                var instance = constructor.Invoke(new object[] { key });
                try
                {
                    decrypt.Invoke(instance, new object[] { nonce, ciphertext, tag, plaintext, associatedData });
                }
                finally
                {
                    (instance as IDisposable)?.Dispose();
                }
            };
        }
    }
#endif

    private static byte[] EncryptCbcHmac(DraftEncryptionKey key, byte[] plaintext, byte[] associatedData)
    {
        using var aes = Aes.Create();
        aes.Key = key.EncryptionKey;
        aes.Mode = CipherMode.CBC;
        aes.Padding = PaddingMode.PKCS7;
        aes.IV = Bytes.Random(CbcIvSize);
        byte[] ciphertext;
        using (var encryptor = aes.CreateEncryptor())
        {
            ciphertext = encryptor.TransformFinalBlock(plaintext, 0, plaintext.Length);
        }

        var body = new byte[CbcIvSize + ciphertext.Length + MacSize];
        Buffer.BlockCopy(aes.IV, 0, body, 0, CbcIvSize);
        Buffer.BlockCopy(ciphertext, 0, body, CbcIvSize, ciphertext.Length);
        var mac = Mac(key, associatedData, body, 0, CbcIvSize + ciphertext.Length);
        Buffer.BlockCopy(mac, 0, body, CbcIvSize + ciphertext.Length, MacSize);
        return body;
    }

    private static byte[]? DecryptCbcHmac(DraftEncryptionKey key, byte[] source, int offset, int count, byte[] associatedData)
    {
        var cipherLength = count - CbcIvSize - MacSize;
        if (cipherLength <= 0 || cipherLength % 16 != 0)
        {
            return null;
        }

        // Encrypt-then-MAC: nothing is decrypted before the MAC has been checked.
        var mac = Mac(key, associatedData, source, offset, CbcIvSize + cipherLength);
        if (!Bytes.FixedTimeEquals(mac, 0, source, offset + CbcIvSize + cipherLength, MacSize))
        {
            return null;
        }

        using var aes = Aes.Create();
        aes.Key = key.EncryptionKey;
        aes.Mode = CipherMode.CBC;
        aes.Padding = PaddingMode.PKCS7;
        var iv = new byte[CbcIvSize];
        Buffer.BlockCopy(source, offset, iv, 0, CbcIvSize);
        aes.IV = iv;
        using var decryptor = aes.CreateDecryptor();
        return decryptor.TransformFinalBlock(source, offset + CbcIvSize, cipherLength);
    }

    private static byte[] Mac(DraftEncryptionKey key, byte[] associatedData, byte[] source, int offset, int count)
    {
        using var hmac = new HMACSHA256(key.AuthenticationKey);
        hmac.TransformBlock(associatedData, 0, associatedData.Length, null, 0);
        hmac.TransformFinalBlock(source, offset, count);
        return hmac.Hash!;
    }
}
