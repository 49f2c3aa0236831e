using System;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SessionSafety.Analyzers.Internal;
using SessionSafety.Analyzers.Rules.SESS000;
using SessionSafety.Analyzers.Rules.SESS001;
using SessionSafety.Analyzers.Rules.SESS002;
using SessionSafety.Analyzers.Rules.SESS003;
using Xunit;

namespace SessionSafety.Tests.Internal;

/// <summary>The word index the rules share: what it finds must be what a plain search of the text finds.</summary>
public class SourceWordsTests
{
    private static readonly ulong Saves = SourceWords.Mask(SaveCalls.NameParts);

    [Fact]
    public void AWordInsideASpan_IsFound_AndOutsideIsNot()
    {
        const string source = "class C { void A() { client.PostAsJsonAsync(u, v); } void B() { Other(); } }";
        var index = SourceWords.For(CSharpSyntaxTree.ParseText(source));
        var a = Span(source, "void A()", "} void B");
        var b = Span(source, "void B()", "} }");

        Assert.True(index.Any(Saves));
        Assert.True(index.Any(Saves, a));
        Assert.False(index.Any(Saves, b));
    }

    [Fact]
    public void AWordOfAnotherRule_DoesNotCountForThisMask()
    {
        const string source = "class C { void A() { nav.NavigateTo(\"/login\"); } }";
        var index = SourceWords.For(CSharpSyntaxTree.ParseText(source));

        Assert.False(index.Any(Saves));
        Assert.True(index.Any(SourceWords.Mask(new[] { "NavigateTo" })));
    }

    [Fact]
    public void AUnicodeEscape_CountsForEveryMask()
    {
        const string source = "class C { void A() { client.\\u0050ostAsJsonAsync(u, v); } }";
        var index = SourceWords.For(CSharpSyntaxTree.ParseText(source));

        Assert.True(index.Any(Saves));
        Assert.True(index.Any(SourceWords.Mask(new[] { "Expires" }), new TextSpan(0, source.Length)));
    }

    /// <summary>The text is read in chunks that overlap: a word on a chunk's edge is found once, at its place.</summary>
    [Theory]
    [InlineData(8 * 1024 - 40)]
    [InlineData(8 * 1024 - 21)]
    [InlineData(8 * 1024 - 20)]
    [InlineData(8 * 1024 - 3)]
    [InlineData(8 * 1024)]
    [InlineData(16 * 1024 - 30)]
    public void WordsAcrossChunkEdges_AreFoundAtTheirPlace(int position)
    {
        var text = new StringBuilder(new string(' ', 20 * 1024));
        const string word = "AddHttpMessageHandler";
        text.Remove(position, word.Length).Insert(position, word);
        var end = text.Length - 4;
        text.Remove(end, 4).Insert(end, "Send");
        var index = SourceWords.For(CSharpSyntaxTree.ParseText(text.ToString()));
        var mask = SourceWords.Mask(new[] { word });

        Assert.True(index.Any(mask, new TextSpan(position, word.Length)));
        Assert.False(index.Any(mask, new TextSpan(0, position)));
        Assert.False(index.Any(mask, new TextSpan(position + 1, text.Length - position - 1)));
        Assert.True(index.Any(Saves, new TextSpan(end, 4)));
    }

    /// <summary>
    /// Every place of every word, at every offset within a vector and across chunk edges, against a
    /// position-by-position reading of the text: nothing missed, nothing extra.
    /// </summary>
    [Fact]
    public void EveryOccurrence_IsFoundAtItsPlace_AndNothingElse()
    {
        var words = SaveCalls.NameParts.Concat(LoginRedirects.NameParts).Concat(LifetimeTargets.NameParts).Concat(ClientRegistrations.Markers).Distinct().ToArray();
        var random = new Random(6);
        const string filler = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;(){}<>=\"\n\t\\éλ";
        var text = new StringBuilder();
        while (text.Length < 3 * 8 * 1024)
        {
            var roll = random.Next(10);
            if (roll == 0)
            {
                text.Append(words[random.Next(words.Length)]);
            }
            else if (roll == 1)
            {
                // A near miss: a word's first two characters, or a word cut short.
                var word = words[random.Next(words.Length)];
                text.Append(word, 0, 2 + random.Next(word.Length - 2));
            }
            else if (roll == 2)
            {
                text.Append(random.Next(2) == 0 ? "\\u0050" : "\\U00000050");
            }
            else if (roll == 3)
            {
                // A look-alike for a byte-wise scan: one of a word's first three characters (or an escape's
                // backslash or 'u') replaced by a non-ASCII character with the same low byte ('P' + 0x100 is 'Ő').
                var word = random.Next(4) == 0 ? "\\u0050" : words[random.Next(words.Length)];
                var chars = word.ToCharArray();
                chars[random.Next(Math.Min(3, chars.Length))] += (char)0x100;
                text.Append(chars);
            }
            else
            {
                text.Append(filler[random.Next(filler.Length)], 1 + random.Next(12));
            }
        }

        var source = text.ToString();
        var index = SourceWords.For(CSharpSyntaxTree.ParseText(source));
        foreach (var word in words)
        {
            var mask = SourceWords.Mask(new[] { word });
            for (var at = 0; at < source.Length; at++)
            {
                var expected = string.CompareOrdinal(source, at, word, 0, word.Length) == 0
                    || (source[at] == '\\' && at + 1 < source.Length && source[at + 1] is 'u' or 'U');
                if (index.Any(mask, new TextSpan(at, 1)) != expected)
                {
                    Assert.Fail($"'{word}' at {at}: expected {(expected ? "found" : "not found")} in …{source.Substring(Math.Max(0, at - 10), Math.Min(30, source.Length - Math.Max(0, at - 10)))}…");
                }
            }
        }
    }

    [Fact]
    public void AWordNoRuleAsksFor_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => SourceWords.Mask(new[] { "GetFromJsonAsync" }));
    }

    private static TextSpan Span(string source, string from, string to)
    {
        var start = source.IndexOf(from, StringComparison.Ordinal);
        return TextSpan.FromBounds(start, source.IndexOf(to, start, StringComparison.Ordinal));
    }
}
