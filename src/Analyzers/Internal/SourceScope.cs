using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SessionSafety.Analyzers.Options;

namespace SessionSafety.Analyzers.Internal;

/// <summary>
/// Per compilation: which trees a rule looks at and which options apply to each. Razor output is
/// analyzed (its diagnostics map to the .razor/.cshtml file); other generated code is skipped; test
/// projects are skipped unless <c>session_safety.include_tests = true</c>.
/// </summary>
internal sealed class SourceScope
{
    private readonly AnalyzerOptions options;
    private readonly bool isTestProject;
    private readonly string[]? words;
    private readonly ConcurrentDictionary<SyntaxTree, TreeInfo> trees = new();

    private SourceScope(AnalyzerOptions options, bool isTestProject, string[]? words)
    {
        this.options = options;
        this.isTestProject = isTestProject;
        this.words = words;
    }

    /// <param name="words">
    /// When given, text that any code the rule looks for must contain (see <see cref="ShouldAnalyzeMember"/>):
    /// a file without any of them is skipped as a whole, after one search of its text.
    /// </param>
    public static SourceScope Create(Compilation compilation, AnalyzerOptions options, string[]? words = null) =>
        new(options, IsTestProject(compilation), words);

    /// <summary>Whether the rule should look at code in <paramref name="tree"/>.</summary>
    public bool ShouldAnalyze(SyntaxTree tree) => GetInfo(tree).Analyze;

    /// <summary>
    /// Whether the rule should look at a member (its operation blocks): the file is in scope and the
    /// member's text contains one of the scope's words. A member that fails this registers nothing, so
    /// the analyzer driver never calls the rule for its operations.
    /// </summary>
    public bool ShouldAnalyzeMember(ImmutableArray<IOperation> blocks)
    {
        if (blocks.IsEmpty)
        {
            return false;
        }

        var info = GetInfo(blocks[0].Syntax.SyntaxTree);
        if (!info.Analyze || !info.Mentions)
        {
            return false;
        }

        if (words is null)
        {
            return true;
        }

        foreach (var block in blocks)
        {
            var syntax = block.Syntax;
            if (SourceTextSearch.ContainsAny(syntax.SyntaxTree.GetText(), syntax.Span, words))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The options for <paramref name="tree"/>; for Razor output, those of its .razor/.cshtml file.</summary>
    public AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GetInfo(tree).Options;

    public static bool IsTestProject(Compilation compilation)
    {
        foreach (var reference in compilation.ReferencedAssemblyNames)
        {
            foreach (var name in KnownTypes.TestFrameworkAssemblies)
            {
                if (string.Equals(reference.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Razor's generator names its trees <c>…_razor.g.cs</c> / <c>…_cshtml.g.cs</c>.</summary>
    public static bool IsRazorGenerated(SyntaxTree tree) =>
        tree.FilePath.EndsWith("_razor.g.cs", StringComparison.OrdinalIgnoreCase)
        || tree.FilePath.EndsWith("_cshtml.g.cs", StringComparison.OrdinalIgnoreCase);

    private TreeInfo GetInfo(SyntaxTree tree) => trees.GetOrAdd(tree, Compute);

    private TreeInfo Compute(SyntaxTree tree)
    {
        if (IsRazorGenerated(tree))
        {
            var razorOptions = FindRazorSourceOptions(tree) ?? options.AnalyzerConfigOptionsProvider.GetOptions(tree);
            return Info(tree, IncludedInProject(razorOptions), razorOptions);
        }

        var treeOptions = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        if (GeneratedCode.IsGenerated(tree, treeOptions))
        {
            return Info(tree, false, treeOptions);
        }

        return Info(tree, IncludedInProject(treeOptions), treeOptions);
    }

    private TreeInfo Info(SyntaxTree tree, bool analyze, AnalyzerConfigOptions treeOptions)
    {
        var mentions = words is null || (analyze && SourceTextSearch.ContainsAny(tree.GetText(), new TextSpan(0, tree.Length), words));
        return new TreeInfo(analyze, mentions, treeOptions);
    }

    private bool IncludedInProject(AnalyzerConfigOptions treeOptions) =>
        !isTestProject || SessionSafetyOptions.IncludeTests.Read(treeOptions);

    /// <summary>
    /// .editorconfig sections do not reach Razor's generated trees (their paths are not under the
    /// project folder), so the options come from the .razor additional file that the tree was made from.
    /// </summary>
    private AnalyzerConfigOptions? FindRazorSourceOptions(SyntaxTree tree)
    {
        var match = FindRazorSourceFile(tree);
        return match is null ? null : options.AnalyzerConfigOptionsProvider.GetOptions(match);
    }

    /// <summary>The .razor/.cshtml additional file a Razor-generated tree was made from, if the project has it.</summary>
    public AdditionalText? FindRazorSourceFile(SyntaxTree tree)
    {
        var source = RazorSourcePath(tree);
        if (source is null)
        {
            return null;
        }

        var normalized = Normalize(source);
        return options.AdditionalFiles.FirstOrDefault(file =>
        {
            var path = Normalize(file.Path);
            return path.Equals(normalized, StringComparison.OrdinalIgnoreCase)
                || path.EndsWith("/" + normalized.TrimStart('/'), StringComparison.OrdinalIgnoreCase);
        });
    }

    /// <summary>The .razor/.cshtml path from the tree's <c>#pragma checksum</c> or first <c>#line</c>.</summary>
    public static string? RazorSourcePath(SyntaxTree tree)
    {
        var root = tree.GetRoot();
        foreach (var trivia in root.DescendantTrivia(descendIntoTrivia: true))
        {
            switch (trivia.GetStructure())
            {
                case Microsoft.CodeAnalysis.CSharp.Syntax.PragmaChecksumDirectiveTriviaSyntax checksum:
                    return checksum.File.ValueText;
                case Microsoft.CodeAnalysis.CSharp.Syntax.LineDirectiveTriviaSyntax line when line.File.IsKind(SyntaxKind.StringLiteralToken):
                    return line.File.ValueText;
                case Microsoft.CodeAnalysis.CSharp.Syntax.LineSpanDirectiveTriviaSyntax span:
                    return span.File.ValueText;
            }
        }

        return null;
    }

    private static string Normalize(string path) => path.Replace('\\', '/');

    private readonly struct TreeInfo
    {
        public TreeInfo(bool analyze, bool mentions, AnalyzerConfigOptions options)
        {
            Analyze = analyze;
            Mentions = mentions;
            Options = options;
        }

        public bool Analyze { get; }

        /// <summary>The file's text contains one of the scope's words (always true when it has none).</summary>
        public bool Mentions { get; }

        public AnalyzerConfigOptions Options { get; }
    }
}
