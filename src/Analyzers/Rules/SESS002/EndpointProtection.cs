using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SessionSafety.Analyzers.Internal;
using static SessionSafety.Analyzers.Internal.OperationExtensions;

namespace SessionSafety.Analyzers.Rules.SESS002;

/// <summary>
/// SESS002 context (c): whether a request from an expired session can reach an MVC action or a Razor
/// Pages handler at all. It cannot when authorization runs first — <c>[Authorize]</c> (anything that
/// carries <c>IAuthorizeData</c>) on the action, its type or a base type, or a global <c>AuthorizeFilter</c>,
/// <c>RequireAuthorization()</c> or fallback policy, unless <c>[AllowAnonymous]</c>; or an authorization
/// filter of the app's own (an attribute that is an <c>IAuthorizationFilter</c>/<c>IAsyncAuthorizationFilter</c>,
/// or a <c>TypeFilterAttribute</c>/<c>ServiceFilterAttribute</c> of one), which runs whatever
/// <c>[AllowAnonymous]</c> says — or when antiforgery validation runs first (<c>[ValidateAntiForgeryToken]</c>,
/// <c>[AutoValidateAntiforgeryToken]</c> nearest to the action, or a global antiforgery filter; Razor Pages
/// validate by default), unless <c>[IgnoreAntiforgeryToken]</c> is nearer: the token is bound to the
/// signed-in user, so an expired session's request fails with 400 before the action runs.
/// </summary>
internal sealed class EndpointProtection
{
    private readonly Compilation compilation;
    private readonly INamedTypeSymbol? authorizeData;
    private readonly INamedTypeSymbol? allowAnonymous;
    private readonly INamedTypeSymbol? authorizationFilter;
    private readonly INamedTypeSymbol? asyncAuthorizationFilter;
    private readonly INamedTypeSymbol? typeFilterAttribute;
    private readonly INamedTypeSymbol? serviceFilterAttribute;
    private readonly INamedTypeSymbol? validateAntiforgery;
    private readonly INamedTypeSymbol? autoValidateAntiforgery;
    private readonly INamedTypeSymbol? ignoreAntiforgery;
    private readonly INamedTypeSymbol? controllerBase;
    private readonly INamedTypeSymbol? pageModel;
    private readonly INamedTypeSymbol? pageBase;
    private readonly Deferred<GlobalProtection> globals = new();
    private readonly Memo<ISymbol, Level> levels = new(SymbolEqualityComparer.Default);
    private readonly Memo<INamedTypeSymbol, bool> filterAttributes = new(SymbolEqualityComparer.Default);

    public EndpointProtection(Compilation compilation)
    {
        this.compilation = compilation;
        authorizeData = compilation.FindType(KnownTypes.IAuthorizeData);
        allowAnonymous = compilation.FindType(KnownTypes.IAllowAnonymous);
        authorizationFilter = compilation.FindType(KnownTypes.IAuthorizationFilter);
        asyncAuthorizationFilter = compilation.FindType(KnownTypes.IAsyncAuthorizationFilter);
        typeFilterAttribute = compilation.FindType(KnownTypes.TypeFilterAttribute);
        serviceFilterAttribute = compilation.FindType(KnownTypes.ServiceFilterAttribute);
        validateAntiforgery = compilation.FindType(KnownTypes.ValidateAntiForgeryTokenAttribute);
        autoValidateAntiforgery = compilation.FindType(KnownTypes.AutoValidateAntiforgeryTokenAttribute);
        ignoreAntiforgery = compilation.FindType(KnownTypes.IgnoreAntiforgeryTokenAttribute);
        controllerBase = compilation.FindType(KnownTypes.ControllerBase);
        pageModel = compilation.FindType(KnownTypes.PageModel);
        pageBase = compilation.FindType(KnownTypes.PageBase);
        FilterCollection = compilation.FindType(KnownTypes.FilterCollection);
        AuthorizeFilter = compilation.FindType(KnownTypes.AuthorizeFilter);
        AuthorizationOptions = compilation.FindType(KnownTypes.AuthorizationOptions);
        AuthorizationBuilder = compilation.FindType(KnownTypes.AuthorizationBuilder);
        AuthorizationEndpointConventionBuilderExtensions = compilation.FindType(KnownTypes.AuthorizationEndpointConventionBuilderExtensions);
    }

