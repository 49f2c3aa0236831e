using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using SessionSafety.Analyzers;
using SessionSafety.Analyzers.Internal;
using SessionSafety.Analyzers.Rules.SESS002;
using SessionSafety.CodeFixes.Internal;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;
using Kinds = SessionSafety.Analyzers.Rules.SESS002.SESS002LoginRedirectDiscardsInputAnalyzer.PayloadKinds;

namespace SessionSafety.CodeFixes.Rules.SESS002;

/// <summary>
/// SESS002 fix "Store the input as a draft before redirecting": inserts, right before the statement
/// that redirects, <c>await DraftStore.Default.SaveAsync("Type.Member", payload);</c> (or the
/// synchronous <c>Save</c> where the code cannot await). The payload is the save call's data, the
/// request's content, or the action's bound inputs; the key is the one SESS001's fix gives the same
/// member's save, so the draft and the guarded save agree. For a filter or middleware (context (d)),
/// which has no input in hand, the second action "Answer 401 to requests that are not page navigations"
/// (<see cref="NavigationOnlyRedirect"/>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SESS002LoginRedirectDiscardsInputCodeFix)), Shared]
public sealed class SESS002LoginRedirectDiscardsInputCodeFix : SessionSafetyCodeFix<SESS002LoginRedirectDiscardsInputCodeFix.RedirectPlan>
{
    public SESS002LoginRedirectDiscardsInputCodeFix()
        : base(
            DiagnosticIds.LoginRedirectDiscardsInput,
            ("Store the input as a draft before redirecting", FixEquivalenceKeys.StoreDraftBeforeRedirect),
            ("Answer 401 to requests that are not page navigations", FixEquivalenceKeys.AnswerUnauthorizedToNonNavigations))
    {
    }

    /// <summary>Plans that share an anchor go in before it together, each distinct save once, in the order of their redirects; (d)'s plans each replace their own node.</summary>
    private protected override void Apply(DocumentEditor editor, IReadOnlyList<RedirectPlan> plans)
    {
        foreach (var plan in plans.OfType<NavigationOnlyPlan>())
        {
            NavigationOnlyRedirect.Apply(editor, plan);
        }

        foreach (var group in plans.OfType<DraftPlan>().GroupBy(p => p.Anchor))
        {
            var saves = new List<StatementSyntax>();
            var seen = new HashSet<string>();
            foreach (var plan in group.OrderBy(p => p.Redirect.SpanStart))
            {
                var save = plan.Save;
                if (seen.Add(save.NormalizeWhitespace().ToFullString()))
                {
                    saves.Add(save);
                }
            }

            Insert(editor, group.Key, group.First().AnchorKind, saves, group.First().ReturnsValue);
        }
    }

    private protected override string? NamespaceToImport(RedirectPlan plan) => plan is DraftPlan { NeedsUsing: true } ? "SessionSafety" : null;

    private static void Insert(DocumentEditor editor, SyntaxNode anchor, AnchorKind kind, List<StatementSyntax> saves, bool returnsValue)
    {
        switch (kind)
        {
            case AnchorKind.StatementInList:
                var first = saves[0].WithLeadingTrivia(anchor.GetLeadingTrivia());
                var rest = saves.Skip(1).ToList();
                editor.InsertBefore(anchor, new[] { first }.Concat(rest));
                editor.ReplaceNode(anchor, (current, _) => current.WithLeadingTrivia(ElasticMarker).WithAdditionalAnnotations(Formatter.Annotation));
                break;

            case AnchorKind.EmbeddedStatement:
                editor.ReplaceNode(anchor, (current, _) =>
                    MultiLineBlock(saves.Concat(new[] { ((StatementSyntax)current).WithoutTrivia() }))
                        .WithTriviaFrom(current)
                        .WithAdditionalAnnotations(Formatter.Annotation));
                break;

            case AnchorKind.ArrowBody:
                editor.ReplaceNode(anchor.Parent!, (current, _) => WithBlockBody(current, saves, returnsValue));
                break;

            case AnchorKind.LambdaBody:
                editor.ReplaceNode(anchor.Parent!, (current, _) =>
                {
                    var lambda = (AnonymousFunctionExpressionSyntax)current;
                    var body = (ExpressionSyntax)lambda.ExpressionBody!;
                    return lambda.WithExpressionBody(null)
                        .WithBlock(MultiLineBlock(saves.Concat(new[] { Final(body.WithoutTrivia(), returnsValue) })))
                        .WithAdditionalAnnotations(Formatter.Annotation);
                });
                break;
        }
    }

