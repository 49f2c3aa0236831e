using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionSafety.Analyzers.Internal;

// Test-only analyzers: never shipped, never loaded by a compiler, so the analyzer-authoring rules
// about release tracking (RS2008), extended rules (RS1036), Workspaces references (RS1038) and the
// target framework (RS1041) do not apply to them.
#pragma warning disable RS1036, RS1038, RS1041, RS2008

namespace SessionSafety.Tests.Meta;

/// <summary>Flags every literal <c>42</c>; skipped in generated code; off where <c>verifier_test.skip = true</c>.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class Literal42Analyzer : DiagnosticAnalyzer
{
    public const string Id = "TEST0042";

    public static readonly DiagnosticDescriptor Rule = new(
        Id, "Literal 42", "The literal '{0}' is the answer", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        RegisterActions(context);
    }

    internal static void RegisterActions(AnalysisContext context)
    {
        context.RegisterSyntaxNodeAction(
            c =>
            {
                var literal = (LiteralExpressionSyntax)c.Node;
                if (literal.Token.ValueText != "42")
                {
                    return;
                }

                if (c.Options.AnalyzerConfigOptionsProvider.GetOptions(c.Node.SyntaxTree).TryGetValue("verifier_test.skip", out var skip) && skip == "true")
                {
                    return;
                }

                c.ReportDiagnostic(Diagnostic.Create(Rule, literal.GetLocation(), literal.Token.Text));
            },
            SyntaxKind.NumericLiteralExpression);
    }
}

/// <summary>The same, but wrongly reports in generated code too.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class Literal42InGeneratedCodeAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Literal42Analyzer.Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterSyntaxNodeAction(
            c =>
            {
                var literal = (LiteralExpressionSyntax)c.Node;
                if (literal.Token.ValueText == "42")
                {
                    c.ReportDiagnostic(Diagnostic.Create(Literal42Analyzer.Rule, literal.GetLocation(), literal.Token.Text));
                }
            },
            SyntaxKind.NumericLiteralExpression);
    }
}

/// <summary>
/// Flags every invocation of a method named <c>Flag</c>, scoped like the real rules through
/// <see cref="SourceScope"/> (Razor output analyzed, other generated code skipped, options of a
/// Razor tree read from its .razor file); off where <c>verifier_test.skip = true</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FlagCallAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = new(
        "TEST0001", "Flag call", "'{0}' is called", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var scope = SourceScope.Create(start.Compilation, start.Options);
            start.RegisterSyntaxNodeAction(
                c =>
                {
                    var invocation = (InvocationExpressionSyntax)c.Node;
                    var name = invocation.Expression switch
                    {
                        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                        _ => null,
                    };
                    var tree = c.Node.SyntaxTree;
                    if (name != "Flag" || !scope.ShouldAnalyze(tree))
                    {
                        return;
                    }

                    if (scope.GetOptions(tree).TryGetValue("verifier_test.skip", out var skip) && skip == "true")
                    {
                        return;
                    }

                    c.ReportDiagnostic(Diagnostic.Create(Rule, invocation.GetLocation(), name));
                },
                SyntaxKind.InvocationExpression);
        });
    }
}

/// <summary>Supports SESS000 besides its rule, as every SessionSafety rule may: <c>[|…|]</c> still means the rule.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RuleWithInvalidOptionAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
        ImmutableArray.Create(SessionSafety.Analyzers.Descriptors.SESS000InvalidOption, Literal42Analyzer.Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        Literal42Analyzer.RegisterActions(context);
    }
}

/// <summary>Supports two rules, so <c>[|…|]</c> is ambiguous.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TwoRulesAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Literal42Analyzer.Rule, FlagCallAnalyzer.Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        Literal42Analyzer.RegisterActions(context);
    }
}

/// <summary>
/// Reports at the very start of every file, which a <c>#pragma</c> on the first line cannot cover:
/// it stands for an analyzer whose diagnostics escape suppression.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FileStartAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Literal42Analyzer.Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSyntaxTreeAction(c =>
            c.ReportDiagnostic(Diagnostic.Create(Literal42Analyzer.Rule, Location.Create(c.Tree, new Microsoft.CodeAnalysis.Text.TextSpan(0, 0)), "start")));
    }
}

