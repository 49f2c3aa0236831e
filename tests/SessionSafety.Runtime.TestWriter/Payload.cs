using System;
using System.Security.Cryptography;
using System.Text;

namespace SessionSafety.Runtime.TestWriter;

/// <summary>
/// Self-checking draft content: "tag|length|filler|digest". Any torn, truncated or mixed-up content
/// fails <see cref="TryParse"/>; the tag says which write produced it.
/// </summary>
public static class Payload
{
    public static string Create(string tag, int length)
    {
        var filler = Filler(tag, length);
        return tag + "|" + length + "|" + filler + "|" + Digest(tag, filler);
    }

    public static bool TryParse(string? content, out string tag)
    {
        tag = string.Empty;
        if (string.IsNullOrEmpty(content))
        {
            return false;
        }

        var parts = content!.Split('|');
        if (parts.Length != 4 || !int.TryParse(parts[1], out var length) || parts[2].Length != length)
        {
            return false;
        }

        if (parts[3] != Digest(parts[0], parts[2]) || parts[2] != Filler(parts[0], length))
        {
            return false;
        }

        tag = parts[0];
        return true;
    }

    /// <summary>A length between 10 and ~100,000 characters that varies with the tag.</summary>
    public static int LengthFor(string tag)
    {
        var h = SHA256.HashData(Encoding.UTF8.GetBytes(tag));
        var r = BitConverter.ToUInt32(h, 0);
        return (r % 4) switch
        {
            0 => 10 + (int)(r % 200),
            1 => 1_000 + (int)(r % 5_000),
            2 => 10_000 + (int)(r % 20_000),
            _ => 50_000 + (int)(r % 50_000),
        };
    }

    private static string Filler(string tag, int length)
    {
        var seed = BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(tag)), 0);
        var random = new Random(seed);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            // Letters and a few non-ASCII characters; never the separator.
            chars[i] = (random.Next(40)) switch
            {
                0 => 'é',
                1 => 'ж',
                2 => '字',
                var n => (char)('a' + (n % 26)),
            };
        }

        return new string(chars);
    }

    private static string Digest(string tag, string filler) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(tag + "\n" + filler))).Substring(0, 16);
}