    private static SyntaxNode WithBlockBody(SyntaxNode member, List<StatementSyntax> saves, bool returnsValue)
    {
        BlockSyntax Body(ArrowExpressionClauseSyntax arrow) =>
            MultiLineBlock(saves.Concat(new[] { Final(arrow.Expression.WithoutTrivia(), returnsValue) }));

        SyntaxTriviaList Trailing(SyntaxToken semicolon) => semicolon.TrailingTrivia;

        SyntaxNode result = member switch
        {
            MethodDeclarationSyntax method when method.ExpressionBody is { } arrow =>
                method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Body(arrow)).WithTrailingTrivia(Trailing(method.SemicolonToken)),
            LocalFunctionStatementSyntax local when local.ExpressionBody is { } arrow =>
                local.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Body(arrow)).WithTrailingTrivia(Trailing(local.SemicolonToken)),
            AccessorDeclarationSyntax accessor when accessor.ExpressionBody is { } arrow =>
                accessor.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Body(arrow)).WithTrailingTrivia(Trailing(accessor.SemicolonToken)),
            _ => member,
        };

        return result.WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>A block whose statements each go on their own line (the formatter keeps one-line blocks as they are).</summary>
    private static BlockSyntax MultiLineBlock(IEnumerable<StatementSyntax> statements) =>
        Block(
            Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(ElasticCarriageReturnLineFeed),
            List(statements.Select(s => s.WithTrailingTrivia(ElasticCarriageReturnLineFeed))),
            Token(SyntaxKind.CloseBraceToken));

    private static StatementSyntax Final(ExpressionSyntax expression, bool returnsValue) =>
        returnsValue ? ReturnStatement(expression) : ExpressionStatement(expression);

    /// <summary>What to insert and where, decided on the original document; null when the fix does not apply.</summary>
    private protected override RedirectPlan? Plan(SemanticModel model, Diagnostic diagnostic, string equivalenceKey, CancellationToken cancellationToken) =>
        equivalenceKey == FixEquivalenceKeys.AnswerUnauthorizedToNonNavigations
            ? NavigationOnlyRedirect.Plan(model, diagnostic, cancellationToken)
            : DraftPlanFor(model, diagnostic, cancellationToken);

    /// <summary>The draft save, offered only when the runtime's draft store is referenced.</summary>
    private static DraftPlan? DraftPlanFor(SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = model.SyntaxTree.GetRoot(cancellationToken);
        if (diagnostic.Location.SourceTree != model.SyntaxTree
            || model.Compilation.GetTypeByMetadataName(KnownTypes.DraftStore) is null
            || model.Compilation.GetTypeByMetadataName(KnownTypes.DraftStoreExtensions) is null)
        {
            return null;
        }

        var redirect = FindRedirect(root, diagnostic.Location.SourceSpan);
        if (redirect is null || FindAnchor(redirect) is not { } anchor)
        {
            return null;
        }

        var position = anchor.Node.SpanStart;
        var canAwait = CanAwait(anchor.Node);
        var payload = Payload(model, diagnostic, position, canAwait, cancellationToken);
        if (payload is null)
        {
            return null;
        }

        if (!diagnostic.Properties.TryGetValue(DraftKeys.Property, out var key) || key is null)
        {
            return null;
        }

        var returnsValue = anchor.Kind is AnchorKind.ArrowBody or AnchorKind.LambdaBody && ReturnsValue(anchor.Node.Parent!, model, cancellationToken);
        // SaveAsync/Save are extension methods in the runtime's namespace: it is imported unless it already is.
        var store = TypeNames.ImportedOrQualified(model, position, model.Compilation.GetTypeByMetadataName(KnownTypes.DraftStore)!);
        var needsUsing = !TypeNames.IsVisible(model, position, model.Compilation.GetTypeByMetadataName(KnownTypes.DraftStoreExtensions)!);
        return new DraftPlan(redirect, anchor.Node, anchor.Kind, SaveStatement(key, payload, canAwait, store), returnsValue, needsUsing);
    }

    private static ExpressionSyntax? FindRedirect(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        for (var node = root.FindToken(span.Start).Parent; node is not null; node = node.Parent)
        {
            if (node.Span == span && node is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax)
            {
                return (ExpressionSyntax)node;
            }

            if (node.Span.Length > span.Length)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// Where the save goes: before the statement that evaluates the redirect unconditionally, or into
    /// an expression body turned into a block. None when the redirect is only one arm of an expression.
    /// </summary>
    private static (SyntaxNode Node, AnchorKind Kind)? FindAnchor(ExpressionSyntax redirect)
    {
        SyntaxNode child = redirect;
        for (var parent = redirect.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case ConditionalExpressionSyntax conditional when child != conditional.Condition:
                case BinaryExpressionSyntax binary when child == binary.Right
                    && binary.Kind() is SyntaxKind.CoalesceExpression or SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression:
                case ConditionalAccessExpressionSyntax access when child == access.WhenNotNull:
                case SwitchExpressionArmSyntax:
                case AnonymousMethodExpressionSyntax:
                    return null;

                case AnonymousFunctionExpressionSyntax lambda when child == lambda.ExpressionBody:
                    return (child, AnchorKind.LambdaBody);

                case ArrowExpressionClauseSyntax arrow when arrow.Parent is MethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax:
                    return (arrow, AnchorKind.ArrowBody);

                case ArrowExpressionClauseSyntax:
                    return null;

                case StatementSyntax statement:
                    while (statement.Parent is LabeledStatementSyntax labeled)
                    {
                        statement = labeled;
                    }

                    return statement.Parent switch
                    {
                        BlockSyntax or SwitchSectionSyntax => (statement, AnchorKind.StatementInList),
                        IfStatementSyntax or ElseClauseSyntax or WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax
                            or CommonForEachStatementSyntax or UsingStatementSyntax or LockStatementSyntax or FixedStatementSyntax => (statement, AnchorKind.EmbeddedStatement),
                        _ => null,
                    };
            }
        }

        return null;
    }

    /// <summary>Whether an <c>await</c> is allowed where the save goes: an async function, not inside a lock.</summary>
    private static bool CanAwait(SyntaxNode anchor)
    {
        for (var node = anchor.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case LockStatementSyntax:
                    return false;
                case AnonymousFunctionExpressionSyntax lambda:
                    return lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                case LocalFunctionStatementSyntax local:
                    return local.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MethodDeclarationSyntax method:
                    return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MemberDeclarationSyntax or AccessorDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    private static bool ReturnsValue(SyntaxNode owner, SemanticModel model, CancellationToken cancellationToken)
    {
        var symbol = owner switch
        {
            AnonymousFunctionExpressionSyntax lambda => model.GetSymbolInfo(lambda, cancellationToken).Symbol as IMethodSymbol,
            _ => model.GetDeclaredSymbol(owner, cancellationToken) as IMethodSymbol,
        };
        if (symbol is null || symbol.ReturnsVoid)
        {
            return false;
        }

        if (symbol.IsAsync && symbol.ReturnType is INamedTypeSymbol { Arity: 0, Name: "Task" or "ValueTask" })
        {
            return false;
        }

        return true;
    }

    private static ExpressionSyntax? Payload(SemanticModel model, Diagnostic diagnostic, int position, bool canAwait, CancellationToken cancellationToken)
    {
        var properties = diagnostic.Properties;
        properties.TryGetValue(SESS002LoginRedirectDiscardsInputAnalyzer.PayloadKindProperty, out var kind);
        properties.TryGetValue(SESS002LoginRedirectDiscardsInputAnalyzer.PayloadTextProperty, out var text);

        switch (kind)
        {
            case Kinds.Value:
                return SourcePayload(model, diagnostic, cancellationToken) is { } value && Reusable(value, model, position, cancellationToken)
                    ? NonNullText(value, model, cancellationToken)
                    : null;

            case Kinds.Content:
            {
                if (SourcePayload(model, diagnostic, cancellationToken) is not { } content)
                {
                    return null;
                }

                if (ContentValue(content, model, cancellationToken) is { } inner)
                {
                    return Reusable(inner, model, position, cancellationToken) ? NonNullText(inner, model, cancellationToken) : null;
                }

                return canAwait && IsReference(content) && Reusable(content, model, position, cancellationToken)
                    ? AwaitExpression(ReadAsString(content.WithoutTrivia()))
                    : null;
            }

            case Kinds.Request:
                return canAwait && SourcePayload(model, diagnostic, cancellationToken) is { } request && IsReference(request)
                    && Reusable(request, model, position, cancellationToken)
                    ? RequestContent(request.WithoutTrivia())
                    : null;

            case Kinds.Handler:
                return canAwait && !string.IsNullOrEmpty(text) ? RequestContent(IdentifierName(text!)) : null;

            case Kinds.Form:
                return string.IsNullOrEmpty(text) ? null : FormPayload(text!.Split(','), model, position);

            default:
                return null;
        }
    }

    private static ExpressionSyntax? SourcePayload(SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (diagnostic.AdditionalLocations.Count == 0 || diagnostic.AdditionalLocations[0].SourceTree != model.SyntaxTree)
        {
            return null;
        }

        var span = diagnostic.AdditionalLocations[0].SourceSpan;
        var node = model.SyntaxTree.GetRoot(cancellationToken).FindNode(span, getInnermostNodeForTie: true);
        return node as ExpressionSyntax ?? (node as ArgumentSyntax)?.Expression;
    }

    /// <summary><c>JsonContent.Create(x)</c>, <c>new StringContent(x)</c>: the user's data is <c>x</c>.</summary>
    private static ExpressionSyntax? ContentValue(ExpressionSyntax content, SemanticModel model, CancellationToken cancellationToken)
    {
        switch (model.GetOperation(content, cancellationToken))
        {
            case Microsoft.CodeAnalysis.Operations.IInvocationOperation { TargetMethod: { Name: "Create", ContainingType.Name: "JsonContent" } } create
                when create.Arguments.Length > 0 && create.Arguments[0].Syntax is ArgumentSyntax argument:
                return argument.Expression;

            case Microsoft.CodeAnalysis.Operations.IObjectCreationOperation { Type.Name: "StringContent" or "FormUrlEncodedContent" } creation
                when creation.Arguments.Length > 0 && creation.Arguments[0].Syntax is ArgumentSyntax argument:
                return argument.Expression;

            default:
                return null;
        }
    }

    private static bool IsReference(ExpressionSyntax expression) =>
        expression is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax or ThisExpressionSyntax };

    /// <summary>
    /// Whether the expression can be evaluated again at the redirect: no calls, awaits or assignments,
    /// and every local or parameter it names is in scope there.
    /// </summary>
    private static bool Reusable(ExpressionSyntax expression, SemanticModel model, int position, CancellationToken cancellationToken)
    {
        foreach (var node in expression.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation when !IsNameOf(invocation, model, cancellationToken):
                case AwaitExpressionSyntax:
                case AssignmentExpressionSyntax when node.Parent is not InitializerExpressionSyntax and not AnonymousObjectMemberDeclaratorSyntax:
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression }:
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression }:
                case AnonymousFunctionExpressionSyntax:
                case QueryExpressionSyntax:
                case StackAllocArrayCreationExpressionSyntax:
                    return false;

                case IdentifierNameSyntax identifier:
                    var symbol = model.GetSymbolInfo(identifier, cancellationToken).Symbol;
                    if (symbol is ILocalSymbol or IParameterSymbol or IRangeVariableSymbol)
                    {
                        var visible = model.LookupSymbols(position, name: identifier.Identifier.ValueText);
                        if (!visible.Contains(symbol, SymbolEqualityComparer.Default))
                        {
                            return false;
                        }

                        if (symbol is ILocalSymbol local && local.DeclaringSyntaxReferences.Any(r => r.Span.Start >= position))
                        {
                            return false;
                        }
                    }

                    break;
            }
        }

        return true;
    }

    private static bool IsNameOf(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken) =>
        invocation.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" } && model.GetConstantValue(invocation, cancellationToken).HasValue;

    /// <summary>A string that may be null goes through the generic <c>SaveAsync&lt;T&gt;</c>'s string case; keep it non-null.</summary>
    private static ExpressionSyntax NonNullText(ExpressionSyntax original, SemanticModel model, CancellationToken cancellationToken)
    {
        var info = model.GetTypeInfo(original, cancellationToken);
        var expression = original.WithoutTrivia();
        if (info.Type?.SpecialType == SpecialType.System_String && info.Nullability.FlowState == NullableFlowState.MaybeNull)
        {
            return BinaryExpression(
                SyntaxKind.CoalesceExpression,
                expression,
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, PredefinedType(Token(SyntaxKind.StringKeyword)), IdentifierName("Empty")));
        }

        return expression;
    }

    private static InvocationExpressionSyntax ReadAsString(ExpressionSyntax content) =>
        InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, FixSyntax.Parenthesize(content), IdentifierName("ReadAsStringAsync")));

    /// <summary><c>request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync()</c>.</summary>
    private static ExpressionSyntax RequestContent(ExpressionSyntax request)
    {
        var content = MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, FixSyntax.Parenthesize(request), IdentifierName("Content"));
        return ConditionalExpression(
            IsPatternExpression(content, ConstantPattern(LiteralExpression(SyntaxKind.NullLiteralExpression))),
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, PredefinedType(Token(SyntaxKind.StringKeyword)), IdentifierName("Empty")),
            AwaitExpression(ReadAsString(content)));
    }

    /// <summary>One input as itself; several as an anonymous object of them.</summary>
    private static ExpressionSyntax? FormPayload(string[] inputs, SemanticModel model, int position)
    {
        var expressions = new List<(string Name, ExpressionSyntax Expression)>();
        foreach (var input in inputs.Select(i => i.Trim()).Where(i => i.Length > 0))
        {
            if (ParseExpression(input) is not { ContainsDiagnostics: false } parsed)
            {
                return null;
            }

            if (parsed is IdentifierNameSyntax identifier && IsShadowed(identifier.Identifier.ValueText, model, position))
            {
                parsed = MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, ThisExpression(), identifier);
            }

            var name = parsed switch
            {
                IdentifierNameSyntax id => id.Identifier.ValueText,
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                _ => "Input" + expressions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            expressions.Add((name, parsed));
        }

        if (expressions.Count == 0)
        {
            return null;
        }

        if (expressions.Count == 1)
        {
            return expressions[0].Expression;
        }

        return AnonymousObjectCreationExpression(SeparatedList(expressions.Select(e =>
            e.Expression is IdentifierNameSyntax
                ? AnonymousObjectMemberDeclarator(e.Expression)
                : AnonymousObjectMemberDeclarator(NameEquals(e.Name), e.Expression))));
    }

    /// <summary>A local of the same name hides the property or parameter at the insertion point.</summary>
    private static bool IsShadowed(string name, SemanticModel model, int position) =>
        model.LookupSymbols(position, name: name).Any(s => s is ILocalSymbol);

    private static StatementSyntax SaveStatement(string key, ExpressionSyntax payload, bool canAwait, string storeName)
    {
        var store = MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            ParseExpression(storeName),
            IdentifierName("Default"));
        var call = InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, store, IdentifierName(canAwait ? "SaveAsync" : "Save")),
            ArgumentList(SeparatedList(new[]
            {
                Argument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(key))),
                Argument(payload),
            })));
        ExpressionSyntax expression = canAwait ? AwaitExpression(call) : call;
        return ExpressionStatement(expression).WithAdditionalAnnotations(Formatter.Annotation);
    }

    public enum AnchorKind
    {
        StatementInList,
        EmbeddedStatement,
        ArrowBody,
        LambdaBody,
    }

    /// <summary>What one of the two actions changes for one diagnostic.</summary>
    public abstract record RedirectPlan;

    /// <summary>One draft save to insert: before which statement (the anchor), and how.</summary>
    public sealed record DraftPlan(ExpressionSyntax Redirect, SyntaxNode Anchor, AnchorKind AnchorKind, StatementSyntax Save, bool ReturnsValue, bool NeedsUsing) : RedirectPlan;

    /// <summary>Context (d): the node (a filter's redirect, a middleware's redirect statement) and what replaces it (<see cref="NavigationOnlyRedirect"/>).</summary>
    public sealed record NavigationOnlyPlan(SyntaxNode Node, System.Func<SyntaxNode, SyntaxNode> Replace) : RedirectPlan;
}
