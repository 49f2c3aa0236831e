using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS002;

/// <summary>
/// The failure paths of one member, answered per redirect: walking up from the redirect once, each
/// ancestor that puts it on a failure path (a <c>catch</c>, a branch taken on 401/403 or on a status that
/// is not a success, a switch case or arm on such a status, a block after <c>if (success) { …; return; }</c>)
/// gives a <see cref="FailureWindow"/> that the requests are then looked up in. What an ancestor says
/// (a condition's outcome, a block's success exits) is worked out once per member, however many
/// redirects share it.
/// </summary>
internal sealed class FailureRegions
{
    private readonly HttpTypes types;
    private readonly Dictionary<IOperation, StatusOutcome> conditionOutcomes = new();
    private readonly Dictionary<IOperation, bool> failureBranches = new();
    private readonly Dictionary<IBlockOperation, BlockExits> blocks = new();

    public FailureRegions(HttpTypes types)
    {
        this.types = types;
    }

    /// <summary>The windows in which a request puts <paramref name="redirect"/> on its failure path.</summary>
    public List<FailureWindow> Windows(IOperation redirect)
    {
        var windows = new List<FailureWindow>();
        var child = redirect;
        for (var parent = redirect.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case ICatchClauseOperation clause when clause.Handler == child && clause.Parent is ITryOperation @try:
                    windows.Add(FailureWindow.InsideOf(@try.Body.Syntax.Span));
                    break;

                case IConditionalOperation conditional when child == conditional.WhenTrue || child == conditional.WhenFalse:
                    var outcome = Outcome(conditional.Condition);
                    if ((child == conditional.WhenTrue && outcome == StatusOutcome.FailureWhenTrue)
                        || (child == conditional.WhenFalse && outcome == StatusOutcome.FailureWhenFalse))
                    {
                        windows.Add(FailureWindow.Before(conditional.Syntax.SpanStart, conditional.Condition.Syntax.Span));
                    }

                    break;

                case ISwitchCaseOperation @case when @case.Parent is ISwitchOperation @switch:
                    if (IsFailureBranch(@case, @switch))
                    {
                        windows.Add(FailureWindow.Before(@switch.Syntax.SpanStart));
                    }

                    break;

                case ISwitchExpressionArmOperation arm when child == arm.Value && arm.Parent is ISwitchExpressionOperation switchExpression:
                    if (IsFailureBranch(arm, switchExpression))
                    {
                        windows.Add(FailureWindow.Before(switchExpression.Syntax.SpanStart, switchExpression.Value.Syntax.Span));
                    }

                    break;

                case IBlockOperation block:
                    if (ExitsOf(block).LastBefore(child) is { } exit)
                    {
                        // A request before the success exit, or inside it, fails into what follows it.
                        windows.Add(FailureWindow.Before(exit.Syntax.SpanStart, exit.Syntax.Span));
                    }

                    break;
            }
        }

        return windows;
    }

    private StatusOutcome Outcome(IOperation condition)
    {
        if (!conditionOutcomes.TryGetValue(condition, out var outcome))
        {
            conditionOutcomes[condition] = outcome = FailurePaths.ConditionOutcome(condition, types);
        }

        return outcome;
    }

    private bool IsFailureBranch(IOperation branch, IOperation owner)
    {
        if (!failureBranches.TryGetValue(branch, out var failure))
        {
            failureBranches[branch] = failure = branch is ISwitchCaseOperation @case
                ? FailurePaths.IsFailureCase(@case, (ISwitchOperation)owner, types)
                : FailurePaths.IsFailureArm((ISwitchExpressionArmOperation)branch, (ISwitchExpressionOperation)owner, types);
        }

        return failure;
    }

    private BlockExits ExitsOf(IBlockOperation block)
    {
        if (!blocks.TryGetValue(block, out var exits))
        {
            blocks[block] = exits = new BlockExits(block, this);
        }

        return exits;
    }

    /// <summary>A block's success exits (<c>if (r.IsSuccessStatusCode) { …; return; }</c>), found once per block.</summary>
    private sealed class BlockExits
    {
        private readonly Dictionary<IOperation, int> indexes;
        private readonly IOperation?[] lastExitBefore;

        public BlockExits(IBlockOperation block, FailureRegions regions)
        {
            var statements = block.Operations;
            indexes = new Dictionary<IOperation, int>(statements.Length);
            lastExitBefore = new IOperation?[statements.Length];
            IOperation? last = null;
            for (var i = 0; i < statements.Length; i++)
            {
                indexes[statements[i]] = i;
                lastExitBefore[i] = last;
                if (statements[i] is IConditionalOperation { WhenFalse: null } conditional
                    && FailurePaths.AlwaysExits(conditional.WhenTrue)
                    && regions.Outcome(conditional.Condition) == StatusOutcome.FailureWhenFalse)
                {
                    last = conditional;
                }
            }
        }

        /// <summary>The last success exit before <paramref name="statement"/> in the block.</summary>
        public IOperation? LastBefore(IOperation statement) =>
            indexes.TryGetValue(statement, out var index) ? lastExitBefore[index] : null;
    }
}
