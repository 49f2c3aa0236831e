using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SessionSafety.Analyzers.Internal;
using static SessionSafety.Analyzers.Internal.OperationExtensions;

namespace SessionSafety.Analyzers.Rules.SESS004;

/// <summary>
/// SESS004: the MVC actions of the compilation that require authorization, take writes from scripts and would
/// be redirected. Below ASP.NET Core 10: write actions of <c>[ApiController]</c> controllers, actions with a
/// <c>[FromBody]</c> parameter, and write actions that answer <c>Json(…)</c>/<c>JsonResult</c>. From 10 on, in
/// controllers without <c>[ApiController]</c> only: actions with a <c>[FromBody]</c> parameter, and write actions
/// that answer JSON (whatever else they answer). Read at compilation end, only when a scheme would be reported.
/// </summary>
internal sealed class ControllerActions
{
    private readonly Compilation compilation;
    private readonly CookieTypes types;
    private readonly bool globallyAuthorized;
    private readonly bool assemblyIsApi;

    /// <param name="globallyAuthorized">A global <c>AuthorizeFilter</c>, <c>MapControllers().RequireAuthorization()</c> or a fallback policy.</param>
    public ControllerActions(Compilation compilation, CookieTypes types, bool globallyAuthorized)
    {
        this.compilation = compilation;
        this.types = types;
        this.globallyAuthorized = globallyAuthorized;
        assemblyIsApi = CookieTypes.HasAttribute(compilation.Assembly, types.ApiBehavior);
    }

