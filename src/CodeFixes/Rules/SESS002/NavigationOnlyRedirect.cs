using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using SessionSafety.Analyzers;
using SessionSafety.Analyzers.Rules.SESS002;
using SessionSafety.CodeFixes.Internal;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;
using Kinds = SessionSafety.Analyzers.Rules.SESS002.SESS002LoginRedirectDiscardsInputAnalyzer.PayloadKinds;

namespace SessionSafety.CodeFixes.Rules.SESS002;

/// <summary>
/// SESS002's fix for context (d), "Answer 401 to requests that are not page navigations": a filter's
/// <c>context.Result = redirect</c> becomes <c>navigation ? redirect : (signed in ? Forbid : Unauthorized)</c>,
/// and a middleware's <c>Response.Redirect(…)</c> statement runs for navigations only, the others getting
/// 401 (403 for a signed-in user). A navigation is a GET that no script sent (<c>X-Requested-With</c>);
/// the client of a form post or a script call then sees the status and can keep its draft. No fix for
/// <c>UseStatusCodePagesWithRedirects</c>: there is no code of the app's to change.
/// </summary>
internal static class NavigationOnlyRedirect
{
    /// <summary>Makes the edit of one plan (plans never overlap: each replaces its own redirect or statement).</summary>
    public static void Apply(DocumentEditor editor, SESS002LoginRedirectDiscardsInputCodeFix.NavigationOnlyPlan plan) =>
        editor.ReplaceNode(plan.Node, (current, _) => plan.Replace(current).WithAdditionalAnnotations(Formatter.Annotation));

    /// <summary>What to change for a (d) diagnostic; null for other contexts, for <c>UseStatusCodePagesWithRedirects</c>, and without ASP.NET Core's types.</summary>
    public static SESS002LoginRedirectDiscardsInputCodeFix.NavigationOnlyPlan? Plan(SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (diagnostic.Location.SourceTree != model.SyntaxTree
            || model.Compilation.GetTypeByMetadataName(KnownTypes.HttpMethods) is null
            || !diagnostic.Properties.TryGetValue(SESS002LoginRedirectDiscardsInputAnalyzer.PayloadKindProperty, out var kind)
            || kind is not (Kinds.Filter or Kinds.Middleware or Kinds.StatusCodePages))
        {
            return null;
        }

        var root = model.SyntaxTree.GetRoot(cancellationToken);
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node is not ExpressionSyntax redirect || node.Span != diagnostic.Location.SourceSpan)
        {
            return null;
        }

        var position = redirect.SpanStart;
        var methods = TypeNames.Shortest(model, position, model.Compilation.GetTypeByMetadataName(KnownTypes.HttpMethods)!);
        return kind == Kinds.Filter
            ? FilterPlan(model, redirect, methods, position)
            : MiddlewarePlan(model, redirect, methods, position, cancellationToken);
    }

    /// <summary><c>context.Result = redirect</c> (the redirect possibly one arm of a conditional or switch): the redirect for navigations only.</summary>
    private static SESS002LoginRedirectDiscardsInputCodeFix.NavigationOnlyPlan? FilterPlan(SemanticModel model, ExpressionSyntax redirect, string methods, int position)
    {
        if (FilterContextOf(redirect) is not { } filterContext
            || model.Compilation.GetTypeByMetadataName(KnownTypes.ForbidResult) is not { } forbid
            || model.Compilation.GetTypeByMetadataName(KnownTypes.UnauthorizedResult) is not { } unauthorized
            || model.Compilation.GetTypeByMetadataName(KnownTypes.IActionResult) is not { } actionResult)
        {
            return null;
        }

        var http = $"{filterContext.WithoutTrivia()}.HttpContext";
        var fallback = $"{http}.User.Identity?.IsAuthenticated == true"
            + $" ? ({TypeNames.Shortest(model, position, actionResult)})new {TypeNames.Shortest(model, position, forbid)}()"
            + $" : new {TypeNames.Shortest(model, position, unauthorized)}()";
        var navigation = Navigation(http, methods);
        var bare = redirect.Parent is AssignmentExpressionSyntax or SwitchExpressionArmSyntax;
        return new SESS002LoginRedirectDiscardsInputCodeFix.NavigationOnlyPlan(redirect, current =>
        {
            var conditional = ParseExpression($"{navigation} ? {current.WithoutTrivia()} : {fallback}");
            return (bare ? conditional : ParenthesizedExpression(conditional)).WithTriviaFrom(current);
        });
    }

    /// <summary>A statement <c>X.Response.Redirect(…);</c>: kept for navigations, 401/403 for the rest.</summary>
    private static SESS002LoginRedirectDiscardsInputCodeFix.NavigationOnlyPlan? MiddlewarePlan(SemanticModel model, ExpressionSyntax redirect, string methods, int position, CancellationToken cancellationToken)
    {
        if (redirect is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Redirect", Expression: var response } }
            || redirect.Parent is not ExpressionStatementSyntax statement
            || model.Compilation.GetTypeByMetadataName(KnownTypes.StatusCodes) is not { } statusCodes)
        {
            return null;
        }

        // context.Response.Redirect(…): the context itself; any other response: its HttpContext.
        var httpContext = model.Compilation.GetTypeByMetadataName(KnownTypes.HttpContext);
        var http = response is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Response", Expression: var owner }
            && SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(owner, cancellationToken).Type, httpContext)
                ? owner.WithoutTrivia().ToString()
                : $"{response.WithoutTrivia()}.HttpContext";
        var codes = TypeNames.Shortest(model, position, statusCodes);
        var otherwise = ParseStatement(
            $"{http}.Response.StatusCode = {http}.User.Identity?.IsAuthenticated == true ? {codes}.Status403Forbidden : {codes}.Status401Unauthorized;");
        var navigation = ParseExpression(Navigation(http, methods));
        var inBlock = statement.Parent is BlockSyntax or SwitchSectionSyntax;
        return new SESS002LoginRedirectDiscardsInputCodeFix.NavigationOnlyPlan(statement, current =>
        {
            var choice = IfStatement(navigation, Block(((StatementSyntax)current).WithoutTrivia()), ElseClause(Block(otherwise)));
            return (inBlock ? (StatementSyntax)choice : Block(choice)).WithTriviaFrom(current);
        });
    }

    /// <summary>A page navigation: a GET that no script sent.</summary>
    private static string Navigation(string http, string methods) =>
        $"{methods}.IsGet({http}.Request.Method) && {http}.Request.Headers[\"X-Requested-With\"] != \"XMLHttpRequest\"";

    /// <summary>The filter context of <c>context.Result = …</c> holding the redirect, through parentheses, casts and the arms of conditionals and switches.</summary>
    private static ExpressionSyntax? FilterContextOf(ExpressionSyntax redirect)
    {
        SyntaxNode child = redirect;
        for (var parent = redirect.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case ParenthesizedExpressionSyntax or CastExpressionSyntax or SwitchExpressionArmSyntax:
                case ConditionalExpressionSyntax conditional when child != conditional.Condition:
                case SwitchExpressionSyntax switchExpression when child != switchExpression.GoverningExpression:
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.CoalesceExpression):
                    continue;

                case AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } target } assignment
                    when child == assignment.Right:
                    return target.Expression;

                default:
                    return null;
            }
        }

        return null;
    }

}
