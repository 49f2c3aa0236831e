using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS004;

/// <summary>
/// SESS004: what a piece of cookie configuration does about the redirects — it sets
/// <c>Events.OnRedirectToLogin</c>/<c>OnRedirectToAccessDenied</c>, or sets <c>Events</c>/<c>EventsType</c> to a
/// type that overrides <c>RedirectToLogin</c>/<c>RedirectToAccessDenied</c> — including in the methods of the
/// compilation it hands the options (or their events) to.
/// </summary>
internal static class EventHandlers
{
    /// <summary>How deep helper methods are followed (a helper that calls a helper …).</summary>
    private const int MaxDepth = 4;

    /// <summary>
    /// What <paramref name="body"/> sets. Methods of the compilation it passes cookie options or events to are
    /// added to <paramref name="helpers"/>; their bodies are read later, when the answer is needed (<see cref="OfMethods"/>).
    /// </summary>
    public static HandledRedirects Scan(IOperation body, CookieTypes types, ICollection<IMethodSymbol> helpers)
    {
        var handled = HandledRedirects.None;
        foreach (var operation in SelfAndDescendants(body))
        {
            switch (operation)
            {
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment:
                    handled |= OfAssignment(target, assignment.Value, types);
                    break;

                case IInvocationOperation invocation when IsInSource(invocation.TargetMethod) && PassesCookieConfiguration(invocation, types):
                    helpers.Add(invocation.TargetMethod.OriginalDefinition);
                    break;
            }
        }

        return handled;
    }

    /// <summary>What an events type handles: its overrides of the redirect methods, or handlers its constructors set.</summary>
    public static HandledRedirects OfEventsType(ITypeSymbol? type, CookieTypes types)
    {
        var handled = HandledRedirects.None;
        for (var current = type as INamedTypeSymbol; current is not null && !current.IsType(types.CookieEvents); current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                switch (member)
                {
                    case IMethodSymbol { IsOverride: true, Name: "RedirectToLogin" }:
                        handled |= HandledRedirects.Login;
                        break;
                    case IMethodSymbol { IsOverride: true, Name: "RedirectToAccessDenied" }:
                        handled |= HandledRedirects.AccessDenied;
                        break;
                    case IMethodSymbol { MethodKind: MethodKind.Constructor } constructor:
                        handled |= AssignedInConstructor(constructor);
                        break;
                }
            }
        }

