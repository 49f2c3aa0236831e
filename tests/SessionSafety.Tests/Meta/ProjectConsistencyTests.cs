using System;
using System.Collections.Generic;
using System.Composition;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionSafety.Analyzers;
using SessionSafety.Analyzers.Options;
using SessionSafety.Tests.Verifiers;

namespace SessionSafety.Tests.Meta;

// The runtime has a SessionSafety.SessionSafetyOptions too; these tests mean the analyzers' option definitions.
using SessionSafetyOptions = SessionSafety.Analyzers.Options.SessionSafetyOptions;

/// <summary>Keeps the descriptors, docs, release tracking, README, options and known types in step.</summary>
public sealed class ProjectConsistencyTests
{
    private static readonly string RepositoryRoot = FindRepositoryRoot();

    public static TheoryData<string> DescriptorIds()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in AllDescriptors())
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_HasDocsPageHelpLinkReleaseEntryAndReadmeRow(string id)
    {
        var descriptor = AllDescriptors().Single(d => d.Id == id);
        var page = Path.Combine(RepositoryRoot, "docs", "rules", id + ".md");

        Assert.True(File.Exists(page), $"docs/rules/{id}.md is missing");
        Assert.Equal(Descriptors.HelpLink(id), descriptor.HelpLinkUri);
        Assert.EndsWith($"/docs/rules/{id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.StartsWith($"# {id}: {descriptor.Title}", File.ReadAllText(page), StringComparison.Ordinal);

        var releases = File.ReadAllText(Path.Combine(RepositoryRoot, "src", "Analyzers", "AnalyzerReleases.Unshipped.md"))
            + File.ReadAllText(Path.Combine(RepositoryRoot, "src", "Analyzers", "AnalyzerReleases.Shipped.md"));
        Assert.Matches(new Regex($@"^{id} \| {descriptor.Category} \| {descriptor.DefaultSeverity} \|", RegexOptions.Multiline), releases);

        var readme = File.ReadAllText(Path.Combine(RepositoryRoot, "README.md"));
        Assert.Contains($"| [{id}](docs/rules/{id}.md) | {descriptor.Title} | {descriptor.DefaultSeverity} | {descriptor.Category} |", readme);
    }

    [Fact]
    public void RulePages_HaveTheSameSectionsInTheSameOrder()
    {
        var expected = new[] { "## Cause", "## Rule description", "## How to fix", "## Configuration", "## When to suppress", "## How to suppress", "## Related rules" };
        foreach (var descriptor in AllDescriptors())
        {
            var lines = File.ReadAllLines(Path.Combine(RepositoryRoot, "docs", "rules", descriptor.Id + ".md"));
            var sections = lines.Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToArray();
            Assert.True(expected.SequenceEqual(sections), $"{descriptor.Id}.md sections: {string.Join(", ", sections)}");
            Assert.Contains(lines, l => l.StartsWith("| Rule ID | " + descriptor.Id, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void EveryAnalyzer_IsSealedAndReportsOnlyKnownDescriptors()
    {
        var known = AllDescriptors().Select(d => d.Id).ToHashSet();
        var analyzers = AnalyzerTypes().ToList();
        Assert.NotEmpty(analyzers);
        foreach (var type in analyzers)
        {
            Assert.True(type.IsSealed, $"{type.Name} is not sealed");
            Assert.NotNull(type.GetCustomAttribute<DiagnosticAnalyzerAttribute>());
            var analyzer = (DiagnosticAnalyzer)Activator.CreateInstance(type)!;
            Assert.All(analyzer.SupportedDiagnostics, d => Assert.Contains(d.Id, known));
            Assert.All(analyzer.SupportedDiagnostics, d => Assert.Contains(d.Id, type.Name));
        }

        // Every descriptor is reported by some analyzer.
        var supported = analyzers.SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics).Select(d => d.Id).ToHashSet();
        Assert.Equal(known.OrderBy(x => x), supported.OrderBy(x => x));
    }

    [Fact]
    public void EveryCodeFix_IsExportedUnderItsNameWithAFixAllProvider()
    {
        var fixes = typeof(SessionSafety.CodeFixes.FixEquivalenceKeys).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .ToList();
        Assert.NotEmpty(fixes);
        foreach (var type in fixes)
        {
            Assert.True(type.IsSealed, $"{type.Name} is not sealed");
            var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
            Assert.NotNull(export);
            Assert.Equal(type.Name, export!.Name);
            Assert.Contains(LanguageNames.CSharp, export.Languages);
            Assert.NotNull(type.GetCustomAttribute<SharedAttribute>());
            var fix = (CodeFixProvider)Activator.CreateInstance(type)!;
            Assert.NotNull(fix.GetFixAllProvider());
            Assert.All(fix.FixableDiagnosticIds, id => Assert.Contains(id, type.Name));
        }
    }

    /// <summary>Fix All groups code actions by equivalence key: each is a constant named after its rule and action.</summary>
    [Fact]
    public void EveryEquivalenceKey_IsAConstantOfAFixedRule()
    {
        var fixedIds = typeof(SessionSafety.CodeFixes.FixEquivalenceKeys).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .SelectMany(t => ((CodeFixProvider)Activator.CreateInstance(t)!).FixableDiagnosticIds)
            .ToHashSet();
        var keys = typeof(SessionSafety.CodeFixes.FixEquivalenceKeys).GetFields(BindingFlags.Public | BindingFlags.Static).ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, field =>
        {
            Assert.True(field.IsLiteral, $"{field.Name} is not a constant");
            var value = (string)field.GetValue(null)!;
            var parts = value.Split('.');
            Assert.Equal(2, parts.Length);
            Assert.Contains(parts[0], fixedIds);
            Assert.Equal(field.Name, parts[1]);
        });
        Assert.Equal(keys.Count, keys.Select(k => k.GetValue(null)).Distinct().Count());
    }

    [Fact]
    public void EveryOption_IsDocumented()
    {
        var configuration = File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "configuration.md"));
        var pages = string.Concat(Directory.GetFiles(Path.Combine(RepositoryRoot, "docs", "rules"), "*.md").Select(File.ReadAllText));
        foreach (var option in SessionSafetyOptions.All)
        {
            Assert.Contains($"`{option.Key}`", configuration);
            Assert.Contains($"`{option.Key}`", pages);
            Assert.True(option.IsValid(option.DefaultText) || option.DefaultText == "(none)", $"{option.Key}: its documented default does not parse");
        }
    }

    /// <summary>
    /// Frameworks whose assemblies are not on this machine (no MAUI workload, no Windows desktop pack, no
    /// Avalonia, Uno, WinUI or Xamarin.Forms package among the test's references): their names are taken
    /// from each framework's reference documentation (docs/rules/SESS001.md lists them), and the tests use
    /// stubs of the same names.
    /// </summary>
    private static readonly string[] NotInstalledHere =
    {
        "Microsoft.Maui.", "System.Windows.", "Avalonia.", "Windows.UI.Xaml.", "Microsoft.UI.Xaml.", "Xamarin.Forms.",
    };

    /// <summary>The client UI types SESS001's scope looks for are among the known types (one list, spelled once).</summary>
    [Fact]
    public void ClientUiTypes_AreKnownTypes()
    {
        var constants = typeof(KnownTypes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetValue(null)!)
            .ToHashSet(StringComparer.Ordinal);
        Assert.All(KnownTypes.ClientUiTypes, name => Assert.Contains(name, constants));
    }

    /// <summary>The analyzers know types only by metadata name: each name must exist in the real assemblies.</summary>
    [Fact]
    public void EveryKnownType_ResolvesAgainstTheRealAssemblies()
    {
        var compilation = CSharpCompilation.Create(
            "KnownTypes",
            references: TestReferences.Default.Add(TestReferences.Runtime));
        var unresolved = typeof(KnownTypes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (Name: f.Name, MetadataName: (string)f.GetValue(null)!))
            .Where(t => !NotInstalledHere.Any(prefix => t.MetadataName.StartsWith(prefix, StringComparison.Ordinal)))
            .Where(t => compilation.GetTypeByMetadataName(t.MetadataName) is null)
            .Select(t => $"{t.Name} = {t.MetadataName}")
            .ToList();

        Assert.True(unresolved.Count == 0, "Unresolved: " + string.Join(", ", unresolved));
    }

    /// <summary>Rules plug into the shared code, not the reverse: nothing in Internal/ names a rule's namespace.</summary>
    [Fact]
    public void SharedCode_ImportsNoRule()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot, "src", "Analyzers", "Internal"), "*.cs"))
        {
            Assert.False(File.ReadAllText(file).Contains("SessionSafety.Analyzers.Rules", StringComparison.Ordinal), $"{Path.GetFileName(file)} imports a rule");
        }
    }

    /// <summary>One top-level type per file, named after it, in the namespace its folder gives.</summary>
    [Theory]
    [InlineData("src/Analyzers", "SessionSafety.Analyzers")]
    [InlineData("src/CodeFixes", "SessionSafety.CodeFixes")]
    public void EverySourceFile_HoldsOneTypeNamedAfterIt(string folder, string rootNamespace)
    {
        var root = Path.Combine(RepositoryRoot, folder);
        foreach (var file in Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            var unit = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetCompilationUnitRoot();
            var ns = unit.Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BaseNamespaceDeclarationSyntax>().Single();
            if (ns.Name.ToString().StartsWith("System.", StringComparison.Ordinal))
            {
                continue; // a compiler polyfill (IsExternalInit) lives in the namespace the compiler looks in
            }

            var types = ns.Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax>().ToList();
            var relative = Path.GetRelativePath(root, Path.GetDirectoryName(file)!);
            var expectedNamespace = relative == "." ? rootNamespace : rootNamespace + "." + relative.Replace('/', '.');

            var type = Assert.Single(types);
            Assert.Equal(Path.GetFileNameWithoutExtension(file), type.Identifier.ValueText);
            Assert.Equal(expectedNamespace, ns.Name.ToString());
        }
    }

    private static IEnumerable<DiagnosticDescriptor> AllDescriptors() =>
        typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!);

    private static IEnumerable<Type> AnalyzerTypes() =>
        typeof(Descriptors).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t));

    private static string FindRepositoryRoot()
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
}
