using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>
/// The HttpClient registrations of a compilation (<c>AddHttpClient&lt;T&gt;()</c>, <c>AddHttpClient("name")</c>,
/// <c>ConfigureHttpClientDefaults</c>) and the message handlers each one adds. Built once per
/// compilation, on first need, from the few files that mention those methods.
/// </summary>
internal sealed class ClientRegistrations
{
    // Only a chained AddHttpMessageHandler/AddSessionRecovery call puts a handler in a pipeline (see
    // HandlersOfCall): a file without one can add no handler, and is not bound at all. CreateClient
    // marks the files that register an injected HttpClient as a named client.
    // DefaultRequestHeaders marks the files whose registrations may set the service's credentials.
    private static readonly WordSet Markers = SourceWords.Register("AddHttpMessageHandler", "AddSessionRecovery", "CreateClient", ConfiguredHeaders.Word);

    // The names Collect acts on: a file is walked only into the nodes whose text holds one.
    private static readonly WordSet CollectedNames = SourceWords.Register("AddHttpClient", "ConfigureHttpClientDefaults", "CreateClient");

    /// <summary>Registers the markers with the word index when the analyzer is made (<see cref="SourceWords.Register"/> says why).</summary>
    internal static void RegisterMarkers() => _ = Markers.Mask | CollectedNames.Mask;

    private readonly Dictionary<ISymbol, List<HandlerRef>> typedClients = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<string, List<HandlerRef>> namedClients = new(StringComparer.Ordinal);
    private readonly List<HandlerRef> defaults = new();
    private readonly HashSet<string> injectedHttpClientNames = new(StringComparer.Ordinal);
    private readonly Dictionary<ISymbol, HeaderCredentials> typedCredentials = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<string, HeaderCredentials> namedCredentials = new(StringComparer.Ordinal);
    private readonly List<HandlerRef> injectedClientHandlers = new();

    private ClientRegistrations()
    {
    }

    /// <summary>Handlers added to every client by <c>ConfigureHttpClientDefaults</c>.</summary>
    public IReadOnlyList<HandlerRef> Defaults => defaults;

    /// <summary>Named clients that are also registered as the injected <c>HttpClient</c>.</summary>
    public IReadOnlyCollection<string> InjectedHttpClientNames => injectedHttpClientNames;

    /// <summary>The handlers of every named client registered as the injected <c>HttpClient</c>, gathered once.</summary>
    public IReadOnlyList<HandlerRef> InjectedClientHandlers => injectedClientHandlers;

    /// <summary>Credentials every client gets from <c>ConfigureHttpClientDefaults</c>.</summary>
    public HeaderCredentials DefaultCredentials { get; private set; }

    /// <summary>Credentials a typed client's registrations set on its <c>DefaultRequestHeaders</c> (its type, base types or interfaces).</summary>
    public HeaderCredentials CredentialsForType(INamedTypeSymbol type)
    {
        var credentials = HeaderCredentials.None;
        if (typedCredentials.Count == 0)
        {
            return credentials;
        }

        foreach (var candidate in SelfBasesAndInterfaces(type))
        {
            if (typedCredentials.TryGetValue(candidate, out var found))
            {
                credentials |= found;
            }
        }

        return credentials;
    }

    /// <summary>Credentials a named client's registrations set on its <c>DefaultRequestHeaders</c>.</summary>
    public HeaderCredentials CredentialsForName(string name) =>
        namedCredentials.TryGetValue(name, out var found) ? found : HeaderCredentials.None;

    public IReadOnlyList<HandlerRef> ForType(INamedTypeSymbol type)
    {
        var result = new List<HandlerRef>();
        foreach (var candidate in SelfBasesAndInterfaces(type))
        {
            if (typedClients.TryGetValue(candidate, out var handlers))
            {
                result.AddRange(handlers);
            }
        }

        return result;
    }

    public IReadOnlyList<HandlerRef> ForName(string name) =>
        namedClients.TryGetValue(name, out var handlers) ? handlers : (IReadOnlyList<HandlerRef>)Array.Empty<HandlerRef>();

    [MethodImpl(Jit.AggressiveOptimization)]
    public static ClientRegistrations Build(Compilation compilation, HttpTypes types, System.Threading.CancellationToken cancellationToken)
    {
        var registrations = new ClientRegistrations();
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!Mentions(tree))
            {
                continue;
            }

