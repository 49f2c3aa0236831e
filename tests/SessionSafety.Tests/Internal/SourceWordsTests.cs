using System;
using System.IO;
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
    private static readonly string[] SaveWords = { "PostAs", "PutAs", "PatchAs", "Send" };

    private static readonly string[] OtherWords =
    {
        "NavigateTo", "Challenge", "GoToAsync", "Redirect", "ExpireTimeSpan", "IdleTimeout", "MaxAge", "Expiration", "Expires",
        "AddHttpMessageHandler", "AddSessionRecovery", "CreateClient",
    };

    private static readonly WordSet Saves = SourceWords.Register(SaveWords);

    [Fact]
    public void AWordInsideASpan_IsFound_AndOutsideIsNot()
    {
        const string source = "class C { void A() { client.PostAsJsonAsync(u, v); } void B() { Other(); } }";
        var tree = CSharpSyntaxTree.ParseText(source);
        var index = Saves.In(tree);

        Assert.True(Saves.OccursIn(tree));
        Assert.True(Saves.OccursIn(index, Span(source, "void A()", "} void B")));
        Assert.False(Saves.OccursIn(index, Span(source, "void B()", "} }")));
    }

    [Fact]
    public void AWordOfAnotherSet_DoesNotCountForThisSet()
    {
        var tree = CSharpSyntaxTree.ParseText("class C { void A() { nav.NavigateTo(\"/login\"); } }");

        Assert.False(Saves.OccursIn(tree));
        Assert.True(SourceWords.Register("NavigateTo").OccursIn(tree));
    }

    [Fact]
    public void AUnicodeEscape_CountsForEverySet()
    {
        const string source = "class C { void A() { client.\\u0050ostAsJsonAsync(u, v); } }";
        var tree = CSharpSyntaxTree.ParseText(source);

        Assert.True(Saves.OccursIn(tree));
        var expires = SourceWords.Register("Expires");
        Assert.True(expires.OccursIn(expires.In(tree), new TextSpan(0, source.Length)));
    }

    /// <summary>A rule that registers its words after a file was indexed still finds them in it.</summary>
    [Fact]
    public void AWordRegisteredAfterTheFileWasIndexed_IsFound()
    {
        var word = "Late" + Guid.NewGuid().ToString("N").Substring(0, 8);
        var tree = CSharpSyntaxTree.ParseText($"class C {{ void A() {{ Send(); {word}(); }} }}");
        Assert.True(Saves.OccursIn(tree));

        Assert.True(SourceWords.Register(word).OccursIn(tree));
    }

    [Theory]
    [InlineData("Go")]
    [InlineData("Éclair")]
    public void AWordWithoutThreeAsciiCharactersFirst_IsRefused(string word)
    {
        Assert.Throws<ArgumentException>(() => SourceWords.Register(word));
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
        var tree = CSharpSyntaxTree.ParseText(text.ToString());
        var words = SourceWords.Register(word);
        var index = words.In(tree);

        Assert.True(words.OccursIn(index, new TextSpan(position, word.Length)));
        Assert.False(words.OccursIn(index, new TextSpan(0, position)));
        Assert.False(words.OccursIn(index, new TextSpan(position + 1, text.Length - position - 1)));
        Assert.True(Saves.OccursIn(Saves.In(tree), new TextSpan(end, 4)));
    }

    /// <summary>
    /// Every place of every word, at every offset within a vector and across chunk edges, against a
    /// position-by-position reading of the text: nothing missed, nothing extra.
    /// </summary>
    [Fact]
    public void EveryOccurrence_IsFoundAtItsPlace_AndNothingElse()
    {
        var words = SaveWords.Concat(OtherWords).ToArray();
        var source = RandomText(new Random(6), words);
        var tree = CSharpSyntaxTree.ParseText(source);
        foreach (var word in words)
        {
            var set = SourceWords.Register(word);
            var index = set.In(tree);
            for (var at = 0; at < source.Length; at++)
            {
                var expected = string.CompareOrdinal(source, at, word, 0, word.Length) == 0
                    || (source[at] == '\\' && at + 1 < source.Length && source[at + 1] is 'u' or 'U');
                if (set.OccursIn(index, new TextSpan(at, 1)) != expected)
                {
                    Assert.Fail($"'{word}' at {at}: expected {(expected ? "found" : "not found")} in …{source.Substring(Math.Max(0, at - 10), Math.Min(30, source.Length - Math.Max(0, at - 10)))}…");
                }
            }
        }
    }

    /// <summary>The vector scan finds exactly what the scalar loop finds, on random text with look-alikes.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void VectorScan_AgreesWithTheScalarScan_OnRandomText(int seed)
    {
        SourceWords.Register(SaveWords.Concat(OtherWords).ToArray());
        AssertScansAgree(RandomText(new Random(seed), SaveWords.Concat(OtherWords).ToArray()), $"random text {seed}");
    }

    /// <summary>The vector scan finds exactly what the scalar loop finds, on the repository's own C# sources.</summary>
    [Fact]
    public void VectorScan_AgreesWithTheScalarScan_OnRealCode()
    {
        SourceWords.Register(SaveWords.Concat(OtherWords).ToArray());
        var files = Directory.GetFiles(Path.Combine(RepositoryRoot(), "src"), "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(RepositoryRoot(), "benchmarks"), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count > 50, $"only {files.Count} source files found");
        foreach (var file in files)
        {
            AssertScansAgree(File.ReadAllText(file), file);
        }
    }

    private static void AssertScansAgree(string text, string what)
    {
        var source = SourceText.From(text);
        var vocabulary = SourceWords.Current;
        var scalar = SourceWords.Build(source, vocabulary, vectorized: false);
        var vector = SourceWords.Build(source, vocabulary, vectorized: true);

        Assert.True(scalar.Positions.SequenceEqual(vector.Positions), $"{what}: positions differ");
        Assert.True(scalar.Ids.SequenceEqual(vector.Ids), $"{what}: words differ");
    }

    private static string RandomText(Random random, string[] words)
    {
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

        return text.ToString();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SessionSafety.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("SessionSafety.sln not found");
    }

    private static TextSpan Span(string source, string from, string to)
    {
        var start = source.IndexOf(from, StringComparison.Ordinal);
        return TextSpan.FromBounds(start, source.IndexOf(to, start, StringComparison.Ordinal));
    }
}
