using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SessionSafety.Analyzers.Rules.SESS004;

/// <summary>SESS004: an endpoint that requires authorization, takes script calls and would be redirected to the login page.</summary>
internal sealed class RedirectedEndpoint
{
    public RedirectedEndpoint(string description, Location location, ImmutableArray<string> schemes)
    {
        Description = description;
        Location = location;
        Schemes = schemes;
    }

    /// <summary>What the message calls it: <c>POST /api/messages</c>, <c>OrdersController.Save</c>.</summary>
    public string Description { get; }

    /// <summary>Where it is mapped or declared (the map call's or the action's name).</summary>
    public Location Location { get; }

    /// <summary>The schemes its <c>[Authorize(AuthenticationSchemes = …)]</c> names; empty: the default challenge scheme.</summary>
    public ImmutableArray<string> Schemes { get; }

    public bool IsChallengedBy(string scheme, ImmutableHashSet<string> defaults) =>
        Schemes.IsEmpty ? defaults.Contains(scheme) : Schemes.Contains(scheme);
}
