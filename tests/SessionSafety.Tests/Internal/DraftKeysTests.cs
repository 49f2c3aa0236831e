using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Tests.Internal;

/// <summary>The one place the draft key is made: SESS001's guarded save and SESS002's stored draft use it through the diagnostics.</summary>
public sealed class DraftKeysTests
{
    private const string Source = """
        using System;
        public class Editor
        {
            public Editor() { Mark(); }
            public string Title { get { Mark(); return ""; } }
            public void Publish() { Action later = () => Mark(); void Local() => Mark(); }
            private static void Mark() { }
        }
        """;

    [Theory]
    [InlineData(0, 1, "Editor.Editor")]
    [InlineData(1, 1, "Editor.Title")]
    [InlineData(2, 1, "Editor.Publish")]
    [InlineData(3, 1, "Editor.Publish")]
    [InlineData(2, 2, "Editor.Publish.2")]
    [InlineData(3, 3, "Editor.Publish.3")]
    public void KeyOfTheMemberAroundTheCode_NamesTypeAndMemberWithTheSaveOrdinal(int call, int ordinal, string expected)
    {
        var tree = CSharpSyntaxTree.ParseText(Source);
        var compilation = CSharpCompilation.Create("Keys", new[] { tree }, new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) });
        var model = compilation.GetSemanticModel(tree);
        var invocation = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>().ElementAt(call);

        Assert.Equal(expected, DraftKeys.For(model.GetEnclosingSymbol(invocation.SpanStart)!, ordinal));
    }
}
