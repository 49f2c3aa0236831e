using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;
using static SessionSafety.Analyzers.Internal.OperationExtensions;

namespace SessionSafety.Analyzers.Rules.SESS004;

/// <summary>
/// SESS004: minimal APIs that take writes (<c>MapPost</c>, <c>MapPut</c>, <c>MapPatch</c>, <c>MapMethods</c> with
/// one of those) and whether ASP.NET Core would redirect them: every one below version 10; from 10 on those
/// that return a string or an <c>IResult</c> that is not a typed result, and read no JSON body.
/// </summary>
internal static class MinimalEndpoints
{
    public static bool IsMapName(string name) => name is "MapPost" or "MapPut" or "MapPatch" or "MapMethods";

    /// <summary>The endpoint <paramref name="invocation"/> maps for a write, or null.</summary>
    public static MinimalEndpoint? Read(IInvocationOperation invocation, CookieTypes types)
    {
        var method = invocation.TargetMethod;
        if (!method.IsExtensionMethod || method.Parameters.Length == 0 || !Implements(method.Parameters[0].Type, types.EndpointRouteBuilder))
        {
            return null;
        }

        var verb = method.Name switch
        {
            "MapPost" => "POST",
            "MapPut" => "PUT",
            "MapPatch" => "PATCH",
            _ => WriteVerbOf(invocation.ArgumentFor("httpMethods")?.Value),
        };
        if (verb is null || Handler(invocation) is not var (handler, hasAttributes) || handler is null)
        {
            return null;
        }

        var pattern = invocation.ArgumentFor("pattern")?.Value.WalkDownConversions().ConstantValue is { HasValue: true, Value: string text } ? text : "(pattern)";
        var conventions = EndpointConventions.Of(invocation, EndpointConventions.ReceiverOf(invocation), types);
        return new MinimalEndpoint(verb + " " + pattern, CookieConfigurations.NameOf(invocation.Syntax), handler, hasAttributes, conventions);
    }

    /// <summary>Whether the framework would redirect a signed-out call to <paramref name="endpoint"/> (authorization aside).</summary>
    public static bool IsRedirected(MinimalEndpoint endpoint, CookieTypes types, ICollection<ITypeSymbol> services)
    {
        var handler = endpoint.Handler;
        if (endpoint.Conventions.DisablesRedirect || (endpoint.HandlerHasAttributes && CookieTypes.HasAttribute(handler, types.DisableCookieRedirect)))
        {
            return false;
        }

        if (types.RedirectsApiEndpoints
            || endpoint.Conventions.AllowsRedirect
            || (endpoint.HandlerHasAttributes && CookieTypes.HasAttribute(handler, types.AllowCookieRedirect)))
        {
            return true;
        }

        if (ReadsJson(handler, types, services))
        {
            return false;
        }

        var returned = types.Unwrap(handler.ReturnType);
        return returned.SpecialType == SpecialType.System_String
            || (Implements(returned, types.Result) && !Implements(returned, types.EndpointMetadataProvider));
    }

    /// <summary>
    /// Whether a parameter is bound from a JSON body: <c>[FromBody]</c>, or a class, record or struct of the
    /// app that is not a service the compilation registers, bound from nowhere else and without
    /// <c>TryParse</c>/<c>BindAsync</c> (what the request delegate factory infers).
    /// </summary>
    private static bool ReadsJson(IMethodSymbol handler, CookieTypes types, ICollection<ITypeSymbol> services)
    {
        foreach (var parameter in handler.Parameters)
        {
            if (CookieTypes.HasAttribute(parameter, types.FromBody))
            {
                return true;
            }

            if (CookieTypes.HasAttribute(parameter, types.FromServices) || CookieTypes.HasAttribute(parameter, types.FromForm)
                || CookieTypes.HasAttribute(parameter, types.FromRoute) || CookieTypes.HasAttribute(parameter, types.FromQuery)
                || CookieTypes.HasAttribute(parameter, types.FromHeader))
            {
                continue;
            }

            if (IsInferredBody(parameter.Type, services, depth: 0))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInferredBody(ITypeSymbol type, ICollection<ITypeSymbol> services, int depth)
    {
        if (depth > 2)
        {
            return false;
        }

        if (type is IArrayTypeSymbol array)
        {
            return IsInferredBody(array.ElementType, services, depth + 1);
        }

        if (type.SpecialType != SpecialType.None || type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsAbstract)
        {
            return false;
        }

        if (type is INamedTypeSymbol { IsGenericType: true } generic && IsFramework(type))
        {
            // List<Dto>, Dictionary<string, Dto>: a body when what it holds is.
            foreach (var argument in generic.TypeArguments)
            {
                if (IsInferredBody(argument, services, depth + 1))
                {
                    return true;
                }
            }

            return false;
        }

        if (IsFramework(type) || services.Contains(type) || HasBindingMethod(type))
        {
            return false;
        }

        // A class of the app that derives from a framework type (a DbContext, a hub) is a service, not a body.
        for (var current = type.BaseType; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
        {
            if (IsFramework(current))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A type of .NET or ASP.NET Core (HttpContext, CancellationToken, ClaimsPrincipal, IFormFile, services): never a JSON body of its own.</summary>
    private static bool IsFramework(ITypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        while (ns is { ContainingNamespace.IsGlobalNamespace: false })
        {
            ns = ns.ContainingNamespace;
        }

        return ns is not null && (ns.Name == "System" || ns.Name == "Microsoft");
    }

    private static bool HasBindingMethod(ITypeSymbol type)
    {
        foreach (var name in new[] { "TryParse", "BindAsync" })
        {
            foreach (var member in type.GetMembers(name))
            {
                if (member is IMethodSymbol { IsStatic: true })
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static (IMethodSymbol? Handler, bool HasAttributes)? Handler(IInvocationOperation invocation)
    {
        var argument = invocation.ArgumentFor("handler") ?? invocation.ArgumentFor("requestDelegate");
        if (argument is null)
        {
            return null;
        }

        var value = argument.Value.WalkDownConversions();
        if (value is IDelegateCreationOperation creation)
        {
            switch (creation.Target.WalkDownConversions())
            {
                case IAnonymousFunctionOperation lambda:
                    return (lambda.Symbol, true);
                case IMethodReferenceOperation reference:
                    return (reference.Method, true);
            }

            value = creation.Target.WalkDownConversions();
        }

        return value.Type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { } invoke } ? (invoke, false) : null;
    }

    /// <summary>POST, PUT or PATCH when the methods of <c>MapMethods</c> name one (constant text).</summary>
    private static string? WriteVerbOf(IOperation? methods)
    {
        if (methods is null)
        {
            return null;
        }

        foreach (var operation in methods.DescendantsDepthFirst())
        {
            if (operation.ConstantValue is { HasValue: true, Value: string verb })
            {
                foreach (var write in new[] { "POST", "PUT", "PATCH" })
                {
                    if (string.Equals(verb, write, StringComparison.OrdinalIgnoreCase))
                    {
                        return write;
                    }
                }
            }
        }

        return null;
    }
}
