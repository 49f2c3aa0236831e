using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>
/// Decides whether a message handler handles an expired session (<see href="https://github.com/session-safety/SessionSafety/blob/main/docs/rules/SESS001.md">docs/rules/SESS001.md</see>, rule 4): the runtime's
/// recovery handler, a type listed in <c>session_safety.session_handlers</c>, or a
/// <c>DelegatingHandler</c> in the compilation whose <c>SendAsync</c> tests the status against 401/403.
/// </summary>
internal static class SessionAwareHandlers
{
    private static readonly SymbolDisplayFormat FullName = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces);

    /// <param name="sourceVerdicts">Per handler type of the compilation: whether its <c>SendAsync</c> tests 401/403 (read once per type).</param>
    public static bool IsSessionAware(HandlerRef handler, ImmutableArray<string> configured, HttpTypes types, Compilation compilation, Memo<INamedTypeSymbol, bool> sourceVerdicts)
    {
        if (handler.Type is not { } type)
        {
            return true;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            // The display name is made only when the option lists handlers (it is empty in most projects).
            if (current.IsType(types.SessionRecoveryHandler)
                || (!configured.IsEmpty && configured.Contains(current.OriginalDefinition.ToDisplayString(FullName))))
            {
                return true;
            }
        }

        return type.DerivesFromOrIs(types.DelegatingHandler) && sourceVerdicts.Get(type, compilation, static (handlerType, c) => TestsSessionStatus(handlerType, c));
    }

    private static bool TestsSessionStatus(INamedTypeSymbol type, Compilation compilation)
    {
        for (var current = type; current is not null && CompilationSource.Declares(compilation, current); current = current.BaseType)
        {
            foreach (var reference in current.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is not TypeDeclarationSyntax declaration)
                {
                    continue;
                }

                foreach (var method in declaration.Members.OfType<MethodDeclarationSyntax>())
                {
                    if (method.Identifier.ValueText is "SendAsync" or "Send"
                        && method.Modifiers.Any(SyntaxKind.OverrideKeyword)
                        && ContainsStatusTest(method))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>
    /// A syntactic test: the handler may live in another file than the save call, and this keeps the
    /// check free of semantic-model work. It looks for 401/403 inside a comparison, a pattern or a case.
    /// </summary>
    private static bool ContainsStatusTest(MethodDeclarationSyntax method)
    {
        foreach (var node in method.DescendantNodes())
        {
            var isCode = node switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText is "Unauthorized" or "Forbidden" or "Status401Unauthorized" or "Status403Forbidden",
                LiteralExpressionSyntax literal => literal.Token.Value is 401 or 403,
                _ => false,
            };

            if (isCode && node.Ancestors().TakeWhile(a => a != method).Any(IsComparison))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsComparison(SyntaxNode node) =>
        node.IsKind(SyntaxKind.EqualsExpression)
        || node.IsKind(SyntaxKind.NotEqualsExpression)
        || node.IsKind(SyntaxKind.IsPatternExpression)
        || node.IsKind(SyntaxKind.CaseSwitchLabel)
        || node.IsKind(SyntaxKind.CasePatternSwitchLabel)
        || node.IsKind(SyntaxKind.SwitchExpressionArm)
        || (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Equals" } });
}
