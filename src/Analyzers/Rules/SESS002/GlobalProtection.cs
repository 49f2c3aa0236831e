using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS002;

/// <summary>
/// SESS002 context (c): what an app registers once for all its MVC actions and Razor Pages — an
/// authorization filter (<c>AuthorizeFilter</c> or another) or an antiforgery filter in
/// <c>MvcOptions.Filters</c>, <c>RequireAuthorization()</c> on the mapped controllers or pages, a fallback
/// authorization policy. Read once per compilation, on first need, from the few files that mention them
/// (a startup file, usually), each bound once.
/// </summary>
internal sealed class GlobalProtection
{
    private static readonly WordSet Markers = SourceWords.Register("Filters", "RequireAuthorization", "FallbackPolicy");

    /// <summary>Registers the markers with the word index when the analyzer is made (<see cref="SourceWords.Register"/> says why).</summary>
    internal static void RegisterMarkers() => _ = Markers;

    private GlobalProtection()
    {
    }

    /// <summary>Authorization runs before every controller action (unless it allows anonymous users).</summary>
    public bool AuthorizesControllers { get; private set; }

    /// <summary>Authorization runs before every Razor Pages handler (unless it allows anonymous users).</summary>
    public bool AuthorizesPages { get; private set; }

    /// <summary>A global authorization filter of the app's own (it runs whatever <c>[AllowAnonymous]</c> says).</summary>
    public bool HasAuthorizationFilter { get; private set; }

    /// <summary>An antiforgery filter validates every write request.</summary>
    public bool ValidatesAntiforgery { get; private set; }

    [MethodImpl(Jit.AggressiveOptimization)]
    public static GlobalProtection Build(Compilation compilation, EndpointProtection protection, CancellationToken cancellationToken)
    {
        var found = new GlobalProtection();
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!Markers.OccursIn(tree))
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                switch (node)
                {
                    case InvocationExpressionSyntax invocation when IsCandidate(invocation):
                        // One semantic model per file that registers something: a startup file or two per
                        // compilation, bound once and only when a write handler needs the answer.
#pragma warning disable RS1030 // The registrations live in other files than the action; this runs once per compilation.
                        model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                        found.Collect(invocation, model, protection, cancellationToken);
                        break;

                    case AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "FallbackPolicy" } or IdentifierNameSyntax { Identifier.ValueText: "FallbackPolicy" } } assignment
                        when !assignment.Right.IsKind(SyntaxKind.NullLiteralExpression):
#pragma warning disable RS1030 // As above.
                        model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                        if (model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is IPropertySymbol property
                            && property.ContainingType.IsType(protection.AuthorizationOptions))
                        {
                            found.AuthorizesControllers = found.AuthorizesPages = true;
                        }

                        break;
                }
            }
        }

        return found;
    }

    private static bool IsCandidate(InvocationExpressionSyntax invocation) => MethodName(invocation) switch
    {
        "Add" or "AddService" => invocation.Expression is MemberAccessExpressionSyntax { Expression: var receiver } && NameOf(receiver) == "Filters",
        "RequireAuthorization" => invocation.Expression is MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax map } && MapsControllersOrPages(map),
        "SetFallbackPolicy" => true,
        _ => false,
    };

    private void Collect(InvocationExpressionSyntax invocation, SemanticModel model, EndpointProtection protection, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
        {
            return;
        }

        switch (method.Name)
        {
            // Add(IFilterMetadata) is Collection<IFilterMetadata>'s: the receiver says it is MVC's filters.
            case "Add" or "AddService" when invocation.Expression is MemberAccessExpressionSyntax { Expression: var filters }
                && model.GetTypeInfo(filters, cancellationToken).Type.DerivesFromOrIs(protection.FilterCollection):
                if (FilterType(invocation, method, model, cancellationToken) is { } filter)
                {
                    if (protection.IsAuthorizationFilterType(filter))
                    {
                        AuthorizesControllers = AuthorizesPages = true;
                        HasAuthorizationFilter |= !filter.DerivesFromOrIs(protection.AuthorizeFilter);
                    }

                    ValidatesAntiforgery |= protection.IsAntiforgeryValidation(filter);
                }

                break;

            case "RequireAuthorization" when method.ContainingType.IsType(protection.AuthorizationEndpointConventionBuilderExtensions):
                // app.MapControllers().RequireAuthorization(), app.MapRazorPages().RequireAuthorization("policy")
                // (IsCandidate let through only these receivers.)
                if (invocation.Expression is MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax map })
                {
                    AuthorizesControllers |= MapsControllers(map);
                    AuthorizesPages |= MethodName(map) == "MapRazorPages";
                }

                break;

            case "SetFallbackPolicy" when method.ContainingType.IsType(protection.AuthorizationBuilder)
                && invocation.ArgumentList.Arguments.Count == 1
                && !invocation.ArgumentList.Arguments[0].Expression.IsKind(SyntaxKind.NullLiteralExpression):
                AuthorizesControllers = AuthorizesPages = true;
                break;
        }
    }

    /// <summary>The filter added: <c>Add&lt;T&gt;()</c>, <c>Add(typeof(T))</c>, <c>Add(new T(…))</c>, or the argument's type.</summary>
    private static ITypeSymbol? FilterType(InvocationExpressionSyntax invocation, IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken)
    {
        if (method.TypeArguments.Length == 1)
        {
            return method.TypeArguments[0];
        }

        if (invocation.ArgumentList.Arguments.Count == 0)
        {
            return null;
        }

        var argument = invocation.ArgumentList.Arguments[0].Expression;
        return argument is TypeOfExpressionSyntax typeOf
            ? model.GetTypeInfo(typeOf.Type, cancellationToken).Type
            : model.GetTypeInfo(argument, cancellationToken).Type;
    }

    /// <summary>
    /// The endpoints a <c>RequireAuthorization()</c> on this call guards are the app's controllers or pages; on
    /// any other endpoint (a minimal API group, a hub) it says nothing about actions, and the call is not bound.
    /// </summary>
    private static bool MapsControllersOrPages(InvocationExpressionSyntax map) => MapsControllers(map) || MethodName(map) == "MapRazorPages";

    private static bool MapsControllers(InvocationExpressionSyntax map) =>
        MethodName(map) is "MapControllers" or "MapControllerRoute" or "MapDefaultControllerRoute" or "MapAreaControllerRoute";

    private static string? MethodName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        _ => null,
    };

    private static string? NameOf(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        _ => null,
    };
}
