using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SessionSafety.Analyzers.Rules.SESS002;

/// <summary>
/// Some operations of one member (the draft stores, the tests that tell page navigations from script
/// calls) and the question "does one of them run before this redirect, on a path to it?": earlier in the
/// source, not around it, and not in a branch that excludes it (the other arm of an <c>if</c>, another
/// switch case or arm, another <c>catch</c>). Answered by counting over their sorted positions — those
/// before the redirect, less those around it and those in the excluded branches along its ancestors — so
/// N redirects over N operations cost N log N, not N².
/// </summary>
internal sealed class PrecedingOperations
{
    public static readonly PrecedingOperations None = new(new List<IOperation>());

    private readonly int[] starts;
    private readonly HashSet<IOperation> operations;

    public PrecedingOperations(List<IOperation> operations)
    {
        this.operations = new HashSet<IOperation>(operations);
        starts = new int[operations.Count];
        for (var i = 0; i < starts.Length; i++)
        {
            starts[i] = operations[i].Syntax.SpanStart;
        }

        Array.Sort(starts);
    }

    public bool IsEmpty => starts.Length == 0;

    /// <summary>Whether one of the operations runs before <paramref name="target"/> on a path to it.</summary>
    public bool AnyBefore(IOperation target)
    {
        var start = target.Syntax.SpanStart;
        var count = CountStartingIn(int.MinValue, start);
        if (count == 0)
        {
            return false;
        }

        IOperation child = target;
        for (var parent = target.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            // Around the target (a draft store whose lambda holds the redirect): it has not finished first.
            if (operations.Contains(parent) && parent.Syntax.SpanStart < start)
            {
                count--;
            }

            count -= ExcludedBefore(parent, child, start);
        }

        return count > 0;
    }

    /// <summary>How many operations before <paramref name="start"/> lie in branches of <paramref name="parent"/> that exclude <paramref name="child"/>'s.</summary>
    private int ExcludedBefore(IOperation parent, IOperation child, int start)
    {
        switch (parent)
        {
            case IConditionalOperation conditional when child == conditional.WhenFalse:
                return CountStartingIn(conditional.WhenTrue.Syntax.SpanStart, Math.Min(conditional.WhenTrue.Syntax.Span.End, start));

            // The earlier cases, arms or catches lie between the switched value (the try's body) and this one.
            case ISwitchOperation @switch when child != @switch.Value:
                return CountStartingIn(@switch.Value.Syntax.Span.End, Math.Min(child.Syntax.SpanStart, start));

            case ISwitchExpressionOperation switchExpression when child != switchExpression.Value:
                return CountStartingIn(switchExpression.Value.Syntax.Span.End, Math.Min(child.Syntax.SpanStart, start));

            case ITryOperation @try when child is ICatchClauseOperation:
                return CountStartingIn(@try.Body.Syntax.Span.End, Math.Min(child.Syntax.SpanStart, start));

            default:
                return 0;
        }
    }

    /// <summary>How many operations start in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    private int CountStartingIn(int from, int to) => to <= from ? 0 : LowerBound(to) - LowerBound(from);

    private int LowerBound(int position)
    {
        int low = 0, high = starts.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (starts[middle] < position)
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
