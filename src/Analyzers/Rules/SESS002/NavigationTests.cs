using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS002;

/// <summary>
/// SESS002 context (d): the operations that tell a page navigation from a form post or a script call —
/// a read of the request's method (<c>Request.Method</c>, <c>HttpMethods.IsGet(…)</c>), of its
/// <c>X-Requested-With</c>, <c>Accept</c> or <c>Content-Type</c> header (by name or through the typed
/// properties), of <c>Request.ContentType</c> or <c>HasJsonContentType()</c>, or a call to a helper that
/// does one of these (an <c>IsAjaxRequest</c>-style method, recognised by what its body reads, two calls
/// deep; a helper outside the compilation, including another project's, by a name about ajax, XHR or JSON).
/// </summary>
internal sealed class NavigationTests
{
    private const int HelperDepth = 2;

    private readonly Compilation compilation;
    private readonly INamedTypeSymbol? httpRequest;
    private readonly INamedTypeSymbol? httpMethods;
    private readonly INamedTypeSymbol? headerDictionary;
    /// <summary>Each helper's answer, by how many calls deeper it may still look (so that the answer does not depend on who asked first).</summary>
    private readonly Memo<(IMethodSymbol Method, int Depth), bool> helpers = new(HelperKeyComparer.Instance);

    public NavigationTests(Compilation compilation)
    {
        this.compilation = compilation;
        httpRequest = compilation.FindType(KnownTypes.HttpRequest);
        httpMethods = compilation.FindType(KnownTypes.HttpMethods);
        headerDictionary = compilation.FindType(KnownTypes.IHeaderDictionary);
    }

    /// <summary>Whether <paramref name="operation"/> itself reads what tells a navigation from other requests.</summary>
    public bool IsTest(IOperation operation, CancellationToken cancellationToken) => IsTest(operation, HelperDepth, cancellationToken);

    private bool IsTest(IOperation operation, int depth, CancellationToken cancellationToken)
    {
        switch (operation)
        {
            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                return IsHeaders(indexer.Property.ContainingType) && indexer.Arguments.Length == 1 && NamesNavigationHeader(indexer.Arguments[0].Value);

            case IPropertyReferenceOperation property:
                var owner = property.Property.ContainingType;
                return property.Property.Name switch
                {
                    "Method" => owner.DerivesFromOrIs(httpRequest),
                    "ContentType" => owner.DerivesFromOrIs(httpRequest) || IsHeaders(owner) || IsTypedHeaders(owner),
                    "Accept" or "XRequestedWith" => IsHeaders(owner) || IsTypedHeaders(owner),
                    _ => false,
                };

            case IInvocationOperation invocation:
                return IsTestCall(invocation, depth, cancellationToken);

            default:
                return false;
        }
    }

    private bool IsTestCall(IInvocationOperation invocation, int depth, CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod;
        if (method.ContainingType.IsType(httpMethods) || method.Name == "HasJsonContentType")
        {
            return true;
        }

        // Headers.TryGetValue("X-Requested-With", out …), Headers.ContainsKey("Accept")
        if (invocation.Instance is { } instance && IsHeaders(instance.Type) && invocation.Arguments.Length > 0
            && NamesNavigationHeader(invocation.Arguments[0].Value))
        {
            return true;
        }

        if (method.ReturnType.SpecialType != SpecialType.System_Boolean || depth == 0)
        {
            return false;
        }

        var target = (method.ReducedFrom ?? method).OriginalDefinition;
        return helpers.Get((target, depth - 1), (Tests: this, Token: cancellationToken), static (key, input) => input.Tests.IsHelper(key.Method, key.Depth, input.Token));
    }

    /// <summary>A helper whose body tests the request (<c>static bool IsAjaxRequest(this HttpRequest r) => r.Headers["X-Requested-With"] == "XMLHttpRequest"</c>).</summary>
    private bool IsHelper(IMethodSymbol method, int depth, CancellationToken cancellationToken)
    {
        // Outside this compilation (metadata in a build, another project's compilation in the IDE, whose
        // trees this compilation cannot bind): judged by name, the same in both.
        if (method.DeclaringSyntaxReferences.IsEmpty || !compilation.ContainsSyntaxTree(method.DeclaringSyntaxReferences[0].SyntaxTree))
        {
            var name = method.Name;
            return name.IndexOf("Ajax", StringComparison.OrdinalIgnoreCase) >= 0
                || name.IndexOf("Xhr", StringComparison.OrdinalIgnoreCase) >= 0
                || name.IndexOf("XmlHttp", StringComparison.OrdinalIgnoreCase) >= 0
                || name.IndexOf("Json", StringComparison.OrdinalIgnoreCase) >= 0;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax(cancellationToken);
            SyntaxNode? body = declaration switch
            {
                MethodDeclarationSyntax m => (SyntaxNode?)m.Body ?? m.ExpressionBody,
                LocalFunctionStatementSyntax l => (SyntaxNode?)l.Body ?? l.ExpressionBody,
                _ => null,
            };
            if (body is null)
            {
                continue;
            }

            // The helper is usually in another file than the filter; bound once per helper per compilation.
#pragma warning disable RS1030 // A helper's body is read once per compilation, wherever it is declared.
            var model = compilation.GetSemanticModel(body.SyntaxTree);
#pragma warning restore RS1030
            if (model.GetOperation(body, cancellationToken) is not { } operation)
            {
                continue;
            }

            foreach (var descendant in operation.DescendantsDepthFirst())
            {
                if (IsTest(descendant, depth, cancellationToken))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool IsHeaders(ITypeSymbol? type)
    {
        if (type is null || headerDictionary is null)
        {
            return false;
        }

        if (type.IsType(headerDictionary))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.IsType(headerDictionary))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>Request.GetTypedHeaders()</c>'s <c>RequestHeaders</c>.</summary>
    private static bool IsTypedHeaders(ITypeSymbol type) => type.HasMetadataName(KnownTypes.RequestHeaders);

    private static bool NamesNavigationHeader(IOperation key) =>
        key.WalkDownConversions().ConstantValue is { HasValue: true, Value: string name }
        && (name.Equals("X-Requested-With", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Accept", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase));

    private sealed class HelperKeyComparer : System.Collections.Generic.IEqualityComparer<(IMethodSymbol Method, int Depth)>
    {
        public static readonly HelperKeyComparer Instance = new();

        public bool Equals((IMethodSymbol Method, int Depth) x, (IMethodSymbol Method, int Depth) y) =>
            x.Depth == y.Depth && SymbolEqualityComparer.Default.Equals(x.Method, y.Method);

        public int GetHashCode((IMethodSymbol Method, int Depth) key) => (SymbolEqualityComparer.Default.GetHashCode(key.Method) * 31) + key.Depth;
    }
}
