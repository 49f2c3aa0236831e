using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SessionSafety.Analyzers.Rules.SESS003;

/// <summary>
/// SESS003: the values an assignment may set. A conditional (<c>c ? a : b</c>, <c>a ?? b</c>, a switch
/// expression) sets one of its arms, and each arm is judged on its own; any other value is its own only arm.
/// </summary>
internal static class ConditionalArms
{
    /// <summary>The arms of <paramref name="value"/>, nested conditionals opened too, in source order.</summary>
    public static IReadOnlyList<IOperation> Of(IOperation value)
    {
        var arms = new List<IOperation>(2);
        Collect(value, arms);
        return arms;
    }

    /// <summary>Where an arm is written, its parentheses included (the operation tree drops them).</summary>
    public static SyntaxNode Syntax(IOperation arm)
    {
        var syntax = arm.Syntax;
        while (syntax.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            syntax = parenthesized;
        }

        return syntax;
    }

    private static void Collect(IOperation value, List<IOperation> arms)
    {
        switch (LifetimeEvaluator.Strip(value))
        {
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                Collect(conditional.WhenTrue, arms);
                Collect(whenFalse, arms);
                break;

            case ICoalesceOperation coalesce:
                Collect(coalesce.Value, arms);
                Collect(coalesce.WhenNull, arms);
                break;

            case ISwitchExpressionOperation switchExpression:
                foreach (var arm in switchExpression.Arms)
                {
                    Collect(arm.Value, arms);
                }

                break;

            default:
                arms.Add(value);
                break;
        }
    }
}
