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

        // The call moves into a lambda: what a lambda cannot capture (a ref struct such as Span<T>, a ref
        // local, a ref/out/in parameter, a struct's this) would not compile there.
        var payload = invocation.ArgumentList.Arguments[argumentIndex].Expression;
        if (MovesWhatALambdaCannotCapture(model, invocation, payload, cancellationToken)
            || model.GetTypeInfo(payload, cancellationToken).Type is { IsRefLikeType: true })
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
            NeedsUsing: TypeNames.IsFree(model, invocation.SpanStart, guard),
            PayloadType: ExplicitPayloadType(model, invocation, payload, cancellationToken));
    }

    /// <summary>
    /// The guard's <c>TPayload</c>, written out when the payload cannot give it: a <c>null</c> or
    /// <c>default</c> literal, a lambda, a target-typed <c>new(…)</c> have no type of their own, so
    /// <c>SendAsync(key, null, …)</c> would not compile (CS0411). The call's own type argument when it has
    /// one (<c>PostAsJsonAsync&lt;Message?&gt;</c>), else the parameter's type. Null when inference works.
    /// </summary>
    private static string? ExplicitPayloadType(SemanticModel model, InvocationExpressionSyntax invocation, ExpressionSyntax payload, CancellationToken cancellationToken)
    {
        var payloadType = model.GetTypeInfo(payload, cancellationToken);
        if (HasTypeOfItsOwn(payload) && payloadType.Type is { TypeKind: not TypeKind.Error })
        {
            return null;
        }

        var name = invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name,
            MemberBindingExpressionSyntax binding => binding.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };

        if (name is GenericNameSyntax { TypeArgumentList.Arguments.Count: 1 } generic)
        {
            return generic.TypeArgumentList.Arguments[0].ToString();
        }

        return payloadType.ConvertedType is { TypeKind: not TypeKind.Error } converted
            ? converted.ToMinimalDisplayString(model, invocation.SpanStart)
            : null;
    }

    /// <summary>
    /// Whether an expression gives a type to infer from. The semantic model reports the target type for
    /// <c>default</c> and <c>new(…)</c>, so these are known by their syntax.
    /// </summary>
    private static bool HasTypeOfItsOwn(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    continue;
                case PostfixUnaryExpressionSyntax suppressed when suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    expression = suppressed.Operand;
                    continue;
                case LiteralExpressionSyntax literal:
                    return !literal.IsKind(SyntaxKind.NullLiteralExpression) && !literal.IsKind(SyntaxKind.DefaultLiteralExpression);
                case ImplicitObjectCreationExpressionSyntax:
                case AnonymousFunctionExpressionSyntax:
                case CollectionExpressionSyntax:
                    return false;
                case ConditionalExpressionSyntax conditional:
                    return HasTypeOfItsOwn(conditional.WhenTrue) || HasTypeOfItsOwn(conditional.WhenFalse);
                default:
                    return true;
            }
        }
    }

    /// <summary>Whether the call, but for its payload (which stays outside), reads something a lambda cannot capture.</summary>
    private static bool MovesWhatALambdaCannotCapture(SemanticModel model, InvocationExpressionSyntax invocation, ExpressionSyntax payload, CancellationToken cancellationToken)
    {
        var containingType = model.GetEnclosingSymbol(invocation.SpanStart, cancellationToken)?.ContainingType;
        var inStruct = containingType is { IsValueType: true };
        foreach (var node in invocation.DescendantNodes(descendIntoChildren: n => n != payload))
        {
            if (node == payload || node is not ExpressionSyntax expression)
            {
                continue;
            }

            if (inStruct && node is ThisExpressionSyntax or BaseExpressionSyntax)
            {
                return true;
            }

            if (node is not IdentifierNameSyntax)
            {
                continue;
            }

            if (model.GetTypeInfo(expression, cancellationToken).Type is { IsRefLikeType: true })
            {
                return true;
            }

            var symbol = model.GetSymbolInfo(expression, cancellationToken).Symbol;
            switch (symbol)
            {
                case ILocalSymbol { IsRef: true }:
                case IParameterSymbol { RefKind: not RefKind.None }:
                    return true;

                // A struct's own instance member named without a receiver reads this.
                case IFieldSymbol or IPropertySymbol or IMethodSymbol or IEventSymbol
                    when inStruct && !symbol.IsStatic && SymbolEqualityComparer.Default.Equals(symbol.ContainingType, containingType) && !IsAccessedName(expression):
                    return true;
            }
        }

        return false;
    }

    /// <summary>The name after a <c>.</c> or <c>?.</c>: it has a receiver of its own.</summary>
    private static bool IsAccessedName(ExpressionSyntax name) => name.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Name == name,
        MemberBindingExpressionSyntax binding => binding.Name == name,
        _ => false,
    };

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

        SimpleNameSyntax sendAsync = plan.PayloadType is null
            ? IdentifierName("SendAsync")
            : GenericName(Identifier("SendAsync"), TypeArgumentList(SingletonSeparatedList(ParseTypeName(plan.PayloadType))));
        return InvocationExpression(
                MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, ParseExpression(plan.GuardName), IdentifierName("Default")),
                    sendAsync),
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
    public sealed record GuardPlan(InvocationExpressionSyntax Invocation, int ArgumentIndex, string DraftKey, string ParameterName, string GuardName, bool NeedsUsing, string? PayloadType);
}
