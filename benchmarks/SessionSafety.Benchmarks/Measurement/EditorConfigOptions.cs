using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SessionSafety.Benchmarks.Measurement;

/// <summary>
/// The options a build hands analyzers when the project has an <c>.editorconfig</c> with a <c>[*.cs]</c>
/// section, as nearly every repository does: the compiler wraps each file's options in an object of its
/// own, so two files with the same settings do not share one. A rule that parses options once per
/// options object parses them once per file here; with the SDK's default (no .editorconfig) every file
/// shares one empty object and that cost never shows.
/// </summary>
internal sealed class EditorConfigOptionsProvider : AnalyzerConfigOptionsProvider
{
    /// <summary>A typical <c>[*.cs]</c> section: formatting, code style, diagnostic severities and this package's options.</summary>
    private static readonly ImmutableDictionary<string, string> Section = CreateSection();

    private readonly Dictionary<SyntaxTree, AnalyzerConfigOptions> trees = new();
    private readonly Dictionary<string, AnalyzerConfigOptions> files = new();

    /// <summary>
    /// An options object per tree and per additional file, made before the timed run (the compiler makes
    /// them before analysis too). <paramref name="settings"/> are added to the section (or replace its
    /// values): the scaling mode's options.
    /// </summary>
    public EditorConfigOptionsProvider(IEnumerable<SyntaxTree> syntaxTrees, IEnumerable<AdditionalText> additionalFiles, IReadOnlyDictionary<string, string>? settings = null)
    {
        var section = settings is null ? Section : Section.SetItems(settings);
        foreach (var tree in syntaxTrees)
        {
            trees[tree] = new DictionaryOptions(section);
        }

        foreach (var file in additionalFiles)
        {
            files[file.Path] = new DictionaryOptions(section);
        }
    }

    public override AnalyzerConfigOptions GlobalOptions { get; } = new DictionaryOptions(ImmutableDictionary<string, string>.Empty);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) =>
        trees.TryGetValue(tree, out var options) ? options : GlobalOptions;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        files.TryGetValue(textFile.Path, out var options) ? options : GlobalOptions;

    private static ImmutableDictionary<string, string> CreateSection()
    {
        var section = ImmutableDictionary.CreateBuilder<string, string>(AnalyzerConfigOptions.KeyComparer);
        section["indent_style"] = "space";
        section["indent_size"] = "4";
        section["end_of_line"] = "lf";
        section["charset"] = "utf-8";
        section["insert_final_newline"] = "true";
        section["trim_trailing_whitespace"] = "true";
        section["csharp_new_line_before_open_brace"] = "all";
        section["csharp_indent_case_contents"] = "true";
        section["csharp_using_directive_placement"] = "outside_namespace:warning";
        section["csharp_style_namespace_declarations"] = "file_scoped:warning";
        section["csharp_style_var_for_built_in_types"] = "true:suggestion";
        section["csharp_style_var_when_type_is_apparent"] = "true:suggestion";
        section["csharp_style_expression_bodied_methods"] = "when_on_single_line:silent";
        section["csharp_prefer_braces"] = "true:warning";
        section["csharp_style_pattern_matching_over_is_with_cast_check"] = "true:suggestion";
        section["dotnet_sort_system_directives_first"] = "true";
        section["dotnet_style_qualification_for_field"] = "false:suggestion";
        section["dotnet_style_predefined_type_for_locals_parameters_members"] = "true:suggestion";
        section["dotnet_style_readonly_field"] = "true:warning";
        section["dotnet_style_require_accessibility_modifiers"] = "for_non_interface_members:warning";
        section["dotnet_naming_rule.private_fields_should_be_camel_case.severity"] = "warning";
        section["dotnet_naming_rule.private_fields_should_be_camel_case.symbols"] = "private_fields";
        section["dotnet_naming_rule.private_fields_should_be_camel_case.style"] = "camel_case";
        section["dotnet_naming_symbols.private_fields.applicable_kinds"] = "field";
        section["dotnet_naming_symbols.private_fields.applicable_accessibilities"] = "private";
        section["dotnet_naming_style.camel_case.capitalization"] = "camel_case";
        section["dotnet_diagnostic.CA1822.severity"] = "suggestion";
        section["dotnet_diagnostic.CA2007.severity"] = "none";
        section["dotnet_diagnostic.CA1848.severity"] = "none";
        section["dotnet_diagnostic.IDE0005.severity"] = "warning";
        section["dotnet_diagnostic.IDE0055.severity"] = "warning";

        // A team that configured the package: its own login pages (here the default list, so that the
        // planted diagnostics stay the same) and a session handler of its own (one the corpus never uses).
        section["session_safety.login_paths"] = "login|signin|sign-in|log-in|logon|authentication/login|account/login|identity/account/login";
        section["session_safety.session_handlers"] = "Contoso.Http.SessionRenewalHandler";
        return section.ToImmutable();
    }
}