/// <summary>Throws on every literal 42.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ThrowingAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Literal42Analyzer.Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSyntaxNodeAction(
            c =>
            {
                if (((LiteralExpressionSyntax)c.Node).Token.ValueText == "42")
                {
                    throw new InvalidOperationException("the analyzer broke on purpose");
                }
            },
            SyntaxKind.NumericLiteralExpression);
    }
}

/// <summary>Base for the test fixes: replaces the flagged literal by whatever <see cref="Replacement"/> says.</summary>
public abstract class LiteralFixBase : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Literal42Analyzer.Id);

    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        if (!await ShouldRegisterAsync(context).ConfigureAwait(false))
        {
            return;
        }

        foreach (var (title, key, replacement) in Actions)
        {
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => ReplaceAsync(context.Document, context.Diagnostics[0], replacement, ct), key),
                context.Diagnostics[0]);
        }
    }

    protected virtual (string Title, string? Key, string Replacement)[] Actions => new (string Title, string? Key, string Replacement)[] { ("Use 43", "Use43", "43") };

    protected virtual Task<bool> ShouldRegisterAsync(CodeFixContext context) => Task.FromResult(true);

    internal static async Task<Document> ReplaceAsync(Document document, Diagnostic diagnostic, string replacement, System.Threading.CancellationToken cancellationToken)
    {
        var root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var replacementNode = SyntaxFactory.ParseExpression(replacement).WithTriviaFrom(node);
        return document.WithSyntaxRoot(root.ReplaceNode(node, replacementNode));
    }
}

[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(Use43Fix)), Shared]
public sealed class Use43Fix : LiteralFixBase
{
}

/// <summary>Emits code that does not compile.</summary>
public sealed class BrokenFix : LiteralFixBase
{
    protected override (string Title, string? Key, string Replacement)[] Actions => new (string Title, string? Key, string Replacement)[] { ("Break it", "Break", "undefinedName") };
}

/// <summary>Offers an action that returns the document unchanged.</summary>
public sealed class NoOpFix : LiteralFixBase
{
    protected override (string Title, string? Key, string Replacement)[] Actions => new (string Title, string? Key, string Replacement)[] { ("Do nothing", "Nothing", "42") };
}

/// <summary>Offers two actions.</summary>
public sealed class TwoActionsFix : LiteralFixBase
{
    protected override (string Title, string? Key, string Replacement)[] Actions => new (string Title, string? Key, string Replacement)[] { ("Use 43", "Use43", "43"), ("Use 44", "Use44", "44") };
}

/// <summary>Offers its action nested under a parent action.</summary>
public sealed class NestedActionsFix : LiteralFixBase
{
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        context.RegisterCodeFix(
            CodeAction.Create(
                "Change the literal",
                ImmutableArray.Create(
                    CodeAction.Create("Use 43", ct => ReplaceAsync(context.Document, diagnostic, "43", ct), "Use43"),
                    CodeAction.Create("Use 44", ct => ReplaceAsync(context.Document, diagnostic, "44", ct), "Use44")),
                isInlinable: false),
            diagnostic);
        return Task.CompletedTask;
    }
}

/// <summary>Offers an action without an equivalence key (so Fix All cannot use it).</summary>
public sealed class KeylessFix : LiteralFixBase
{
    protected override (string Title, string? Key, string Replacement)[] Actions => new (string Title, string? Key, string Replacement)[] { ("Use 43", (string?)null, "43") };
}

/// <summary>Registers its action only when the SessionSafety runtime is referenced, like the real fixes.</summary>
public sealed class RuntimeOnlyFix : LiteralFixBase
{
    protected override async Task<bool> ShouldRegisterAsync(CodeFixContext context)
    {
        var compilation = await context.Document.Project.GetCompilationAsync(context.CancellationToken).ConfigureAwait(false);
        return compilation?.GetTypeByMetadataName("SessionSafety.DraftGuard") is not null;
    }
}

/// <summary>Fixes one at a time with 43, but its Fix All writes 44.</summary>
public sealed class InconsistentFixAllFix : LiteralFixBase
{
    public override FixAllProvider? GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        foreach (var diagnostic in diagnostics.OrderByDescending(d => d.Location.SourceSpan.Start))
        {
            document = await ReplaceAsync(document, diagnostic, "44", context.CancellationToken).ConfigureAwait(false);
        }

        return document;
    });
}
