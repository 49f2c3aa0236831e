using System;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace SessionSafety.Internal;

/// <summary>Small byte helpers that netstandard2.0 lacks.</summary>
internal static class Bytes
{
    public static string ToHex(byte[] bytes)
    {
        var chars = new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
            chars[(2 * i) + 1] = "0123456789abcdef"[bytes[i] & 0xF];
        }

        return new string(chars);
    }

    public static byte[] Sha256(byte[] data, int offset, int count)
    {
        using var sha = SHA256.Create();
        return sha.ComputeHash(data, offset, count);
    }

    public static byte[] Sha256(byte[] data) => Sha256(data, 0, data.Length);

    public static byte[] HmacSha256(byte[] key, byte[] data)
    {
        using var hmac = new HMACSHA256(key);
        return hmac.ComputeHash(data);
    }

    /// <summary>PBKDF2 (RFC 8018) with HMAC-SHA256; written out for netstandard2.0, whose Rfc2898DeriveBytes offers only SHA-1.</summary>
    public static byte[] Pbkdf2Sha256(byte[] password, byte[] salt, int iterations, int length)
    {
#if NET8_0_OR_GREATER
        return Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, length);
#else
        using var hmac = new HMACSHA256(password);
        var result = new byte[length];
        var block = new byte[salt.Length + 4];
        Buffer.BlockCopy(salt, 0, block, 0, salt.Length);
        for (int index = 1, offset = 0; offset < length; index++, offset += 32)
        {
            block[salt.Length] = (byte)(index >> 24);
            block[salt.Length + 1] = (byte)(index >> 16);
            block[salt.Length + 2] = (byte)(index >> 8);
            block[salt.Length + 3] = (byte)index;
            var u = hmac.ComputeHash(block);
            var t = (byte[])u.Clone();
            for (var i = 1; i < iterations; i++)
            {
                u = hmac.ComputeHash(u);
                for (var j = 0; j < t.Length; j++)
                {
                    t[j] ^= u[j];
                }
            }

            Buffer.BlockCopy(t, 0, result, offset, Math.Min(32, length - offset));
        }

        return result;
#endif
    }

    public static byte[] Random(int count)
    {
        var bytes = new byte[count];
        using var rng = RandomNumberGenerator.Create();
        rng.GetBytes(bytes);
        return bytes;
    }

    /// <summary>Compares without leaking where the first difference is.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    public static bool FixedTimeEquals(byte[] left, int leftOffset, byte[] right, int rightOffset, int count)
    {
        var difference = 0;
        for (var i = 0; i < count; i++)
        {
            difference |= left[leftOffset + i] ^ right[rightOffset + i];
        }

        return difference == 0;
    }

    /// <summary>UTF-16 code units exactly as they are: lone surrogates survive, so two keys never share bytes.</summary>
    public static byte[] Utf16(string text)
    {
        // Not Encoding.Unicode: its encoder replaces lone surrogates with U+FFFD.
        var bytes = new byte[text.Length * 2];
        for (var i = 0; i < text.Length; i++)
        {
            bytes[2 * i] = (byte)text[i];
            bytes[(2 * i) + 1] = (byte)(text[i] >> 8);
        }

        return bytes;
    }

    /// <summary>Hashes the UTF-16 code units of <paramref name="text"/> (as <see cref="Utf16"/> gives them) through a small buffer.</summary>
    public static byte[] HashUtf16(HashAlgorithm hash, string text)
    {
        const int ChunkChars = 16 * 1024;
        var buffer = new byte[2 * Math.Min(ChunkChars, Math.Max(text.Length, 1))];
        for (var start = 0; start < text.Length; start += ChunkChars)
        {
            var count = Math.Min(ChunkChars, text.Length - start);
            for (var i = 0; i < count; i++)
            {
                var c = text[start + i];
                buffer[2 * i] = (byte)c;
                buffer[(2 * i) + 1] = (byte)(c >> 8);
            }

            hash.TransformBlock(buffer, 0, 2 * count, null, 0);
        }

        hash.TransformFinalBlock(buffer, 0, 0);
        return hash.Hash!;
    }

    public static string FromUtf16(byte[] bytes, int offset, int count)
    {
        var chars = new char[count / 2];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)(bytes[offset + (2 * i)] | (bytes[offset + (2 * i) + 1] << 8));
        }

        return new string(chars);
    }

    /// <summary>Whether every surrogate in <paramref name="text"/> is half of a pair (so JSON and UTF-8 carry it unchanged).</summary>
    public static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
