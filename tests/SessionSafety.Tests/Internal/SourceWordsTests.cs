using System;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SessionSafety.Analyzers.Internal;
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