    public INamedTypeSymbol? FilterCollection { get; }

    public INamedTypeSymbol? AuthorizeFilter { get; }

    public INamedTypeSymbol? AuthorizationOptions { get; }

    public INamedTypeSymbol? AuthorizationBuilder { get; }

    public INamedTypeSymbol? AuthorizationEndpointConventionBuilderExtensions { get; }

    /// <summary>Whether authorization or antiforgery validation stops an expired session's request before <paramref name="handler"/> runs.</summary>
    public bool RunsFirst(IMethodSymbol handler, CancellationToken cancellationToken)
    {
        var isPage = handler.ContainingType.DerivesFromOrIs(pageModel) || handler.ContainingType.DerivesFromOrIs(pageBase);
        var levelsOut = new List<Level>();
        for (var method = handler; method is not null; method = method.OverriddenMethod)
        {
            levelsOut.Add(LevelOf(method, cancellationToken));
        }

        for (var type = handler.ContainingType; type is not null && !IsFrameworkBase(type); type = type.BaseType)
        {
            levelsOut.Add(LevelOf(type, cancellationToken));
        }

        var anonymous = false;
        var authorized = false;
        var antiforgery = AntiforgeryPolicy.None;
        foreach (var level in levelsOut)
        {
            if (level.HasAuthorizationFilter)
            {
                // The app's own authorization filter runs whatever [AllowAnonymous] says.
                return true;
            }

            anonymous |= level.AllowsAnonymous;
            authorized |= level.Authorizes;
            if (antiforgery == AntiforgeryPolicy.None)
            {
                antiforgery = level.Antiforgery;
            }
        }

        // What the attributes decide needs no global registration: those are read (and their files bound)
        // only for the handlers the attributes leave open.
        if ((authorized && !anonymous)
            || antiforgery == AntiforgeryPolicy.Validate
            || (antiforgery == AntiforgeryPolicy.None && isPage))
        {
            return true;
        }

        var global = globals.Get((Rule: this, Token: cancellationToken), static input => GlobalProtection.Build(input.Rule.compilation, input.Rule, input.Token))!;
        return global.HasAuthorizationFilter
            || (!anonymous && (isPage ? global.AuthorizesPages : global.AuthorizesControllers))
            || (antiforgery == AntiforgeryPolicy.None && global.ValidatesAntiforgery);
    }

    /// <summary>A type added to the MVC filters that authorizes: <c>AuthorizeFilter</c> or any <c>I(Async)AuthorizationFilter</c>.</summary>
    public bool IsAuthorizationFilterType(ITypeSymbol type) => Implements(type, authorizationFilter) || Implements(type, asyncAuthorizationFilter);

    /// <summary>A type added to the MVC filters that validates antiforgery tokens.</summary>
    public bool IsAntiforgeryValidation(ITypeSymbol type) => type.DerivesFromOrIs(validateAntiforgery) || type.DerivesFromOrIs(autoValidateAntiforgery);

    /// <summary>What the attributes of one method or type say.</summary>
    private Level LevelOf(ISymbol symbol, CancellationToken cancellationToken) =>
        levels.Get(symbol, (Rule: this, Token: cancellationToken), static (s, input) => input.Rule.ReadLevel(s, input.Token));

    private Level ReadLevel(ISymbol symbol, CancellationToken cancellationToken)
    {
        var level = new Level();
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is not { } type)
            {
                continue;
            }

