using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SessionSafety.Analyzers.Internal;
using SessionSafety.Analyzers.Options;

namespace SessionSafety.Analyzers.Rules.SESS000;

/// <summary>
/// SESS000 (<see href="https://github.com/session-safety/SessionSafety/blob/main/docs/rules/SESS000.md">docs/rules/SESS000.md</see>): a <c>session_safety.*</c> option whose value cannot be read. The rules fall back
/// to the option's default without failing; this says which option, for which file, and what was
/// expected. Checked once per source file, since options apply per file; Razor output is checked with
/// the options of its .razor/.cshtml file and reported there; other generated code is skipped.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SESS000OptionsAnalyzer : SessionSafetyAnalyzer
{
    public SESS000OptionsAnalyzer()
        : base(Descriptors.SESS000InvalidOption)
    {
    }

    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, SourceScope scope)
    {
        var provider = context.Options.AnalyzerConfigOptionsProvider;

        // An option's text is judged once per compilation: every file has its own options object, but a
        // team that configured the package has the same values in every file.
        var validity = new Memo<(IOptionDefinition Option, string Text), bool>();
        context.RegisterSyntaxTreeAction(c => AnalyzeTree(c, scope, provider, validity));
    }

    private static void AnalyzeTree(SyntaxTreeAnalysisContext context, SourceScope scope, AnalyzerConfigOptionsProvider provider, Memo<(IOptionDefinition Option, string Text), bool> validity)
    {
        var tree = context.Tree;
        var razor = SourceScope.IsRazorGenerated(tree);
        var options = razor ? scope.GetOptions(tree) : provider.GetOptions(tree);

        // Nearly every file has only valid options: read them first, and work out whether the file
        // is skipped and where to report only when one is not valid.
        foreach (var option in SessionSafetyOptions.All)
        {
            if (options.TryGetValue(option.Key, out var text) && !validity.Get((option, text), 0, static (key, _) => key.Option.IsValid(key.Text)))
            {
                Report(context, scope, tree, razor, options);
                return;
            }
        }
    }

    private static void Report(SyntaxTreeAnalysisContext context, SourceScope scope, SyntaxTree tree, bool razor, AnalyzerConfigOptions options)
    {
        Location location;
        string file;
        if (razor)
        {
            var source = scope.FindRazorSourceFile(tree);
            if (source is not null)
            {
                file = source.Path;
                location = Location.Create(source.Path, default, new LinePositionSpan(default, default));
            }
            else
            {
                file = SourceScope.RazorSourcePath(tree) ?? tree.FilePath;
                location = StartOfCode(tree, context.CancellationToken);
            }
        }
        else
        {
            if (GeneratedCode.IsGenerated(tree, options))
            {
                return;
            }

            file = tree.FilePath;
            location = StartOfCode(tree, context.CancellationToken);
        }

        foreach (var option in SessionSafetyOptions.All)
        {
            if (options.TryGetValue(option.Key, out var text) && !option.IsValid(text))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.SESS000InvalidOption,
                    location,
                    text,
                    option.Key,
                    file,
                    option.Expected,
                    option.DefaultText));
            }
        }
    }

    /// <summary>
    /// The start of the file's first token: the top of the file, after the header comments and
    /// directives, so that a <c>#pragma warning disable SESS000</c> at the top of the file applies.
    /// </summary>
    private static Location StartOfCode(SyntaxTree tree, System.Threading.CancellationToken cancellationToken)
    {
        var start = tree.GetRoot(cancellationToken).GetFirstToken(includeZeroWidth: true).SpanStart;
        return Location.Create(tree, new TextSpan(start, 0));
    }
}
