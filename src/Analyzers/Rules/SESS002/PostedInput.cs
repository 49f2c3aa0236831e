using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS002;

/// <summary>
/// SESS002 context (c): MVC actions and Razor Pages handlers that answer POST, PUT or PATCH and
/// received user input — a complex or <c>[FromForm]</c>/<c>[FromBody]</c> parameter, an
/// <c>IFormCollection</c>, <c>[BindProperty]</c> properties, or a read of <c>Request.Form</c>.
/// </summary>
/// <remarks>
/// Not input by themselves: primitives, strings, enums, Guid, date and time types, Uri, CancellationToken
/// (route and query values), uploaded files (IFormFile: the file is still on the user's disk), interfaces
/// and abstract types (services), and parameters bound from services, route, query or headers.
/// </remarks>
internal sealed class PostedInput
{
    private readonly INamedTypeSymbol? controllerBase;
    private readonly INamedTypeSymbol? pageModel;
    private readonly INamedTypeSymbol? pageBase;
    private readonly INamedTypeSymbol? httpPost;
    private readonly INamedTypeSymbol? httpPut;
    private readonly INamedTypeSymbol? httpPatch;
    private readonly INamedTypeSymbol? acceptVerbs;
    private readonly INamedTypeSymbol? fromForm;
    private readonly INamedTypeSymbol? fromBody;
    private readonly ImmutableArray<INamedTypeSymbol> notFromRequestBody;
    private readonly INamedTypeSymbol? bindProperty;
    private readonly INamedTypeSymbol? bindProperties;
    private readonly INamedTypeSymbol? formCollection;
    private readonly INamedTypeSymbol? formFile;
    private readonly INamedTypeSymbol? formFileCollection;
    private readonly INamedTypeSymbol? httpRequest;

    public PostedInput(Compilation compilation)
    {
        controllerBase = compilation.FindType(KnownTypes.ControllerBase);
        pageModel = compilation.FindType(KnownTypes.PageModel);
        pageBase = compilation.FindType(KnownTypes.PageBase);
        httpPost = compilation.FindType(KnownTypes.HttpPostAttribute);
        httpPut = compilation.FindType(KnownTypes.HttpPutAttribute);
        httpPatch = compilation.FindType(KnownTypes.HttpPatchAttribute);
        acceptVerbs = compilation.FindType(KnownTypes.AcceptVerbsAttribute);
        fromForm = compilation.FindType(KnownTypes.FromFormAttribute);
        fromBody = compilation.FindType(KnownTypes.FromBodyAttribute);
        var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var name in new[] { KnownTypes.FromServicesAttribute, KnownTypes.FromKeyedServicesAttribute, KnownTypes.FromQueryAttribute, KnownTypes.FromRouteAttribute, KnownTypes.FromHeaderAttribute })
        {
            if (compilation.FindType(name) is { } type)
            {
                builder.Add(type);
            }
        }