        return handled;
    }

    /// <summary>
    /// What <paramref name="methods"/> (helpers, options classes' configure methods) set, following the helpers
    /// they call in turn. Reads their bodies through the compilation's semantic models: only asked at compilation
    /// end, for schemes that would otherwise be reported.
    /// </summary>
    public static HandledRedirects OfMethods(Compilation compilation, IEnumerable<IMethodSymbol> methods, CookieTypes types, CancellationToken cancellationToken)
    {
        var handled = HandledRedirects.None;
        var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var pending = new List<IMethodSymbol>(methods);
        for (var depth = 0; depth < MaxDepth && pending.Count > 0; depth++)
        {
            var next = new List<IMethodSymbol>();
            foreach (var method in pending)
            {
                if (!visited.Add(method))
                {
                    continue;
                }

                // Most helpers and options classes can be read from their syntax alone; only those that set
                // Events/EventsType or hand a parameter on are bound.
                if (FromSyntax(method, cancellationToken) is { } known)
                {
                    handled |= known;
                    continue;
                }

                if (Body(compilation, method, cancellationToken) is { } body)
                {
                    handled |= Scan(body, types, next);
                }
            }

            pending = next;
        }

        return handled;
    }

    private static HandledRedirects OfAssignment(IPropertyReferenceOperation target, IOperation value, CookieTypes types)
    {
        // EventsType is declared on the base options class: the instance tells whose it is.
        var property = target.Property;
        var onCookieOptions = (target.Instance?.Type ?? property.ContainingType).DerivesFromOrIs(types.CookieOptions);
        switch (property.Name)
        {
            case "OnRedirectToLogin" when property.ContainingType.DerivesFromOrIs(types.CookieEvents):
                return HandledRedirects.Login;
            case "OnRedirectToAccessDenied" when property.ContainingType.DerivesFromOrIs(types.CookieEvents):
                return HandledRedirects.AccessDenied;
            case "Events" when onCookieOptions:
                return OfEventsType(value.WalkDownConversions().Type, types);
            case "EventsType" when onCookieOptions && value.WalkDownConversions() is ITypeOfOperation typeOf:
                return OfEventsType(typeOf.TypeOperand, types);
            default:
                return HandledRedirects.None;
        }
    }

    private static bool PassesCookieConfiguration(IInvocationOperation invocation, CookieTypes types)
    {
        foreach (var argument in invocation.Arguments)
        {
            var type = argument.Value.WalkDownConversions().Type;
            if (type.DerivesFromOrIs(types.CookieOptions) || type.DerivesFromOrIs(types.CookieEvents))
            {
                return true;
            }
        }

        return invocation.Instance?.Type is { } instance
            && (instance.DerivesFromOrIs(types.CookieOptions) || instance.DerivesFromOrIs(types.CookieEvents));
    }

    private static IEnumerable<IOperation> SelfAndDescendants(IOperation operation)
    {
        yield return operation;
        foreach (var descendant in operation.DescendantsDepthFirst())
        {
            yield return descendant;
        }
    }

    private static bool IsInSource(IMethodSymbol method) => !method.DeclaringSyntaxReferences.IsEmpty;

    /// <summary>
    /// What a method sets when its syntax tells: handlers assigned by name (<c>….OnRedirectToLogin = …</c>), and
    /// no <c>Events</c>/<c>EventsType</c> assignment or call that hands one of its parameters on (those need the
    /// types: null).
    /// </summary>
    private static HandledRedirects? FromSyntax(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var parameters = new HashSet<string>(method.Parameters.Select(p => p.Name));
        var handled = HandledRedirects.None;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                switch (node)
                {
                    case AssignmentExpressionSyntax { Left: var left }:
                        switch (RightmostName(left))
                        {
                            case "OnRedirectToLogin":
                                handled |= HandledRedirects.Login;
                                break;
                            case "OnRedirectToAccessDenied":
                                handled |= HandledRedirects.AccessDenied;
                                break;
                            case "Events" or "EventsType":
                                return null;
                        }

                        break;

                    case ArgumentSyntax { Expression: var argument } when parameters.Contains(LeftmostName(argument) ?? string.Empty):
                        return null;

                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } when parameters.Contains(LeftmostName(access.Expression) ?? string.Empty):
                        return null;
                }
            }
        }

        return handled;
    }

    private static string? RightmostName(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        _ => null,
    };

    private static string? LeftmostName(ExpressionSyntax expression)
    {
        while (expression is MemberAccessExpressionSyntax access)
        {
            expression = access.Expression;
        }

        return expression is IdentifierNameSyntax identifier ? identifier.Identifier.ValueText : null;
    }

    /// <summary>Handlers a constructor sets (<c>OnRedirectToLogin = …</c>), read from its syntax: the type may be in another file.</summary>
    private static HandledRedirects AssignedInConstructor(IMethodSymbol constructor)
    {
        var handled = HandledRedirects.None;
        foreach (var reference in constructor.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax().DescendantNodes())
            {
                if (node is AssignmentExpressionSyntax { Left: var left })
                {
                    var name = left switch
                    {
                        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                        _ => null,
                    };
                    handled |= name switch
                    {
                        "OnRedirectToLogin" => HandledRedirects.Login,
                        "OnRedirectToAccessDenied" => HandledRedirects.AccessDenied,
                        _ => HandledRedirects.None,
                    };
                }
            }
        }

        return handled;
    }

    private static IOperation? Body(Compilation compilation, IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            SyntaxNode? body = syntax switch
            {
                BaseMethodDeclarationSyntax declaration => (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody?.Expression,
                LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody?.Expression,
                _ => null,
            };
            if (body is null || !compilation.ContainsSyntaxTree(body.SyntaxTree))
            {
                continue;
            }

#pragma warning disable RS1030 // The helper lives in another member (often another file); asked once per helper at compilation end.
            var model = compilation.GetSemanticModel(body.SyntaxTree);
#pragma warning restore RS1030
            if (model.GetOperation(body, cancellationToken) is { } operation)
            {
                return operation;
            }
        }

        return null;
    }
}
