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
