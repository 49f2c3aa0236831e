using Microsoft.CodeAnalysis;
using SessionSafety.Analyzers.Internal;
using static SessionSafety.Analyzers.Internal.OperationExtensions;

namespace SessionSafety.Analyzers.Rules.SESS004;

/// <summary>
/// SESS004: the types it judges by, resolved once per compilation. Without cookie authentication's options
/// type there is nothing to configure (<see cref="Create"/> answers null). Whether ASP.NET Core answers
/// 401/403 to the endpoints it knows to be APIs (version 10 and later) is read from the referenced
/// assemblies: the metadata interface that marks those endpoints exists from 10 on.
/// </summary>
internal sealed class CookieTypes
{
    private CookieTypes(Compilation compilation, INamedTypeSymbol cookieOptions)
    {
        CookieOptions = cookieOptions;
        CookieEvents = compilation.FindType(KnownTypes.CookieAuthenticationEvents);
        AuthenticationBuilder = compilation.FindType(KnownTypes.AuthenticationBuilder);
        AuthenticationOptions = compilation.FindType(KnownTypes.AuthenticationOptions);
        ServiceCollection = compilation.FindType(KnownTypes.IServiceCollection);
        IdentityBuilder = compilation.FindType(KnownTypes.IdentityBuilder);
        IdentityConstants = compilation.FindType(KnownTypes.IdentityConstants);
        IdentityCookiesBuilder = compilation.FindType(KnownTypes.IdentityCookiesBuilder);
        OptionsBuilder = compilation.FindType(KnownTypes.OptionsBuilder);
        ConfigureOptions = compilation.FindType(KnownTypes.IConfigureOptions);
        ConfigureNamedOptions = compilation.FindType(KnownTypes.IConfigureNamedOptions);
        PostConfigureOptions = compilation.FindType(KnownTypes.IPostConfigureOptions);
        AuthorizationOptions = compilation.FindType(KnownTypes.AuthorizationOptions);
        AuthorizationBuilder = compilation.FindType(KnownTypes.AuthorizationBuilder);
        AuthorizeData = compilation.FindType(KnownTypes.IAuthorizeData);
        AllowAnonymous = compilation.FindType(KnownTypes.IAllowAnonymous);
        AuthorizeFilter = compilation.FindType(KnownTypes.AuthorizeFilter);
        EndpointRouteBuilder = compilation.FindType(KnownTypes.IEndpointRouteBuilder);
        EndpointConventionBuilder = compilation.FindType(KnownTypes.IEndpointConventionBuilder);
        DisableCookieRedirect = compilation.FindType(KnownTypes.IDisableCookieRedirectMetadata);
        AllowCookieRedirect = compilation.FindType(KnownTypes.IAllowCookieRedirectMetadata);
        Result = compilation.FindType(KnownTypes.IResult);
        EndpointMetadataProvider = compilation.FindType(KnownTypes.IEndpointMetadataProvider);
        FromBody = compilation.FindType(KnownTypes.IFromBodyMetadata);
        FromServices = compilation.FindType(KnownTypes.IFromServiceMetadata);
        FromForm = compilation.FindType(KnownTypes.IFromFormMetadata);
        FromRoute = compilation.FindType(KnownTypes.IFromRouteMetadata);
        FromQuery = compilation.FindType(KnownTypes.IFromQueryMetadata);
        FromHeader = compilation.FindType(KnownTypes.IFromHeaderMetadata);
        ApiBehavior = compilation.FindType(KnownTypes.IApiBehaviorMetadata);
        ControllerBase = compilation.FindType(KnownTypes.ControllerBase);
        Controller = compilation.FindType(KnownTypes.Controller);
        ControllerAttribute = compilation.FindType(KnownTypes.ControllerAttribute);
        NonControllerAttribute = compilation.FindType(KnownTypes.NonControllerAttribute);
        NonActionAttribute = compilation.FindType(KnownTypes.NonActionAttribute);
        JsonResult = compilation.FindType(KnownTypes.JsonResult);
        HttpPost = compilation.FindType(KnownTypes.HttpPostAttribute);
        HttpPut = compilation.FindType(KnownTypes.HttpPutAttribute);
        HttpPatch = compilation.FindType(KnownTypes.HttpPatchAttribute);
        AcceptVerbs = compilation.FindType(KnownTypes.AcceptVerbsAttribute);
        Task = compilation.FindType(KnownTypes.TaskOfT);
        ValueTask = compilation.FindType(KnownTypes.ValueTaskOfT);
    }