        notFromRequestBody = builder.ToImmutable();
        bindProperty = compilation.FindType(KnownTypes.BindPropertyAttribute);
        bindProperties = compilation.FindType(KnownTypes.BindPropertiesAttribute);
        formCollection = compilation.FindType(KnownTypes.IFormCollection);
        formFile = compilation.FindType(KnownTypes.IFormFile);
        formFileCollection = compilation.FindType(KnownTypes.IFormFileCollection);
        httpRequest = compilation.FindType(KnownTypes.HttpRequest);
    }

    public bool IsAvailable => controllerBase is not null || pageModel is not null;

    /// <summary>An MVC action marked POST/PUT/PATCH, or a Razor Pages <c>OnPost*</c>/<c>OnPut*</c>/<c>OnPatch*</c> handler.</summary>
    public bool IsWriteHandler(IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.IsStatic)
        {
            return false;
        }

        var type = method.ContainingType;
        if ((type.DerivesFromOrIs(pageModel) || type.DerivesFromOrIs(pageBase)) && IsPageWriteHandlerName(method.Name))
        {
            return true;
        }

        for (var current = method; current is not null; current = current.OverriddenMethod)
        {
            foreach (var attribute in current.GetAttributes())
            {
                if (IsWriteVerbAttribute(attribute))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The names of the handler's inputs, as they can be written in its body: parameters, bound
    /// properties, or the <c>Request.Form</c> read. Empty when the handler received no user input.
    /// </summary>
    public ImmutableArray<string> Inputs(IMethodSymbol method, IOperation root)
    {
        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var parameter in method.Parameters)
        {
            if (IsInputParameter(parameter))
            {
                builder.Add(parameter.Name);
            }
        }

        AddBoundProperties(method.ContainingType, builder);

        if (builder.Count == 0 && httpRequest is not null)
        {
            foreach (var operation in root.DescendantsDepthFirst())
            {
                if (operation is IPropertyReferenceOperation { Property.Name: "Form" } form && form.Property.ContainingType.IsType(httpRequest))
                {
                    builder.Add(form.Syntax.ToString());
                    break;
                }
            }
        }

        return builder.ToImmutable();
    }

    private static bool IsPageWriteHandlerName(string name)
    {
        foreach (var prefix in new[] { "OnPost", "OnPut", "OnPatch" })
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal)
                && (name.Length == prefix.Length || char.IsUpper(name[prefix.Length]) || char.IsDigit(name[prefix.Length]) || name[prefix.Length] == '_'))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsWriteVerbAttribute(AttributeData attribute)
    {
        var type = attribute.AttributeClass;
        if (type.DerivesFromOrIs(httpPost) || type.DerivesFromOrIs(httpPut) || type.DerivesFromOrIs(httpPatch))
        {
            return true;
        }

        if (!type.DerivesFromOrIs(acceptVerbs))
        {
            return false;
        }

        foreach (var argument in attribute.ConstructorArguments)
        {
            if (argument.Kind == TypedConstantKind.Array)
            {
                foreach (var element in argument.Values)
                {
                    if (IsWriteVerb(element.Value as string))
                    {
                        return true;
                    }
                }
            }
            else if (IsWriteVerb(argument.Value as string))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWriteVerb(string? verb) =>
        verb is not null
        && (verb.Equals("POST", StringComparison.OrdinalIgnoreCase) || verb.Equals("PUT", StringComparison.OrdinalIgnoreCase) || verb.Equals("PATCH", StringComparison.OrdinalIgnoreCase));

    private bool IsInputParameter(IParameterSymbol parameter)
    {
        if (parameter.RefKind is RefKind.Out)
        {
            return false;
        }

        var explicitBody = false;
        foreach (var attribute in parameter.GetAttributes())
        {
            var type = attribute.AttributeClass;
            foreach (var other in notFromRequestBody)
            {
                if (type.DerivesFromOrIs(other))
                {
                    return false;
                }
            }

            if (type.DerivesFromOrIs(fromForm) || type.DerivesFromOrIs(fromBody))
            {
                explicitBody = true;
            }
        }

        if (IsFileType(parameter.Type))
        {
            return false;
        }

        return (explicitBody && !IsScalar(parameter.Type)) || IsFormCollection(parameter.Type) || IsComplex(parameter.Type, depth: 0);
    }

    private bool IsFormCollection(ITypeSymbol type) => type.IsType(formCollection);

    private bool IsFileType(ITypeSymbol type)
    {
        if (type.IsType(formFile) || type.IsType(formFileCollection))
        {
            return true;
        }

        return ElementType(type) is { } element && (element.IsType(formFile) || element.IsType(formFileCollection));
    }

    /// <summary>A type that model binding fills from the form or body field by field: a class, record or struct of the app.</summary>
    private bool IsComplex(ITypeSymbol type, int depth)
    {
        if (depth > 3)
        {
            return false;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            return IsComplex(nullable.TypeArguments[0], depth + 1);
        }

        if (type.SpecialType != SpecialType.None || type.TypeKind is TypeKind.Enum or TypeKind.TypeParameter or TypeKind.Delegate or TypeKind.Pointer or TypeKind.Dynamic or TypeKind.Error)
        {
            return false;
        }

        if (ElementType(type) is { } element)
        {
            return IsComplex(element, depth + 1);
        }

        if (type.TypeKind == TypeKind.Interface || type.IsAbstract || IsSimpleFrameworkType(type))
        {
            return false;
        }

        return type.TypeKind is TypeKind.Class or TypeKind.Struct;
    }

    /// <summary>A number, flag, enum, Guid, date or time: a value, not text the user typed.</summary>
    private static bool IsScalar(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type.SpecialType == SpecialType.System_String || type.SpecialType == SpecialType.System_Object)
        {
            return false;
        }

        return type.SpecialType != SpecialType.None || type.TypeKind == TypeKind.Enum || (type.TypeKind == TypeKind.Struct && IsSimpleFrameworkType(type));
    }

    /// <summary>The element type of an array or an <c>IEnumerable&lt;T&gt;</c> (strings excluded).</summary>
    private static ITypeSymbol? ElementType(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        if (type.SpecialType == SpecialType.System_String)
        {
            return null;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Collections_Generic_IEnumerable_T } enumerable)
        {
            return enumerable.TypeArguments[0];
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            {
                return implemented.TypeArguments[0];
            }
        }

        return null;
    }

    private static bool IsSimpleFrameworkType(ITypeSymbol type)
    {
        var ns = type.ContainingNamespace?.ToDisplayString();
        return ns switch
        {
            "System" => type.Name is "Guid" or "DateTime" or "DateTimeOffset" or "TimeSpan" or "DateOnly" or "TimeOnly" or "Uri" or "Version" or "Half" or "Int128" or "UInt128",
            "System.Threading" => type.Name == "CancellationToken",
            "System.Security.Claims" => true,
            "System.IO" => true,
            "System.Threading.Tasks" => true,
            "Microsoft.AspNetCore.Http" => type.Name is "HttpContext" or "HttpRequest" or "HttpResponse",
            "Microsoft.Extensions.Primitives" => true,
            _ => false,
        };
    }

    private void AddBoundProperties(INamedTypeSymbol type, ImmutableArray<string>.Builder builder)
    {
        var bindAll = false;
        for (var current = type; current is not null && !IsFrameworkBase(current); current = current.BaseType)
        {
            bindAll |= HasAttribute(current, bindProperties);
        }

        for (var current = type; current is not null && !IsFrameworkBase(current); current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is not IPropertySymbol { IsStatic: false, IsIndexer: false } property || IsFileType(property.Type))
                {
                    continue;
                }

                if (IsScalar(property.Type))
                {
                    continue;
                }

                var bindAttribute = BindAttribute(property);
                var bound = bindAttribute is not null
                    ? !(property.Type.SpecialType == SpecialType.System_String && SupportsGet(bindAttribute))
                    : bindAll && property.DeclaredAccessibility == Accessibility.Public && property.SetMethod is { DeclaredAccessibility: Accessibility.Public };
                if (bound && !builder.Contains(property.Name))
                {
                    builder.Add(property.Name);
                }
            }
        }
    }

    private AttributeData? BindAttribute(IPropertySymbol property)
    {
        if (bindProperty is null)
        {
            return null;
        }

        foreach (var attribute in property.GetAttributes())
        {
            if (attribute.AttributeClass.DerivesFromOrIs(bindProperty))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary><c>[BindProperty(SupportsGet = true)]</c>: a string bound on GET too is a query value (a search term, a return URL).</summary>
    private static bool SupportsGet(AttributeData attribute)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "SupportsGet" && argument.Value.Value is true)
            {
                return true;
            }
        }

        return false;
    }

    private bool IsFrameworkBase(INamedTypeSymbol type) =>
        type.IsType(pageModel) || type.IsType(pageBase) || type.IsType(controllerBase) || type.SpecialType == SpecialType.System_Object
        || type.ContainingNamespace?.ToDisplayString().StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true;

    private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attributeType)
    {
        if (attributeType is null)
        {
            return false;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass.DerivesFromOrIs(attributeType))
            {
                return true;
            }
        }

        return false;
    }
}
