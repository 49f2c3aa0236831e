using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace SessionSafety.Analyzers.Rules.SESS004;

/// <summary>
/// SESS004: the redirected endpoints one scheme's message can name — the minimal APIs (collected already, in the
/// compilation's order) first, then the controllers' actions, read only as far as a scheme needs and kept for the next.
/// </summary>
internal sealed class RedirectedEndpoints
{
    private readonly List<RedirectedEndpoint> read;
    private readonly IEnumerator<RedirectedEndpoint> actions;
    private readonly Dictionary<string, int> firstNamingAt = new(StringComparer.Ordinal);
    private int firstUnnamedAt = -1;
    private int indexed;
    private bool exhausted;

    public RedirectedEndpoints(List<RedirectedEndpoint> minimal, IEnumerable<RedirectedEndpoint> actions)
    {
        read = minimal;
        this.actions = actions.GetEnumerator();
    }

    /// <summary>
    /// The first endpoint that <paramref name="scheme"/> challenges (<see cref="RedirectedEndpoint.IsChallengedBy"/>),
    /// or null. Each endpoint read is indexed once by the schemes it names, so that asking for each of N schemes
    /// does not read the endpoints N times.
    /// </summary>
    public RedirectedEndpoint? FirstChallengedBy(string scheme, ImmutableHashSet<string> defaults)
    {
        var byDefault = defaults.Contains(scheme);
        while (true)
        {
            var at = firstNamingAt.TryGetValue(scheme, out var named) ? named : -1;
            if (byDefault && firstUnnamedAt >= 0 && (at < 0 || firstUnnamedAt < at))
            {
                at = firstUnnamedAt;
            }

            if (at >= 0)
            {
                return read[at];
            }

            if (!IndexNext())
            {
                return null;
            }
        }
    }

    /// <summary>Indexes the next endpoint, reading the next controller action once the read ones are indexed.</summary>
    private bool IndexNext()
    {
        if (indexed == read.Count)
        {
            if (exhausted)
            {
                return false;
            }

            if (!actions.MoveNext())
            {
                exhausted = true;
                actions.Dispose();
                return false;
            }

            read.Add(actions.Current);
        }

        var endpoint = read[indexed];
        if (endpoint.Schemes.IsEmpty)
        {
            if (firstUnnamedAt < 0)
            {
                firstUnnamedAt = indexed;
            }
        }
        else
        {
            foreach (var named in endpoint.Schemes)
            {
                if (!firstNamingAt.ContainsKey(named))
                {
                    firstNamingAt[named] = indexed;
                }
            }
        }

        indexed++;
        return true;
    }
}
