using System.Collections.Generic;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using SessionSafety.Analyzers;
using SessionSafety.Analyzers.Internal;
using SessionSafety.Analyzers.Rules.SESS001;
using SessionSafety.CodeFixes.Internal;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace SessionSafety.CodeFixes.Rules.SESS001;

/// <summary>
/// SESS001 fix "Keep the draft until the save succeeds": wraps the save in the runtime's guard,
/// <c>DraftGuard.Default.SendAsync("Type.Member", payload, draft =&gt; client.PostAsJsonAsync(url, draft))</c>.
/// The payload is evaluated once, as before; the call's result type and behaviour on success are unchanged.
/// The analyzer hands over the draft key and the payload's argument in the diagnostic's properties.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SESS001SaveWithoutSessionHandlingCodeFix)), Shared]
public sealed class SESS001SaveWithoutSessionHandlingCodeFix : SessionSafetyCodeFix<SESS001SaveWithoutSessionHandlingCodeFix.GuardPlan>
{
    public SESS001SaveWithoutSessionHandlingCodeFix()
        : base(DiagnosticIds.SaveWithoutSessionHandling, ("Keep the draft until the save succeeds", FixEquivalenceKeys.KeepDraftUntilSaveSucceeds))
    {
    }

    private protected override bool IsAvailable(Compilation compilation) => compilation.GetTypeByMetadataName(KnownTypes.DraftGuard) is not null;

    private protected override GuardPlan? Plan(SemanticModel model, Diagnostic diagnostic, string equivalenceKey, CancellationToken cancellationToken)
    {
        if (diagnostic.Location.SourceTree != model.SyntaxTree
            || !diagnostic.Properties.TryGetValue(DraftKeys.Property, out var key) || key is null
            || !diagnostic.Properties.TryGetValue(SESS001SaveWithoutSessionHandlingAnalyzer.PayloadArgumentProperty, out var argumentText)
            || !int.TryParse(argumentText, NumberStyles.None, CultureInfo.InvariantCulture, out var argumentIndex)
            || model.SyntaxTree.GetRoot(cancellationToken).FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation
            || argumentIndex >= invocation.ArgumentList.Arguments.Count)
        {
            return null;
        }

        var guard = model.Compilation.GetTypeByMetadataName(KnownTypes.DraftGuard)!;
        return new GuardPlan(
            invocation,
            argumentIndex,
            key,
            FreeName(model, invocation.SpanStart, "draft"),
            TypeNames.ImportedOrQualified(model, invocation.SpanStart, guard),
            NeedsUsing: TypeNames.IsFree(model, invocation.SpanStart, guard));
    }

    private protected override void Apply(DocumentEditor editor, IReadOnlyList<GuardPlan> plans)
    {
        // Innermost first, so that a save nested in another save's arguments is rewritten before its parent.
        foreach (var plan in plans.OrderByDescending(p => p.Invocation.SpanStart))
        {
            editor.ReplaceNode(plan.Invocation, (current, _) => Rewrite((InvocationExpressionSyntax)current, plan));
        }
    }

    private protected override string? NamespaceToImport(GuardPlan plan) => plan.NeedsUsing ? "SessionSafety" : null;

    private static InvocationExpressionSyntax Rewrite(InvocationExpressionSyntax current, GuardPlan plan)
    {
        var payload = current.ArgumentList.Arguments[plan.ArgumentIndex];
        var send = current
            .WithArgumentList(current.ArgumentList.WithArguments(
                current.ArgumentList.Arguments.Replace(payload, payload.WithExpression(IdentifierName(plan.ParameterName).WithTriviaFrom(payload.Expression)))))
            .WithoutLeadingTrivia()
            .WithoutTrailingTrivia();

        return InvocationExpression(
                MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, ParseExpression(plan.GuardName), IdentifierName("Default")),
                    IdentifierName("SendAsync")),
                ArgumentList(SeparatedList(new[]
                {
                    Argument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(plan.DraftKey))),
                    Argument(payload.Expression.WithoutTrivia()),
                    Argument(SimpleLambdaExpression(Parameter(Identifier(plan.ParameterName)), send)),
                })))
            .WithTriviaFrom(current)
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>A name nothing in scope has; looked up by name (listing every symbol in scope costs milliseconds).</summary>
    private static string FreeName(SemanticModel model, int position, string preferred)
    {
        var name = preferred;
        for (var i = 2; !model.LookupSymbols(position, name: name).IsEmpty; i++)
        {
            name = preferred + i.ToString(CultureInfo.InvariantCulture);
        }

        return name;
    }

    /// <summary>One save to wrap: where, which argument, under which key, with which names.</summary>
    public sealed record GuardPlan(InvocationExpressionSyntax Invocation, int ArgumentIndex, string DraftKey, string ParameterName, string GuardName, bool NeedsUsing);
}
