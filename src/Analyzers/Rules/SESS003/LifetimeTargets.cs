using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS003;

/// <summary>
/// SESS003: the properties that hold a session lifetime, resolved once per compilation. Classifying
/// an assignment is a name switch first and symbol comparisons only for the six names that matter.
/// </summary>
internal sealed class LifetimeTargets
{
    private LifetimeTargets(Compilation compilation, TimeTypes time)
    {
        Time = time;
        CookieAuthenticationOptions = compilation.FindType(KnownTypes.CookieAuthenticationOptions);
        SessionOptions = compilation.FindType(KnownTypes.SessionOptions);
        AntiforgeryOptionsType = compilation.FindType(KnownTypes.AntiforgeryOptions);
        CookieBuilder = compilation.FindType(KnownTypes.CookieBuilder);
        CookieOptions = compilation.FindType(KnownTypes.CookieOptions);
        AuthenticationProperties = compilation.FindType(KnownTypes.AuthenticationProperties);
        NetCookie = compilation.FindType(KnownTypes.SystemNetCookie);
        ResponseCookiesType = compilation.FindType(KnownTypes.IResponseCookies);

        ExpireTimeSpan = Property(CookieAuthenticationOptions, "ExpireTimeSpan");
        SlidingExpiration = Property(CookieAuthenticationOptions, "SlidingExpiration");
        IdleTimeout = Property(SessionOptions, "IdleTimeout");
        BuilderMaxAge = Property(CookieBuilder, "MaxAge");
        BuilderExpiration = Property(CookieBuilder, "Expiration");
        BuilderName = Property(CookieBuilder, "Name");
        ExpiresUtc = Property(AuthenticationProperties, "ExpiresUtc");
        OptionsExpires = Property(CookieOptions, "Expires");
        OptionsMaxAge = Property(CookieOptions, "MaxAge");
        NetCookieExpires = Property(NetCookie, "Expires");
        NetCookieName = Property(NetCookie, "Name");
    }

    public TimeTypes Time { get; }

    public INamedTypeSymbol? CookieAuthenticationOptions { get; }

    public INamedTypeSymbol? SessionOptions { get; }

    public INamedTypeSymbol? AntiforgeryOptionsType { get; }

    public INamedTypeSymbol? CookieBuilder { get; }

    public INamedTypeSymbol? CookieOptions { get; }

    public INamedTypeSymbol? AuthenticationProperties { get; }

    public INamedTypeSymbol? NetCookie { get; }

    public INamedTypeSymbol? ResponseCookiesType { get; }

    public IPropertySymbol? ExpireTimeSpan { get; }

    public IPropertySymbol? SlidingExpiration { get; }

    public IPropertySymbol? IdleTimeout { get; }

    public IPropertySymbol? BuilderMaxAge { get; }

    public IPropertySymbol? BuilderExpiration { get; }

    public IPropertySymbol? BuilderName { get; }

    public IPropertySymbol? ExpiresUtc { get; }

    public IPropertySymbol? OptionsExpires { get; }

    public IPropertySymbol? OptionsMaxAge { get; }

    public IPropertySymbol? NetCookieExpires { get; }

    public IPropertySymbol? NetCookieName { get; }

    public static LifetimeTargets? Create(Compilation compilation)
    {
        var time = TimeTypes.Create(compilation);
        if (time is null)
        {
            return null;
        }

        var targets = new LifetimeTargets(compilation, time);
        var any = targets.ExpireTimeSpan ?? targets.IdleTimeout ?? targets.BuilderMaxAge ?? targets.BuilderExpiration
            ?? targets.ExpiresUtc ?? targets.OptionsExpires ?? targets.OptionsMaxAge ?? targets.NetCookieExpires;
        return any is null ? null : targets;
    }

    /// <summary>
    /// Text that every target property's name contains (ExpireTimeSpan, IdleTimeout, MaxAge, Expiration,
    /// Expires/ExpiresUtc): source without any of them assigns none.
    /// </summary>
    public static readonly string[] NameParts = { "ExpireTimeSpan", "IdleTimeout", "MaxAge", "Expiration", "Expires" };

    public LifetimeTargetKind Classify(IPropertySymbol property)
    {
        switch (property.Name)
        {
            case "ExpireTimeSpan":
                return Is(property, ExpireTimeSpan) ? LifetimeTargetKind.CookieAuthenticationExpireTimeSpan : LifetimeTargetKind.None;
            case "IdleTimeout":
                return Is(property, IdleTimeout) ? LifetimeTargetKind.SessionIdleTimeout : LifetimeTargetKind.None;
            case "MaxAge":
                return Is(property, BuilderMaxAge) ? LifetimeTargetKind.CookieBuilderMaxAge
                    : Is(property, OptionsMaxAge) ? LifetimeTargetKind.CookieOptionsMaxAge
                    : LifetimeTargetKind.None;
            case "Expiration":
                return Is(property, BuilderExpiration) ? LifetimeTargetKind.CookieBuilderExpiration : LifetimeTargetKind.None;
            case "ExpiresUtc":
                return Is(property, ExpiresUtc) ? LifetimeTargetKind.AuthenticationPropertiesExpiresUtc : LifetimeTargetKind.None;
            case "Expires":
                return Is(property, OptionsExpires) ? LifetimeTargetKind.CookieOptionsExpires
                    : Is(property, NetCookieExpires) ? LifetimeTargetKind.NetCookieExpires
                    : LifetimeTargetKind.None;
            default:
                return LifetimeTargetKind.None;
        }
    }

    public bool IsSlidingExpiration(IPropertySymbol property) =>
        property.Name == "SlidingExpiration" && Is(property, SlidingExpiration);

    public bool IsCookieName(IPropertySymbol property) =>
        property.Name == "Name" && (Is(property, BuilderName) || Is(property, NetCookieName));

    /// <summary>
    /// The configuration section for <c>options.Cookie</c> of the authentication, session or antiforgery
    /// options (those cookies are session cookies whatever their name); null for any other cookie.
    /// </summary>
    public string? CookieOwnerSection(IPropertyReferenceOperation? cookie)
    {
        if (cookie is null || cookie.Property.Name != "Cookie")
        {
            return null;
        }

        var owner = cookie.Property.ContainingType;
        return DerivesFrom(owner, CookieAuthenticationOptions) ? "Authentication"
            : DerivesFrom(owner, SessionOptions) ? "Session"
            : DerivesFrom(owner, AntiforgeryOptionsType) ? "Antiforgery"
            : null;
    }

    /// <summary><c>Response.Cookies.Append(name, value, options)</c>.</summary>
    public bool IsAppend(IMethodSymbol method) =>
        method.Name == "Append" && ResponseCookiesType is not null
        && (SymbolEqualityComparer.Default.Equals(method.ContainingType, ResponseCookiesType)
            || method.ContainingType.AllInterfaces.Contains(ResponseCookiesType, SymbolEqualityComparer.Default));

    private static bool Is(IPropertySymbol property, IPropertySymbol? target)
    {
        if (target is null)
        {
            return false;
        }

        for (var current = property; current is not null; current = current.OverriddenProperty)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, target))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        for (var current = type; current is not null && baseType is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private static IPropertySymbol? Property(INamedTypeSymbol? type, string name)
    {
        if (type is null)
        {
            return null;
        }

        foreach (var member in type.GetMembers(name))
        {
            if (member is IPropertySymbol { IsStatic: false, Parameters.IsEmpty: true } property)
            {
                return property;
            }
        }

        return null;
    }
}