            level.AllowsAnonymous |= Implements(type, allowAnonymous);
            level.Authorizes |= Implements(type, authorizeData);
            level.HasAuthorizationFilter |= IsAuthorizationFilterAttribute(type, attribute, cancellationToken);
            if (type.DerivesFromOrIs(ignoreAntiforgery))
            {
                level.Antiforgery = AntiforgeryPolicy.Ignore;
            }
            else if (level.Antiforgery == AntiforgeryPolicy.None && IsAntiforgeryValidation(type))
            {
                level.Antiforgery = AntiforgeryPolicy.Validate;
            }
        }

        return level;
    }

    /// <summary>
    /// An attribute that is an authorization filter of the app's own: it implements
    /// <c>I(Async)AuthorizationFilter</c>, or it is a <c>TypeFilterAttribute</c>/<c>ServiceFilterAttribute</c> of one —
    /// named in the attribute (<c>[TypeFilter(typeof(F))]</c>) or in its class's constructor (<c>: base(typeof(F))</c>).
    /// </summary>
    private bool IsAuthorizationFilterAttribute(INamedTypeSymbol type, AttributeData attribute, CancellationToken cancellationToken)
    {
        if (Implements(type, authorizeData))
        {
            return false;
        }

        if (IsAuthorizationFilterType(type))
        {
            return true;
        }

        if (!type.DerivesFromOrIs(typeFilterAttribute) && !type.DerivesFromOrIs(serviceFilterAttribute))
        {
            return false;
        }

        foreach (var argument in attribute.ConstructorArguments)
        {
            if (argument.Kind == TypedConstantKind.Type && argument.Value is ITypeSymbol named && IsAuthorizationFilterType(named))
            {
                return true;
            }
        }

        return filterAttributes.Get(type, (Rule: this, Token: cancellationToken), static (t, input) => input.Rule.NamesAuthorizationFilter(t, input.Token));
    }

    /// <summary><c>class A : TypeFilterAttribute { public A() : base(typeof(F)) { } }</c> (or a primary constructor's base call) with F an authorization filter.</summary>
    private bool NamesAuthorizationFilter(INamedTypeSymbol attributeClass, CancellationToken cancellationToken)
    {
        for (var type = attributeClass; type is not null && !type.IsType(typeFilterAttribute) && !type.IsType(serviceFilterAttribute); type = type.BaseType)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                // Another project's source (the IDE's project references) cannot be bound here; a build sees it as metadata, without the typeof either.
                if (!compilation.ContainsSyntaxTree(reference.SyntaxTree))
                {
                    continue;
                }

                var declaration = reference.GetSyntax(cancellationToken);
                foreach (var node in declaration.DescendantNodes(n => n == declaration || n is ConstructorDeclarationSyntax or ConstructorInitializerSyntax or BaseListSyntax or PrimaryConstructorBaseTypeSyntax or ArgumentListSyntax or ArgumentSyntax))
                {
                    if (node is not TypeOfExpressionSyntax typeOf)
                    {
                        continue;
                    }

                    // The attribute's own class, bound once per compilation when an action carries it.
#pragma warning disable RS1030 // The attribute class is usually in another file than the action.
                    var model = compilation.GetSemanticModel(typeOf.SyntaxTree);
#pragma warning restore RS1030
                    if (model.GetTypeInfo(typeOf.Type, cancellationToken).Type is { } filter && IsAuthorizationFilterType(filter))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private bool IsFrameworkBase(INamedTypeSymbol type) =>
        type.IsType(controllerBase) || type.IsType(pageModel) || type.IsType(pageBase) || type.SpecialType == SpecialType.System_Object;

    private enum AntiforgeryPolicy
    {
        None,
        Validate,
        Ignore,
    }

    /// <summary>What the attributes of one method or type say about authorization and antiforgery.</summary>
    private sealed class Level
    {
        public bool AllowsAnonymous { get; set; }

        public bool Authorizes { get; set; }

        public bool HasAuthorizationFilter { get; set; }

        public AntiforgeryPolicy Antiforgery { get; set; }
    }
}