            // One semantic model per file that registers clients: a handful of startup files per
            // compilation, bound once and only when a save call needs the answer.
#pragma warning disable RS1030 // The registrations live in other files than the save call; this runs once per compilation.
            var model = compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            registrations.Collect(tree.GetRoot(cancellationToken), model, types, cancellationToken);
        }

        foreach (var name in registrations.injectedHttpClientNames)
        {
            registrations.injectedClientHandlers.AddRange(registrations.ForName(name));
        }

        return registrations;
    }

    /// <summary>The file's text names a marker: a look-up in the word index the rules share (one pass over each file's text).</summary>
    private static bool Mentions(SyntaxTree tree) => Markers.OccursIn(tree);

    [MethodImpl(Jit.AggressiveOptimization)]
    private void Collect(SyntaxNode root, SemanticModel model, HttpTypes types, System.Threading.CancellationToken cancellationToken)
    {
        var index = CollectedNames.In(root.SyntaxTree);
        foreach (var node in root.DescendantNodes(node => CollectedNames.OccursIn(index, node.FullSpan)))
        {
            if (node is not InvocationExpressionSyntax invocation)
            {
                continue;
            }

            var name = MethodName(invocation);
            if (name == "AddHttpClient")
            {
                // A registration without a handler-adding call in its chain and without headers adds
                // nothing to look up: skip it before binding anything.
                var setsHeaders = ConfiguresHeaders(invocation);
                if (setsHeaders || ChainAddsHandler(invocation))
                {
                    CollectClient(invocation, model, types, setsHeaders, cancellationToken);
                }
            }
            else if (name == "ConfigureHttpClientDefaults")
            {
                defaults.AddRange(HandlersInside(invocation.ArgumentList, model, types, cancellationToken));
                if (ConfiguredHeaders.MayCarryCredentials(invocation.ArgumentList))
                {
                    DefaultCredentials |= ConfiguredHeaders.In(invocation.ArgumentList, model, ownerName: null, cancellationToken);
                }
            }
            else if (name == "CreateClient")
            {
                CollectInjectedClient(invocation, model, types, cancellationToken);
            }
        }
    }

    private void CollectClient(InvocationExpressionSyntax invocation, SemanticModel model, HttpTypes types, bool setsHeaders, System.Threading.CancellationToken cancellationToken)
    {
        // The types are bound on their own (a speculative type binding at their position), not the
        // registration statement: overload resolution of AddHttpClient among the many IServiceCollection
        // extensions, with its lambdas, was most of the rule's cost on a cold compilation. The call is
        // recognised by its name, in a compilation that references the HttpClient factory.
        if (types.HttpClientFactoryServiceCollectionExtensions is null)
        {
            return;
        }

        var typeArguments = TypeArgumentsOf(invocation, model, cancellationToken);
        var credentials = setsHeaders ? CredentialsOfChain(invocation, model, cancellationToken) : HeaderCredentials.None;
        if (typeArguments is null)
        {
            CollectClientBound(invocation, model, types, credentials, cancellationToken);
            return;
        }

        var first = invocation.ArgumentList.Arguments.FirstOrDefault()?.Expression;
        var clientName = first switch
        {
            LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => literal.Token.ValueText,
            null or LambdaExpressionSyntax => null,
            _ => model.GetConstantValue(first, cancellationToken).Value as string,
        };
        Register(typeArguments, clientName, HandlersOfChain(invocation, model, types, cancellationToken), credentials);
    }

    /// <summary>
    /// A client's handlers and credentials under its types and its name (a typed client without an explicit
    /// name is registered under its type's name).
    /// </summary>
    private void Register(IReadOnlyList<ITypeSymbol> typeArguments, string? clientName, List<HandlerRef> handlers, HeaderCredentials credentials)
    {
        foreach (var typeArgument in typeArguments)
        {
            Add(typedClients, typeArgument, handlers);
            if (credentials != HeaderCredentials.None)
            {
                typedCredentials[typeArgument] = (typedCredentials.TryGetValue(typeArgument, out var known) ? known : HeaderCredentials.None) | credentials;
            }
        }

        var name = clientName ?? (typeArguments.Count > 0 ? typeArguments[0].Name : null);
        if (name is not null)
        {
            Add(namedClients, name, handlers);
            if (credentials != HeaderCredentials.None)
            {
                namedCredentials[name] = CredentialsForName(name) | credentials;
            }
        }
    }

    /// <summary>Whether the registration or a call chained onto it (<c>ConfigureHttpClient</c>) sets a default header that may carry credentials.</summary>
    private static bool ConfiguresHeaders(InvocationExpressionSyntax registration)
    {
        if (ConfiguredHeaders.MayCarryCredentials(registration.ArgumentList))
        {
            return true;
        }

        SyntaxNode current = registration;
        while (current.Parent is MemberAccessExpressionSyntax access && access.Expression == current
            && access.Parent is InvocationExpressionSyntax chained)
        {
            if (ConfiguredHeaders.MayCarryCredentials(chained.ArgumentList))
            {
                return true;
            }

            current = chained;
        }

        return false;
    }

    /// <summary>The credentials the registration and the calls chained onto it set on the client's headers.</summary>
    private static HeaderCredentials CredentialsOfChain(InvocationExpressionSyntax registration, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        var credentials = ConfiguredHeaders.In(registration.ArgumentList, model, ownerName: null, cancellationToken);
        SyntaxNode current = registration;
        while (current.Parent is MemberAccessExpressionSyntax access && access.Expression == current
            && access.Parent is InvocationExpressionSyntax chained)
        {
            credentials |= ConfiguredHeaders.In(chained.ArgumentList, model, ownerName: null, cancellationToken);
            current = chained;
        }

        return credentials;
    }

    /// <summary>The types in <c>M&lt;A, B&gt;(…)</c>, each bound as a type at its position; empty for a non-generic call; null when one does not bind.</summary>
    private static List<ITypeSymbol>? TypeArgumentsOf(InvocationExpressionSyntax invocation, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        var result = new List<ITypeSymbol>();
        if (CalledName(invocation) is not GenericNameSyntax generic)
        {
            return result;
        }

        foreach (var argument in generic.TypeArgumentList.Arguments)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (BindType(argument, model) is not { } type)
            {
                return null;
            }

            result.Add(type);
        }

        return result;
    }

    private static ITypeSymbol? BindType(TypeSyntax type, SemanticModel model) =>
        model.GetSpeculativeTypeInfo(type.SpanStart, type, SpeculativeBindingOption.BindAsTypeOrNamespace).Type is { TypeKind: not TypeKind.Error } bound
            ? bound
            : null;

    /// <summary>The registration bound in full: for the shapes whose types cannot be read off the syntax.</summary>
    private void CollectClientBound(InvocationExpressionSyntax invocation, SemanticModel model, HttpTypes types, HeaderCredentials credentials, System.Threading.CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method
            || !IsFactoryRegistration(method, types))
        {
            return;
        }

        var clientName = invocation.ArgumentList.Arguments
            .Select(a => model.GetConstantValue(a.Expression, cancellationToken).Value as string)
            .FirstOrDefault(name => name is not null);
        Register(method.TypeArguments, clientName, HandlersOfChain(invocation, model, types, cancellationToken), credentials);
    }

    /// <summary><c>services.AddScoped(sp => sp.GetRequiredService&lt;IHttpClientFactory&gt;().CreateClient("Api"))</c>.</summary>
    private void CollectInjectedClient(InvocationExpressionSyntax invocation, SemanticModel model, HttpTypes types, System.Threading.CancellationToken cancellationToken)
    {
        // The shape first, by syntax (a component's own factory.CreateClient("…") binds nothing here).
        if (invocation.ArgumentList.Arguments.Count == 0
            || invocation.FirstAncestorOrSelf<LambdaExpressionSyntax>() is not { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax registration } } }
            || MethodName(registration) is not ("AddScoped" or "AddTransient" or "AddSingleton"))
        {
            return;
        }

        if (model.GetConstantValue(invocation.ArgumentList.Arguments[0].Expression, cancellationToken).Value is string clientName
            && model.GetSymbolInfo(registration, cancellationToken).Symbol is IMethodSymbol method
            && method.TypeArguments.Any(t => t.IsType(types.HttpClient)))
        {
            injectedHttpClientNames.Add(clientName);
        }
    }

    private static bool IsFactoryRegistration(IMethodSymbol method, HttpTypes types) =>
        method.ContainingType.IsType(types.HttpClientFactoryServiceCollectionExtensions)
        || method.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.DependencyInjection";

    private static bool ChainAddsHandler(InvocationExpressionSyntax registration)
    {
        SyntaxNode current = registration;
        while (current.Parent is MemberAccessExpressionSyntax access && access.Expression == current
            && access.Parent is InvocationExpressionSyntax chained)
        {
            if (MethodName(chained) is "AddHttpMessageHandler" or "AddSessionRecovery")
            {
                return true;
            }

            current = chained;
        }

        return false;
    }

    /// <summary>The handlers added by the fluent calls chained onto the registration.</summary>
    private static List<HandlerRef> HandlersOfChain(InvocationExpressionSyntax registration, SemanticModel model, HttpTypes types, System.Threading.CancellationToken cancellationToken)
    {
        var handlers = new List<HandlerRef>();
        SyntaxNode current = registration;
        while (current.Parent is MemberAccessExpressionSyntax access && access.Expression == current
            && access.Parent is InvocationExpressionSyntax chained)
        {
            handlers.AddRange(HandlersOfCall(chained, model, types, cancellationToken));
            current = chained;
        }

        return handlers;
    }

    private static IEnumerable<HandlerRef> HandlersInside(SyntaxNode node, SemanticModel model, HttpTypes types, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var invocation in node.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            foreach (var handler in HandlersOfCall(invocation, model, types, cancellationToken))
            {
                yield return handler;
            }
        }
    }

    private static IEnumerable<HandlerRef> HandlersOfCall(InvocationExpressionSyntax call, SemanticModel model, HttpTypes types, System.Threading.CancellationToken cancellationToken)
    {
        var name = MethodName(call);
        if (name is null || (name != "AddHttpMessageHandler" && name != "AddSessionRecovery"))
        {
            yield break;
        }

        if (name == "AddSessionRecovery")
        {
            // The runtime's extension (recognised by name when the compilation references the runtime).
            if (types.SessionSafetyHttpClientBuilderExtensions is not null)
            {
                yield return HandlerRef.SessionSafety;
            }

            yield break;
        }

        // AddHttpMessageHandler<H>(): the handler type, bound on its own.
        var typeArguments = TypeArgumentsOf(call, model, cancellationToken);
        if (typeArguments is null)
        {
            foreach (var handler in HandlersOfCallBound(call, model, types, cancellationToken))
            {
                yield return handler;
            }

            yield break;
        }

        foreach (var typeArgument in typeArguments)
        {
            if (typeArgument is INamedTypeSymbol handlerType)
            {
                yield return new HandlerRef(handlerType);
            }
        }

        // AddHttpMessageHandler(() => new H(...)) / (sp => new H(...)) / (sp => sp.GetRequiredService<H>())
        foreach (var node in call.ArgumentList.DescendantNodes())
        {
            switch (node)
            {
                case ObjectCreationExpressionSyntax creation when BindType(creation.Type, model) is INamedTypeSymbol created:
                    yield return new HandlerRef(created);
                    break;
                case ImplicitObjectCreationExpressionSyntax when model.GetTypeInfo(node, cancellationToken).Type is INamedTypeSymbol created:
                    yield return new HandlerRef(created);
                    break;
                case GenericNameSyntax { Identifier.ValueText: "GetRequiredService" or "GetService" } generic:
                    foreach (var resolved in generic.TypeArgumentList.Arguments)
                    {
                        if (BindType(resolved, model) is INamedTypeSymbol resolvedType)
                        {
                            yield return new HandlerRef(resolvedType);
                        }
                    }

                    break;
            }
        }
    }

    private static IEnumerable<HandlerRef> HandlersOfCallBound(InvocationExpressionSyntax call, SemanticModel model, HttpTypes types, System.Threading.CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol method)
        {
            yield break;
        }

        if (method.ContainingType.IsType(types.SessionSafetyHttpClientBuilderExtensions))
        {
            yield return HandlerRef.SessionSafety;
            yield break;
        }

        foreach (var typeArgument in method.TypeArguments)
        {
            if (typeArgument is INamedTypeSymbol handlerType)
            {
                yield return new HandlerRef(handlerType);
            }
        }
    }

    private static string? MethodName(InvocationExpressionSyntax invocation) => CalledName(invocation)?.Identifier.ValueText;

    private static SimpleNameSyntax? CalledName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax access => access.Name,
        SimpleNameSyntax simple => simple,
        MemberBindingExpressionSyntax binding => binding.Name,
        _ => null,
    };

    private static void Add<TKey>(Dictionary<TKey, List<HandlerRef>> map, TKey key, List<HandlerRef> handlers)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = new List<HandlerRef>();
            map[key] = list;
        }

        list.AddRange(handlers);
    }

    private static IEnumerable<ITypeSymbol> SelfBasesAndInterfaces(INamedTypeSymbol type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            yield return current;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            yield return implemented;
        }
    }
}