    public INamedTypeSymbol CookieOptions { get; }

    public INamedTypeSymbol? CookieEvents { get; }

    public INamedTypeSymbol? AuthenticationBuilder { get; }

    public INamedTypeSymbol? AuthenticationOptions { get; }

    public INamedTypeSymbol? ServiceCollection { get; }

    public INamedTypeSymbol? IdentityBuilder { get; }

    public INamedTypeSymbol? IdentityConstants { get; }

    public INamedTypeSymbol? IdentityCookiesBuilder { get; }

    public INamedTypeSymbol? OptionsBuilder { get; }

    public INamedTypeSymbol? ConfigureOptions { get; }

    public INamedTypeSymbol? ConfigureNamedOptions { get; }

    public INamedTypeSymbol? PostConfigureOptions { get; }

    public INamedTypeSymbol? AuthorizationOptions { get; }

    public INamedTypeSymbol? AuthorizationBuilder { get; }

    public INamedTypeSymbol? AuthorizeData { get; }

    public INamedTypeSymbol? AllowAnonymous { get; }

    public INamedTypeSymbol? AuthorizeFilter { get; }

    public INamedTypeSymbol? EndpointRouteBuilder { get; }

    public INamedTypeSymbol? EndpointConventionBuilder { get; }

    public INamedTypeSymbol? DisableCookieRedirect { get; }

    public INamedTypeSymbol? AllowCookieRedirect { get; }

    public INamedTypeSymbol? Result { get; }

    public INamedTypeSymbol? EndpointMetadataProvider { get; }

    public INamedTypeSymbol? FromBody { get; }

    public INamedTypeSymbol? FromServices { get; }

    public INamedTypeSymbol? FromForm { get; }

    public INamedTypeSymbol? FromRoute { get; }

    public INamedTypeSymbol? FromQuery { get; }

    public INamedTypeSymbol? FromHeader { get; }

    public INamedTypeSymbol? ApiBehavior { get; }

    public INamedTypeSymbol? ControllerBase { get; }

    public INamedTypeSymbol? Controller { get; }

    public INamedTypeSymbol? ControllerAttribute { get; }

    public INamedTypeSymbol? NonControllerAttribute { get; }

    public INamedTypeSymbol? NonActionAttribute { get; }

    public INamedTypeSymbol? JsonResult { get; }

    public INamedTypeSymbol? HttpPost { get; }

    public INamedTypeSymbol? HttpPut { get; }

    public INamedTypeSymbol? HttpPatch { get; }

    public INamedTypeSymbol? AcceptVerbs { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? ValueTask { get; }

    /// <summary>
    /// Below ASP.NET Core 10 cookie authentication redirects every endpoint; from 10 on it answers 401/403
    /// to endpoints marked as APIs, which the interface of that metadata tells.
    /// </summary>
    public bool RedirectsApiEndpoints => DisableCookieRedirect is null;

    public static CookieTypes? Create(Compilation compilation) =>
        compilation.FindType(KnownTypes.CookieAuthenticationOptions) is { } options ? new CookieTypes(compilation, options) : null;

    /// <summary>Whether an attribute of <paramref name="symbol"/> implements <paramref name="metadata"/>.</summary>
    public static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? metadata)
    {
        if (metadata is null)
        {
            return false;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (Implements(attribute.AttributeClass, metadata) || attribute.AttributeClass.DerivesFromOrIs(metadata))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The result type of a <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c>, else the type itself.</summary>
    public ITypeSymbol Unwrap(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
            && (named.OriginalDefinition.IsType(Task) || named.OriginalDefinition.IsType(ValueTask))
            ? named.TypeArguments[0]
            : type;
}
