using System.Collections.Generic;
using System.Collections.Immutable;

namespace SessionSafety.Analyzers.Rules.SESS004;

/// <summary>
/// SESS004: the schemes that challenge an endpoint that names none. <c>DefaultChallengeScheme</c> when the app
/// sets it, else the one <c>AddIdentity</c> sets (the application cookie) unless the app cleared it, else
/// <c>DefaultScheme</c> (<c>AddAuthentication("…")</c>, or the application cookie for <c>AddDefaultIdentity</c>), else — as ASP.NET
/// Core does from version 7 on — the only scheme when the app adds exactly one. Values the rule cannot read
/// make no scheme the default.
/// </summary>
internal static class ChallengeSchemes
{
    public static ImmutableHashSet<string> Decide(IReadOnlyCollection<SchemeDefault> defaults, string? onlyScheme)
    {
        var explicitChallenge = Values(defaults, challenge: true, implicitly: false, out var challengeSetToNull);
        if (!explicitChallenge.IsEmpty)
        {
            return explicitChallenge;
        }

        // AddIdentity sets DefaultChallengeScheme, which wins over any DefaultScheme unless the app clears it.
        if (!challengeSetToNull && Values(defaults, challenge: true, implicitly: true, out _) is { IsEmpty: false } identityChallenge)
        {
            return identityChallenge;
        }

        var explicitDefault = Values(defaults, challenge: false, implicitly: false, out _);
        if (!explicitDefault.IsEmpty)
        {
            return explicitDefault;
        }

        var identityDefault = Values(defaults, challenge: false, implicitly: true, out _);
        if (!identityDefault.IsEmpty)
        {
            return identityDefault;
        }

        foreach (var statement in defaults)
        {
            if (!statement.Known)
            {
                return ImmutableHashSet<string>.Empty;
            }
        }

        return onlyScheme is null ? ImmutableHashSet<string>.Empty : ImmutableHashSet.Create(onlyScheme);
    }

    private static ImmutableHashSet<string> Values(IReadOnlyCollection<SchemeDefault> defaults, bool challenge, bool implicitly, out bool setToNull)
    {
        setToNull = false;
        var values = ImmutableHashSet.CreateBuilder<string>();
        foreach (var statement in defaults)
        {
            if (statement.Challenge != challenge || statement.Implicitly != implicitly || !statement.Known)
            {
                continue;
            }

            if (statement.Value is null)
            {
                setToNull = true;
            }
            else
            {
                values.Add(statement.Value);
            }
        }

        return values.ToImmutable();
    }
}
