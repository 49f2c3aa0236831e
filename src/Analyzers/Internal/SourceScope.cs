using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
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
    /// <summary>What a tree is, whichever rule asks: generated or not, the Razor file it was made from.</summary>
    private static readonly ConditionalWeakTable<SyntaxTree, TreeFacts> Facts = new();

    private readonly AnalyzerOptions options;
    private readonly bool isTestProject;
    private readonly WordSet? words;
    private readonly ConcurrentDictionary<SyntaxTree, TreeInfo> trees;

    /// <summary>
    /// The tree asked about last: the driver analyzes a file's members one after another, so most
    /// look-ups are answered here without the table.
    /// </summary>
    private TreeInfo? last;

    /// <summary>The additional files by name, made on the first Razor tree (<see cref="FindRazorSourceFile(string)"/>).</summary>
    private Dictionary<string, List<(string Path, AdditionalText File)>>? additionalFilesByName;

    private SourceScope(Compilation compilation, AnalyzerOptions options, bool isTestProject, WordSet? words)
    {
        this.options = options;
        this.isTestProject = isTestProject;
        this.words = words;

        // Sized for the compilation's trees: growing the table as trees come in cost more than the look-ups.
        trees = new ConcurrentDictionary<SyntaxTree, TreeInfo>(concurrencyLevel: 8, capacity: compilation.SyntaxTrees.Count());
    }

    /// <param name="words">
    /// When given, text that any code the rule looks for must contain (see <see cref="ShouldAnalyzeMember"/>):
    /// a file without any of them is skipped as a whole, after one search of its text.
    /// </param>
    public static SourceScope Create(Compilation compilation, AnalyzerOptions options, WordSet? words = null) =>
        new(compilation, options, IsTestProject(compilation), words);

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

        // Called for every member, so only what is cheap to read: the tree from the block's semantic model
        // (a node finds its tree by walking up to the root), and the blocks' full spans, read off the node
        // (the span without trivia walks down to the first and last tokens). A word in a comment next to
        // the braces only lets a member through that would otherwise be skipped.
        var first = blocks[0];
        var info = GetInfo(first.SemanticModel?.SyntaxTree ?? first.Syntax.SyntaxTree);
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
            if (words.OccursIn(info.Words, block.Syntax.FullSpan))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Registers a rule's member analysis: <paramref name="onMember"/> runs for each member that passes
    /// <see cref="ShouldAnalyzeMember"/>, with the rule's per-compilation state. The state is made by
    /// <paramref name="create"/> when the first member passes, not at compilation start (see
    /// <see cref="Deferred{T}"/>); when it answers null (the compilation lacks the rule's types) no member
    /// is analyzed. The filter comes first, so a member outside it never makes the state.
    /// </summary>
    public void RegisterMemberStartAction<TState>(
        CompilationStartAnalysisContext context,
        Func<TState?> create,
        Action<TState, OperationBlockStartAnalysisContext> onMember)
        where TState : class
    {
        RegisterMemberStartAction(context, create, onMember, new Deferred<TState>());
    }

    /// <summary>
    /// <see cref="RegisterMemberStartAction{TState}(CompilationStartAnalysisContext, Func{TState}, Action{TState, OperationBlockStartAnalysisContext})"/>
    /// for a rule that decides per compilation: <paramref name="onEnd"/> runs once at compilation end with the
    /// state the members filled, and not at all when no member passed the filter (the state was never made).
    /// </summary>
    public void RegisterMemberStartAction<TState>(
        CompilationStartAnalysisContext context,
        Func<TState?> create,
        Action<TState, OperationBlockStartAnalysisContext> onMember,
        Action<TState, CompilationAnalysisContext> onEnd)
        where TState : class
    {
        var state = new Deferred<TState>();
        RegisterMemberStartAction(context, create, onMember, state);
        context.RegisterCompilationEndAction(end =>
        {
            // Every member action has run: a state not made by now never will be, so none is made here.
            if (state.Get<object?>(null, static _ => null) is { } value)
            {
                onEnd(value, end);
            }
        });
    }

    private void RegisterMemberStartAction<TState>(
        CompilationStartAnalysisContext context,
        Func<TState?> create,
        Action<TState, OperationBlockStartAnalysisContext> onMember,
        Deferred<TState> state)
        where TState : class
    {
        context.RegisterOperationBlockStartAction(member =>
        {
            if (ShouldAnalyzeMember(member.OperationBlocks) && state.Get(create, static make => make()) is { } value)
            {
                onMember(value, member);
            }
        });
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

    private TreeInfo GetInfo(SyntaxTree tree)
    {
        var recent = Volatile.Read(ref last);
        if (recent is not null && recent.Tree == tree)
        {
            return recent;
        }

        if (!trees.TryGetValue(tree, out var info))
        {
            info = trees.GetOrAdd(tree, Compute(tree));
        }

        Volatile.Write(ref last, info);
        return info;
    }

    private TreeInfo Compute(SyntaxTree tree)
    {
        var facts = FactsOf(tree);
        if (facts.IsRazor)
        {
            var razorOptions = (facts.RazorSourcePath is { } source ? FindRazorSourceOptions(source) : null) ?? options.AnalyzerConfigOptionsProvider.GetOptions(tree);
            return Info(tree, IncludedInProject(razorOptions), razorOptions);
        }

        var treeOptions = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        if (GeneratedCode.IsGenerated(treeOptions, facts.LooksGenerated))
        {
            return Info(tree, false, treeOptions);
        }

        return Info(tree, IncludedInProject(treeOptions), treeOptions);
    }

    private TreeInfo Info(SyntaxTree tree, bool analyze, AnalyzerConfigOptions treeOptions)
    {
        var index = words is null || !analyze ? WordIndex.Empty : words.In(tree);
        var mentions = words is null || index.Any(words.Mask);
        return new TreeInfo(tree, analyze, mentions, treeOptions, index);
    }

    private bool IncludedInProject(AnalyzerConfigOptions treeOptions) =>
        !isTestProject || SessionSafetyOptions.IncludeTests.Read(treeOptions);

    /// <summary>
    /// .editorconfig sections do not reach Razor's generated trees (their paths are not under the
    /// project folder), so the options come from the .razor additional file that the tree was made from.
    /// </summary>
    private AnalyzerConfigOptions? FindRazorSourceOptions(string source)
    {
        var match = FindRazorSourceFile(source);
        return match is null ? null : options.AnalyzerConfigOptionsProvider.GetOptions(match);
    }

    /// <summary>The .razor/.cshtml additional file a Razor-generated tree was made from, if the project has it.</summary>
    public AdditionalText? FindRazorSourceFile(SyntaxTree tree) =>
        RazorSourcePath(tree) is { } source ? FindRazorSourceFile(source) : null;

    /// <summary>
    /// The first additional file whose path is <paramref name="source"/> or ends with it. Only the files
    /// of the same name can: they are looked up by name, so a tree costs a few comparisons, not one per
    /// additional file (a Blazor app passes every component as one).
    /// </summary>
    private AdditionalText? FindRazorSourceFile(string source)
    {
        var normalized = Normalize(source);
        var byName = LazyInitializer.EnsureInitialized(ref additionalFilesByName, () => IndexByName(options.AdditionalFiles))!;
        if (!byName.TryGetValue(FileName(normalized), out var candidates))
        {
            return null;
        }

        var suffix = "/" + normalized.TrimStart('/');
        foreach (var (path, file) in candidates)
        {
            if (path.Equals(normalized, StringComparison.OrdinalIgnoreCase) || path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return file;
            }
        }

        return null;
    }

    /// <summary>The additional files by file name (case-insensitive), each name's files in the project's order.</summary>
    private static Dictionary<string, List<(string Path, AdditionalText File)>> IndexByName(ImmutableArray<AdditionalText> files)
    {
        var byName = new Dictionary<string, List<(string, AdditionalText)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            var path = Normalize(file.Path);
            var name = FileName(path);
            if (!byName.TryGetValue(name, out var list))
            {
                byName[name] = list = new List<(string, AdditionalText)>();
            }

            list.Add((path, file));
        }

        return byName;
    }

    private static string FileName(string normalizedPath) => normalizedPath.Substring(normalizedPath.LastIndexOf('/') + 1);

    /// <summary>The .razor/.cshtml path a Razor-generated tree names (null for other trees), read once per tree.</summary>
    public static string? RazorSourcePath(SyntaxTree tree) => FactsOf(tree).RazorSourcePath;

    private static TreeFacts FactsOf(SyntaxTree tree) => Facts.GetValue(tree, static t => new TreeFacts(t));

    /// <summary>The .razor/.cshtml path from the tree's <c>#pragma checksum</c> or first <c>#line</c>.</summary>
    private static string? ReadRazorSourcePath(SyntaxTree tree)
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

    /// <summary>What one rule decided about a tree.</summary>
    private sealed class TreeInfo
    {
        public TreeInfo(SyntaxTree tree, bool analyze, bool mentions, AnalyzerConfigOptions options, WordIndex words)
        {
            Tree = tree;
            Analyze = analyze;
            Mentions = mentions;
            Options = options;
            Words = words;
        }

        public SyntaxTree Tree { get; }

        public bool Analyze { get; }

        /// <summary>The file's text contains one of the scope's words (always true when it has none).</summary>
        public bool Mentions { get; }

        public AnalyzerConfigOptions Options { get; }

        /// <summary>Where the rules' words occur in the tree (empty when the rule has no words or skips the tree).</summary>
        public WordIndex Words { get; }
    }

    /// <summary>What a tree is, from its path and text alone: the same for every rule and every options object.</summary>
    private sealed class TreeFacts
    {
        public TreeFacts(SyntaxTree tree)
        {
            if (IsRazorGenerated(tree))
            {
                RazorSourcePath = ReadRazorSourcePath(tree);
                IsRazor = true;
            }
            else
            {
                LooksGenerated = GeneratedCode.LooksGenerated(tree);
            }
        }

        public bool IsRazor { get; }

        /// <summary>The .razor/.cshtml file a Razor-generated tree names (null for other trees, or when it names none).</summary>
        public string? RazorSourcePath { get; }

        /// <summary>A generated file name or an <c>&lt;auto-generated&gt;</c> header (the <c>generated_code</c> option overrides it).</summary>
        public bool LooksGenerated { get; }
    }
}
