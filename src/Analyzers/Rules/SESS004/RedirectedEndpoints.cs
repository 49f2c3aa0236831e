using System;
using System.Collections.Generic;

namespace SessionSafety.Analyzers.Rules.SESS004;

/// <summary>
/// SESS004: the redirected endpoints one scheme's message can name — the minimal APIs (collected already, in the
/// compilation's order) first, then the controllers' actions, read only as far as a scheme needs and kept for the next.
/// </summary>
internal sealed class RedirectedEndpoints
{
    private readonly List<RedirectedEndpoint> read;
    private readonly IEnumerator<RedirectedEndpoint> actions;
    private bool exhausted;

    public RedirectedEndpoints(List<RedirectedEndpoint> minimal, IEnumerable<RedirectedEndpoint> actions)
    {
        read = minimal;
        this.actions = actions.GetEnumerator();
    }

    /// <summary>The first endpoint that matches, or null.</summary>
    public RedirectedEndpoint? First(Func<RedirectedEndpoint, bool> match)
    {
        foreach (var endpoint in read)
        {
            if (match(endpoint))
            {
                return endpoint;
            }
        }

        while (!exhausted)
        {
            if (!actions.MoveNext())
            {
                exhausted = true;
                actions.Dispose();
                break;
            }

            read.Add(actions.Current);
            if (match(actions.Current))
            {
                return actions.Current;
            }
        }

        return null;
    }
}