    /// <summary>The redirected actions, in the order of the compilation's types, found as they are asked for.</summary>
    public IEnumerable<RedirectedEndpoint> Redirected(CancellationToken cancellationToken)
    {
        if (types.ControllerBase is null && types.ControllerAttribute is null)
        {
            yield break;
        }

        foreach (var controller in Controllers(compilation.Assembly.GlobalNamespace))
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool? isApi = null;
            foreach (var action in Actions(controller))
            {
                if (Judge(controller, action, ref isApi, cancellationToken) is { } endpoint)
                {
                    yield return endpoint;
                }
            }
        }
    }

    private RedirectedEndpoint? Judge(INamedTypeSymbol controller, IMethodSymbol action, ref bool? api, CancellationToken cancellationToken)
    {
        // The action's own attributes first, by name before binding them: most actions are reads, and a read never counts.
        if (!MayTakeWrites(action, cancellationToken))
        {
            return null;
        }

        var fromBody = HasFromBody(action);
        if (!fromBody && !IsWriteAction(action))
        {
            return null;
        }

        if (CookieTypes.HasAttribute(action, types.AllowAnonymous) || HasInherited(controller, types.AllowAnonymous)
            || CookieTypes.HasAttribute(action, types.DisableCookieRedirect) || HasInherited(controller, types.DisableCookieRedirect))
        {
            return null;
        }

        var authorizations = Authorizations(controller, action);
        if (authorizations.IsDefault && !globallyAuthorized)
        {
            return null;
        }

        var isApi = api ??= assemblyIsApi || HasInherited(controller, types.ApiBehavior);
        bool redirected;
        if (types.RedirectsApiEndpoints)
        {
            redirected = isApi || fromBody || AnswersJson(action, cancellationToken);
        }
        else if (CookieTypes.HasAttribute(action, types.AllowCookieRedirect) || HasInherited(controller, types.AllowCookieRedirect))
        {
            redirected = true;
        }
        else
        {
            redirected = !isApi && (fromBody || AnswersJson(action, cancellationToken));
        }

        if (!redirected || action.DeclaringSyntaxReferences.IsEmpty)
        {
            return null;
        }

        var syntax = action.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        var location = syntax is MethodDeclarationSyntax declaration ? declaration.Identifier.GetLocation() : syntax.GetLocation();
        return new RedirectedEndpoint(controller.Name + "." + action.Name, location, authorizations.IsDefault ? ImmutableArray<string>.Empty : authorizations);
    }

    /// <summary>
    /// The schemes the action's and its controller's <c>[Authorize]</c> attributes name (empty: the default);
    /// default (not empty) when none of them requires authorization.
    /// </summary>
    private ImmutableArray<string> Authorizations(INamedTypeSymbol controller, IMethodSymbol action)
    {
        var found = false;
        var schemes = ImmutableArray<string>.Empty;
        for (var method = action; method is not null; method = method.OverriddenMethod)
        {
            found |= AddAuthorizations(method, ref schemes);
        }

        for (var type = controller; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            found |= AddAuthorizations(type, ref schemes);
        }

        return found ? schemes : default;
    }

    /// <summary>Whether <paramref name="symbol"/>'s own attributes require authorization; adds the schemes they name to <paramref name="schemes"/>.</summary>
    private bool AddAuthorizations(ISymbol symbol, ref ImmutableArray<string> schemes)
    {
        var found = false;
        foreach (var attribute in symbol.GetAttributes())
        {
            if (!Implements(attribute.AttributeClass, types.AuthorizeData))
            {
                continue;
            }

            found = true;
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == "AuthenticationSchemes")
                {
                    var named = SchemeNames.Split(argument.Value.Value as string);
                    schemes = schemes.IsEmpty ? named : schemes.AddRange(named);
                }
            }
        }

        return found;
    }

    private bool HasInherited(INamedTypeSymbol controller, INamedTypeSymbol? metadata)
    {
        for (var type = controller; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            if (CookieTypes.HasAttribute(type, metadata))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the declaration names a write verb or <c>FromBody</c> in its attributes (or overrides an action
    /// that may): a cheap look at the syntax before the attributes are bound. A verb attribute of the app's own
    /// that derives from <c>[HttpPost]</c> under another name is not seen.
    /// </summary>
    private static bool MayTakeWrites(IMethodSymbol action, CancellationToken cancellationToken)
    {
        if (action.IsOverride)
        {
            return true;
        }

        foreach (var reference in action.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration)
            {
                return true;
            }

            foreach (var list in declaration.AttributeLists)
            {
                foreach (var attribute in list.Attributes)
                {
                    if (AttributeName(attribute) is "HttpPost" or "HttpPut" or "HttpPatch" or "AcceptVerbs")
                    {
                        return true;
                    }
                }
            }

            foreach (var parameter in declaration.ParameterList.Parameters)
            {
                foreach (var list in parameter.AttributeLists)
                {
                    foreach (var attribute in list.Attributes)
                    {
                        if (AttributeName(attribute) == "FromBody")
                        {
                            return true;
                        }
                    }
                }
            }
        }

        return false;
    }

    private static string AttributeName(AttributeSyntax attribute)
    {
        var name = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => string.Empty,
        };
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
    }

    private bool HasFromBody(IMethodSymbol action)
    {
        foreach (var parameter in action.Parameters)
        {
            if (CookieTypes.HasAttribute(parameter, types.FromBody))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsWriteAction(IMethodSymbol action)
    {
        for (var method = action; method is not null; method = method.OverriddenMethod)
        {
            foreach (var attribute in method.GetAttributes())
            {
                var type = attribute.AttributeClass;
                if (type.DerivesFromOrIs(types.HttpPost) || type.DerivesFromOrIs(types.HttpPut) || type.DerivesFromOrIs(types.HttpPatch))
                {
                    return true;
                }

                if (type.DerivesFromOrIs(types.AcceptVerbs) && NamesWriteVerb(attribute))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool NamesWriteVerb(AttributeData attribute)
    {
        foreach (var argument in attribute.ConstructorArguments)
        {
            var values = argument.Kind == TypedConstantKind.Array ? argument.Values : ImmutableArray.Create(argument);
            foreach (var value in values)
            {
                if (value.Value is string verb
                    && (verb.Equals("POST", StringComparison.OrdinalIgnoreCase) || verb.Equals("PUT", StringComparison.OrdinalIgnoreCase) || verb.Equals("PATCH", StringComparison.OrdinalIgnoreCase)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The action is declared to return a <c>JsonResult</c>, or its body calls <c>Json(…)</c> or creates one.</summary>
    private bool AnswersJson(IMethodSymbol action, CancellationToken cancellationToken)
    {
        if (types.JsonResult is null)
        {
            return false;
        }

        if (types.Unwrap(action.ReturnType).DerivesFromOrIs(types.JsonResult))
        {
            return true;
        }

        foreach (var reference in action.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax(cancellationToken);
            SemanticModel? model = null;
            foreach (var node in declaration.DescendantNodes())
            {
                var candidate = node switch
                {
                    InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Json" } } => node,
                    InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Json" } } => node,
                    ObjectCreationExpressionSyntax { Type: var type } when type.ToString().EndsWith("JsonResult", StringComparison.Ordinal) => node,
                    _ => null,
                };
                if (candidate is null || !compilation.ContainsSyntaxTree(candidate.SyntaxTree))
                {
                    continue;
                }

#pragma warning disable RS1030 // Asked at compilation end for the few actions that may answer JSON, in their own files.
                model ??= compilation.GetSemanticModel(candidate.SyntaxTree);
#pragma warning restore RS1030
                var symbol = model.GetSymbolInfo(candidate, cancellationToken).Symbol;
                if ((symbol is IMethodSymbol { Name: "Json" } json && json.ContainingType.DerivesFromOrIs(types.Controller))
                    || (symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor && constructor.ContainingType.DerivesFromOrIs(types.JsonResult)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The controllers of the compilation, namespace by namespace in the order the compiler keeps them.</summary>
    private IEnumerable<INamedTypeSymbol> Controllers(INamespaceOrTypeSymbol container)
    {
        foreach (var member in container.GetMembers())
        {
            if (member is INamespaceSymbol ns)
            {
                foreach (var controller in Controllers(ns))
                {
                    yield return controller;
                }
            }
            else if (member is INamedTypeSymbol type)
            {
                if (IsController(type))
                {
                    yield return type;
                }

                if (!type.GetTypeMembers().IsEmpty)
                {
                    foreach (var nested in Controllers(type))
                    {
                        yield return nested;
                    }
                }
            }
        }
    }

    /// <summary>
    /// A controller: derived from <c>ControllerBase</c>, or a class named "…Controller" marked <c>[Controller]</c>
    /// (MVC's rule). The name is asked first: binding the attributes of every class of a large app costs.
    /// </summary>
    private bool IsController(INamedTypeSymbol type) =>
        type is { TypeKind: TypeKind.Class, IsAbstract: false, IsGenericType: false, DeclaredAccessibility: Accessibility.Public }
        && !type.DeclaringSyntaxReferences.IsEmpty
        && (type.DerivesFromOrIs(types.ControllerBase)
            || (type.Name.EndsWith("Controller", StringComparison.Ordinal) && HasInherited(type, types.ControllerAttribute)))
        && !HasInherited(type, types.NonControllerAttribute);

    /// <summary>Public instance methods declared in the controller or its base classes of the compilation (not the framework's).</summary>
    private IEnumerable<IMethodSymbol> Actions(INamedTypeSymbol controller)
    {
        var seen = new HashSet<(string Name, int Parameters)>();
        for (var type = controller; type is not null && !type.DeclaringSyntaxReferences.IsEmpty; type = type.BaseType)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false, IsAbstract: false, IsGenericMethod: false, DeclaredAccessibility: Accessibility.Public } method
                    && !CookieTypes.HasAttribute(method, types.NonActionAttribute)
                    && seen.Add((method.Name, method.Parameters.Length)))
                {
                    yield return method;
                }
            }
        }
    }
}
