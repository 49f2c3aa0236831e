using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace SessionSafety.CodeFixes.Internal;

/// <summary>Small syntax decisions every fix makes the same way.</summary>
internal static class FixSyntax
{
    /// <summary>
    /// Whether the document is generated code, which a fix cannot edit: a source-generated document, or
    /// Razor's output (<c>…_razor.g.cs</c>, <c>…_cshtml.g.cs</c>). The rule pages say how to fix Razor markup by hand.
    /// </summary>
    public static bool IsGenerated(Document document) =>
        document is SourceGeneratedDocument
        || (document.FilePath is { } path
            && (path.EndsWith("_razor.g.cs", StringComparison.OrdinalIgnoreCase) || path.EndsWith("_cshtml.g.cs", StringComparison.OrdinalIgnoreCase)));

    /// <summary><paramref name="expression"/> as the receiver of a member access: in parentheses unless it binds tighter already.</summary>
    public static ExpressionSyntax Parenthesize(ExpressionSyntax expression) =>
        expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax
            or ParenthesizedExpressionSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax or ThisExpressionSyntax or PredefinedTypeSyntax
            ? expression
            : ParenthesizedExpression(expression);

    /// <summary><c>receiver.name</c>, the receiver parenthesized when it needs to be.</summary>
    public static MemberAccessExpressionSyntax MemberAccess(ExpressionSyntax receiver, string name) =>
        MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesize(receiver), IdentifierName(name));
}
