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

    /// <summary>
    /// The trees of a compilation as the rules see them, shared by every rule that runs on it: the rules
    /// decide a tree's scope and options the same way, so the first rule to ask about a tree decides for all.
    /// </summary>
    private static readonly ConditionalWeakTable<Compilation, Trees> SharedTrees = new();

    private readonly Trees trees;

    /// <summary>The mask of the rule's words (<see cref="SourceWords.Mask"/>); 0 when it has none.</summary>
    private readonly ulong words;

    private SourceScope(Trees trees, ulong words)
    {
        this.trees = trees;
        this.words = words;
    }

    /// <param name="words">
    /// When given, text that any code the rule looks for must contain (see <see cref="ShouldAnalyzeMember"/>):
    /// a file without any of them is skipped as a whole, after one search of its text.
    /// </param>
    public static SourceScope Create(Compilation compilation, AnalyzerOptions options, string[]? words = null)
    {
        // The analyzer driver hands every analyzer of a compilation the same options; a caller that hands
        // in other ones gets trees of its own.
        var shared = SharedTrees.GetValue(compilation, c => new Trees(c, options));
        var trees = ReferenceEquals(shared.Options, options) ? shared : new Trees(compilation, options);
        return new SourceScope(trees, words is null ? 0 : SourceWords.Mask(words));
    }

    /// <summary>Whether the rule should look at code in <paramref name="tree"/>.</summary>
    public bool ShouldAnalyze(SyntaxTree tree) => trees.Get(tree).Analyze;

    /// <summary>
    /// Whether the rule should look at a member (its operation blocks in <paramref name="tree"/>): the
    /// file is in scope and the member's text contains one of the scope's words. A member that fails
    /// this registers nothing, so the analyzer driver never calls the rule for its operations.
    /// </summary>
    public bool ShouldAnalyzeMember(SyntaxTree tree, ImmutableArray<IOperation> blocks)
    {
        // Called for every member by every rule: only field reads unless the member is new (see Trees.WordsOf).
        var info = trees.Get(tree);
        if (!info.Analyze || blocks.IsEmpty)
        {
            return false;
        }

        var mask = words;
        return mask == 0 || ((info.Words.Present & mask) != 0 && (trees.WordsOf(blocks, info.Words) & mask) != 0);
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
        var state = new Deferred<TState>(create);
        context.RegisterOperationBlockStartAction(member =>
        {
            // FilterTree is the tree of the member's blocks (a field read, where asking a block for it is
            // an interface call and a walk up to the root).
            if (ShouldAnalyzeMember(member.FilterTree, member.OperationBlocks) && state.Value is { } value)
            {
                onMember(value, member);
            }
        });
    }

    /// <summary>The options for <paramref name="tree"/>; for Razor output, those of its .razor/.cshtml file.</summary>
    public AnalyzerConfigOptions GetOptions(SyntaxTree tree) => trees.Get(tree).Options;

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

    /// <summary>The .razor/.cshtml additional file a Razor-generated tree was made from, if the project has it.</summary>
    public AdditionalText? FindRazorSourceFile(SyntaxTree tree) =>
        RazorSourcePath(tree) is { } source ? trees.FindRazorSourceFile(source) : null;

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

    /// <summary>
    /// The trees of one compilation and options, as every rule sees them: whether a tree is analyzed, its
    /// options, where the rules' words occur in it. Decided on the first question about a tree.
    /// </summary>
    private sealed class Trees
    {
        private readonly bool isTestProject;
        private readonly ConcurrentDictionary<SyntaxTree, TreeInfo> infos;

        /// <summary>
        /// The tree asked about last: the driver analyzes a file's members one after another, and the rules
        /// one after another for each member, so most look-ups are answered here without the table.
        /// </summary>
        private TreeInfo? last;

        /// <summary>The words of the member asked about last, for the next rule that asks about it.</summary>
        private MemberWords? lastMember;

        /// <summary>The additional files by name, made on the first Razor tree (<see cref="FindRazorSourceFile(string)"/>).</summary>
        private Dictionary<string, List<(string Path, AdditionalText File)>>? additionalFilesByName;

        public Trees(Compilation compilation, AnalyzerOptions options)
        {
            Options = options;
            isTestProject = IsTestProject(compilation);

            // Sized for the compilation's trees: growing the table as trees come in cost more than the look-ups.
            infos = new ConcurrentDictionary<SyntaxTree, TreeInfo>(concurrencyLevel: 8, capacity: compilation.SyntaxTrees.Count());
        }

        public AnalyzerOptions Options { get; }

        public TreeInfo Get(SyntaxTree tree)
        {
            var recent = Volatile.Read(ref last);
            if (recent is not null && recent.Tree == tree)
            {
                return recent;
            }

            if (!infos.TryGetValue(tree, out var info))
            {
                info = infos.GetOrAdd(tree, Compute(tree));
            }

            Volatile.Write(ref last, info);
            return info;
        }

        /// <summary>
        /// The words that start in a member's blocks, read off their full spans (the span without trivia
        /// walks down to the first and last tokens; a word in a comment next to the braces only lets a
        /// member through that would otherwise be skipped). Computed once per member for all the rules:
        /// the driver hands each rule the same blocks, and <c>==</c> on them compares their arrays.
        /// </summary>
        public ulong WordsOf(ImmutableArray<IOperation> blocks, SourceWords.Index index)
        {
            var recent = Volatile.Read(ref lastMember);
            if (recent is not null && recent.Blocks == blocks)
            {
                return recent.Words;
            }

            var found = 0UL;
            foreach (var block in blocks)
            {
                found |= index.WordsIn(block.Syntax.FullSpan);
            }

            Volatile.Write(ref lastMember, new MemberWords(blocks, found));
            return found;
        }

        private TreeInfo Compute(SyntaxTree tree)
        {
            var facts = FactsOf(tree);
            if (facts.IsRazor)
            {
                var razorOptions = (facts.RazorSourcePath is { } source ? FindRazorSourceOptions(source) : null) ?? Options.AnalyzerConfigOptionsProvider.GetOptions(tree);
                return new TreeInfo(tree, IncludedInProject(razorOptions), razorOptions);
            }

            var treeOptions = Options.AnalyzerConfigOptionsProvider.GetOptions(tree);
            if (GeneratedCode.IsGenerated(treeOptions, facts.LooksGenerated))
            {
                return new TreeInfo(tree, false, treeOptions);
            }

            return new TreeInfo(tree, IncludedInProject(treeOptions), treeOptions);
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
            return match is null ? null : Options.AnalyzerConfigOptionsProvider.GetOptions(match);
        }

        /// <summary>
        /// The first additional file whose path is <paramref name="source"/> or ends with it. Only the files
        /// of the same name can: they are looked up by name, so a tree costs a few comparisons, not one per
        /// additional file (a Blazor app passes every component as one).
        /// </summary>
        public AdditionalText? FindRazorSourceFile(string source)
        {
            var normalized = Normalize(source);
            var byName = LazyInitializer.EnsureInitialized(ref additionalFilesByName, () => IndexByName(Options.AdditionalFiles))!;
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
    }

    /// <summary>What the rules decided about a tree.</summary>
    private sealed class TreeInfo
    {
        private SourceWords.Index? words;

        public TreeInfo(SyntaxTree tree, bool analyze, AnalyzerConfigOptions options)
        {
            Tree = tree;
            Analyze = analyze;
            Options = options;
        }

        public SyntaxTree Tree { get; }

        public bool Analyze { get; }

        public AnalyzerConfigOptions Options { get; }

        /// <summary>
        /// Where the rules' words occur in the tree (empty when the tree is skipped), read on the first
        /// question from a rule with words: a rule without them (SESS000) never pays for the scan.
        /// </summary>
        public SourceWords.Index Words => words ??= Analyze ? SourceWords.For(Tree) : SourceWords.Index.Empty;
    }

    /// <summary>A member's blocks and the words they hold (<see cref="Trees.WordsOf"/>).</summary>
    private sealed class MemberWords
    {
        public MemberWords(ImmutableArray<IOperation> blocks, ulong words)
        {
            Blocks = blocks;
            Words = words;
        }

        public ImmutableArray<IOperation> Blocks { get; }

        public ulong Words { get; }
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
