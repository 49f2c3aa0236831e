using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SessionSafety.Analyzers.Rules.SESS004;

/// <summary>SESS004: one call that creates or configures a cookie scheme, or registers an options class for them.</summary>
internal sealed class CookieConfiguration
{
    public CookieConfiguration(string? scheme, bool allSchemes, bool creates, bool configures, SyntaxNode call, Location location, ImmutableArray<SyntaxNode> guards)
    {
        Scheme = scheme;
        AllSchemes = allSchemes;
        Creates = creates;
        Configures = configures;
        Call = call;
        Location = location;
        Guards = guards;
    }

    /// <summary>The scheme's name; null when the code gives it in a way the rule cannot read (then it may be any scheme).</summary>
    public string? Scheme { get; }

    /// <summary><c>ConfigureAll</c>/<c>PostConfigureAll</c>, or an options class that decides by name at run time.</summary>
    public bool AllSchemes { get; }

    /// <summary>Adds the scheme's handler (<c>AddCookie</c>, <c>AddIdentity</c>, <c>AddIdentityCookies</c>, …).</summary>
    public bool Creates { get; }

    /// <summary>Configures the named scheme's options (the call the fix can add the events to).</summary>
    public bool Configures { get; }

    /// <summary>The invocation (for ordering: its tree and position).</summary>
    public SyntaxNode Call { get; }

    /// <summary>Where a diagnostic for the scheme goes: the invoked method's name.</summary>
    public Location Location { get; }

    /// <summary>The <c>if</c>s and conditional expressions the call is made under, innermost first.</summary>
    public ImmutableArray<SyntaxNode> Guards { get; }

    /// <summary>What the call's own options lambda sets.</summary>
    public HandledRedirects Handled { get; set; }

    /// <summary>Methods of the compilation the configuration hands the options to (read when needed).</summary>
    public List<IMethodSymbol> Helpers { get; } = new();

    /// <summary>For a registered options class: the class.</summary>
    public INamedTypeSymbol? OptionsClass { get; set; }

    /// <summary>Whether this configuration counts for a scheme whose first call is <paramref name="anchor"/>: made under no condition the anchor is not under too.</summary>
    public bool HoldsWhenever(CookieConfiguration anchor)
    {
        foreach (var guard in Guards)
        {
            if (!anchor.Guards.Contains(guard))
            {
                return false;
            }
        }

        return true;
    }

    public bool AppliesTo(string scheme) => AllSchemes || Scheme is null || Scheme == scheme;
}
