using Microsoft.CodeAnalysis;

namespace SessionSafety.Analyzers.Rules.SESS004;

/// <summary>SESS004: a minimal API mapped for POST, PUT or PATCH, as the member that maps it says.</summary>
internal sealed class MinimalEndpoint
{
    public MinimalEndpoint(string description, SyntaxNode node, IMethodSymbol handler, bool handlerHasAttributes, EndpointConventions conventions)
    {
        Description = description;
        Node = node;
        Handler = handler;
        HandlerHasAttributes = handlerHasAttributes;
        Conventions = conventions;
    }

    /// <summary><c>POST /api/messages</c>.</summary>
    public string Description { get; }

    /// <summary>The map call's method name.</summary>
    public SyntaxNode Node { get; }

    /// <summary>The handler: the lambda, the method, or the delegate type's <c>Invoke</c>.</summary>
    public IMethodSymbol Handler { get; }

    /// <summary>Whether the handler's attributes become endpoint metadata (a lambda or a method, not a delegate variable).</summary>
    public bool HandlerHasAttributes { get; }

    public EndpointConventions Conventions { get; }
}
