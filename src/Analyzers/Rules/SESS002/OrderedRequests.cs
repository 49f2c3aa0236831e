using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SessionSafety.Analyzers.Rules.SESS002;

/// <summary>
/// A member's requests (its saves, or a message handler's <c>base.SendAsync</c> calls) in source order,
/// for the question "which is the nearest request before this redirect that lies in this window?". Each
/// window is answered with a binary search, then a walk down past the requests that enclose the window's
/// position (as deep as the nesting, no more) and past those that do not count (saves already guarded),
/// which are skipped in one step each. So a member with N redirects and N saves costs N log N, not N².
/// </summary>
internal sealed class OrderedRequests
{
    private readonly TextSpan[] spans;

    /// <summary>For each index, the nearest index at or before it of a request that counts; -1 when none does.</summary>
    private readonly int[] countingAtOrBefore;

    /// <param name="requests">The requests, sorted by their position in the source.</param>
    /// <param name="counts">Whether a request counts (a save through the runtime's guard does not).</param>
    public OrderedRequests(IReadOnlyList<IOperation> requests, IReadOnlyList<bool> counts)
    {
        spans = new TextSpan[requests.Count];
        countingAtOrBefore = new int[requests.Count];
        var last = -1;
        for (var i = 0; i < spans.Length; i++)
        {
            spans[i] = requests[i].Syntax.Span;
            if (counts[i])
            {
                last = i;
            }

            countingAtOrBefore[i] = last;
        }
    }

    public int Count => spans.Length;

    /// <summary>The index of the last request (in source order) that counts and lies in <paramref name="window"/>; -1 when none does.</summary>
    public int Nearest(FailureWindow window)
    {
        var nearest = -1;
        if (window.EndsBy != int.MinValue)
        {
            nearest = EndingBy(window.EndsBy);
        }

        if (window.Inside is { } span)
        {
            var inside = Within(span);
            nearest = inside > nearest ? inside : nearest;
        }

        return nearest;
    }

    /// <summary>The last counting request that ends at or before <paramref name="position"/>.</summary>
    private int EndingBy(int position)
    {
        // Requests that start before the position but end after it enclose it (a redirect inside a lambda
        // handed to the request): there are as many as the nesting is deep.
        for (var i = CountStartingBefore(position) - 1; i >= 0; i--)
        {
            i = countingAtOrBefore[i];
            if (i < 0)
            {
                return -1;
            }

            if (spans[i].End <= position)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The last counting request inside <paramref name="span"/>.</summary>
    private int Within(TextSpan span)
    {
        for (var i = CountStartingBefore(span.End) - 1; i >= 0; i--)
        {
            i = countingAtOrBefore[i];
            if (i < 0 || spans[i].Start < span.Start)
            {
                return -1;
            }

            if (spans[i].End <= span.End)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>How many requests start before <paramref name="position"/>.</summary>
    private int CountStartingBefore(int position)
    {
        int low = 0, high = spans.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (spans[middle].Start < position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
