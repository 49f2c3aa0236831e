using System;
using System.Linq;

namespace SessionSafety.Benchmarks.Corpus;

internal static class Text
{
    /// <summary>Indents every non-empty line of <paramref name="block"/> by <paramref name="spaces"/>.</summary>
    public static string Indent(string block, int spaces)
    {
        var pad = new string(' ', spaces);
        return string.Join('\n', block.Replace("\r\n", "\n").Split('\n').Select(line => line.Length == 0 ? line : pad + line));
    }

    public static string Lines(params string[] lines) => string.Join('\n', lines.Where(l => l is not null));

    public static string Hex(Random random, int bytes)
    {
        var buffer = new byte[bytes];
        random.NextBytes(buffer);
        return Convert.ToHexString(buffer).ToLowerInvariant();
    }
}
