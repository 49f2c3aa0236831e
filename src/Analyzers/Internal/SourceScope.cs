using System;
using System.Collections.Concurrent;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
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
    private readonly ConcurrentDictionary<SyntaxTree, TreeInfo> trees = new();

    private SourceScope(AnalyzerOptions options, bool isTestProject)
    {
        this.options = options;
        this.isTestProject = isTestProject;
    }

    public static SourceScope Create(Compilation compilation, AnalyzerOptions options) =>
        new(options, IsTestProject(compilation));

    /// <summary>Whether the rule should look at code in <paramref name="tree"/>.</summary>
    public bool ShouldAnalyze(SyntaxTree tree) => GetInfo(tree).Analyze;

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
            return new TreeInfo(IncludedInProject(razorOptions), razorOptions);
        }

        var treeOptions = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        if (GeneratedCode.IsGenerated(tree, treeOptions))
        {
            return new TreeInfo(false, treeOptions);
        }

        return new TreeInfo(IncludedInProject(treeOptions), treeOptions);
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
        public TreeInfo(bool analyze, AnalyzerConfigOptions options)
        {
            Analyze = analyze;
            Options = options;
        }

        public bool Analyze { get; }

        public AnalyzerConfigOptions Options { get; }
    }
}
