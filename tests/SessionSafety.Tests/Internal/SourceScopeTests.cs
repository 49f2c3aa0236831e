using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionSafety.Analyzers.Internal;
using Xunit;

namespace SessionSafety.Tests.Internal;

/// <summary>
/// The member filter skips a file that names none of a rule's words, and generated files; asked about
/// such a file anyway (its options, whether it is in scope), in either order, the scope answers as for
/// any other file.
/// </summary>
public class SourceScopeTests
{
    private const string Plain = "class Plain { int Total(int a) => a + 1; }";
    private const string Saves = "class Saves { void Save(System.Net.Http.HttpClient c) { c.PostAsync(\"api/notes\", null); } }";

    [Fact]
    public void FileWithoutTheWords_AskedFirstByTheMemberFilter_StillAnswersItsOptionsAndScope()
    {
        var (scope, trees, compilation) = Create();

        Assert.False(scope.ShouldAnalyzeMember(Blocks(compilation, trees["Plain.cs"])));
        Assert.False(scope.ShouldAnalyzeMember(Blocks(compilation, trees["Plain.g.cs"])));

        Assert.True(scope.ShouldAnalyze(trees["Plain.cs"]));
        Assert.False(scope.ShouldAnalyze(trees["Plain.g.cs"]));
        Assert.Equal("Plain.cs", Marker(scope.GetOptions(trees["Plain.cs"])));
        Assert.Equal("Plain.g.cs", Marker(scope.GetOptions(trees["Plain.g.cs"])));

        // Completing the answer does not put the file into the member filter.
        Assert.False(scope.ShouldAnalyzeMember(Blocks(compilation, trees["Plain.cs"])));
    }

    [Fact]
    public void FileWithoutTheWords_AskedFirstForItsOptions_IsStillSkippedByTheMemberFilter()
    {
        var (scope, trees, compilation) = Create();

        Assert.Equal("Plain.cs", Marker(scope.GetOptions(trees["Plain.cs"])));
        Assert.False(scope.ShouldAnalyzeMember(Blocks(compilation, trees["Plain.cs"])));
    }

    [Fact]
    public void FileWithTheWords_PassesTheMemberFilter_UnlessGenerated()
    {
        var (scope, trees, compilation) = Create();

        Assert.True(scope.ShouldAnalyzeMember(Blocks(compilation, trees["Saves.cs"])));
        Assert.Equal("Saves.cs", Marker(scope.GetOptions(trees["Saves.cs"])));
        Assert.False(scope.ShouldAnalyzeMember(Blocks(compilation, trees["Saves.g.cs"])));
        Assert.False(scope.ShouldAnalyze(trees["Saves.g.cs"]));
    }

    [Theory]
    [InlineData("/src/App/Pages/Index.razor", "/SRC/app/pages/index.razor")]
    [InlineData("C:/src/App/Pages/Edit.razor", "C:\\src\\App\\Pages\\Edit.razor")]
    [InlineData("Pages/Counter.razor", "/src/App/Pages/Counter.razor")]
    [InlineData("/src/App/Pages/Missing.razor", null)]
    public void RazorTree_FindsTheFirstAdditionalFileThatIsOrEndsWithItsSource(string source, string? expected)
    {
        var files = new[]
        {
            "/src/App/Shared/Index.razor",
            "/src/App/MyPages/Counter.razor",
            "/SRC/app/pages/index.razor",
            "/src/App/Pages/Index.razor",
            "/src/App/Shared/Counter.razor",
            "C:\\src\\App\\Pages\\Edit.razor",
            "/src/App/Pages/Counter.razor",
            "/src/App/Pages/Counter.razor.css",
        }.Select(path => (AdditionalText)new PathText(path)).ToImmutableArray();
        var tree = CSharpSyntaxTree.ParseText(
            $"#pragma checksum \"{source}\" \"{{8829d00f-11b8-4213-878b-770e8597ac16}}\" \"00\"\nclass Component {{ }}",
            path: "Pages_Component_razor.g.cs");
        var compilation = CSharpCompilation.Create("Razor", new[] { tree });
        var scope = SourceScope.Create(compilation, new AnalyzerOptions(files, new PathOptionsProvider()), SourceWords.Register(SaveCalls.NameParts));

        Assert.Equal(expected, scope.FindRazorSourceFile(tree)?.Path);
        Assert.Equal(expected, scope.FindRazorSourceFile(tree)?.Path);
    }

    private static (SourceScope Scope, Dictionary<string, SyntaxTree> Trees, Compilation Compilation) Create()
    {
        var trees = new Dictionary<string, SyntaxTree>
        {
            ["Plain.cs"] = CSharpSyntaxTree.ParseText(Plain, path: "Plain.cs"),
            ["Plain.g.cs"] = CSharpSyntaxTree.ParseText(Plain.Replace("Plain", "PlainGenerated"), path: "Plain.g.cs"),
            ["Saves.cs"] = CSharpSyntaxTree.ParseText(Saves, path: "Saves.cs"),
            ["Saves.g.cs"] = CSharpSyntaxTree.ParseText(Saves.Replace("Saves", "SavesGenerated"), path: "Saves.g.cs"),
        };
        var compilation = CSharpCompilation.Create(
            "Scope",
            trees.Values,
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location), MetadataReference.CreateFromFile(typeof(System.Net.Http.HttpClient).Assembly.Location) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new PathOptionsProvider());
        return (SourceScope.Create(compilation, options, SourceWords.Register(SaveCalls.NameParts)), trees, compilation);
    }

    private static ImmutableArray<IOperation> Blocks(Compilation compilation, SyntaxTree tree)
    {
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single();
        var operation = compilation.GetSemanticModel(tree).GetOperation(method);
        Assert.NotNull(operation);
        return ImmutableArray.Create(operation!);
    }

    private static string? Marker(AnalyzerConfigOptions options) => options.TryGetValue("test_marker", out var value) ? value : null;

    private sealed class PathText : AdditionalText
    {
        public PathText(string path)
        {
            Path = path;
        }

        public override string Path { get; }

        public override Microsoft.CodeAnalysis.Text.SourceText? GetText(System.Threading.CancellationToken cancellationToken = default) => null;
    }

    /// <summary>Options that name the file they were asked for, so a test sees whose options it got.</summary>
    private sealed class PathOptionsProvider : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new MarkerOptions(null);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new MarkerOptions(tree.FilePath);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new MarkerOptions(textFile.Path);
    }

    private sealed class MarkerOptions : AnalyzerConfigOptions
    {
        private readonly string? marker;

        public MarkerOptions(string? marker)
        {
            this.marker = marker;
        }

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
        {
            value = key == "test_marker" ? marker : null;
            return value is not null;
        }
    }
}
