using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS002;

/// <summary>
/// What a condition, a switch case or a switch arm says about a response: whether it is taken when the
/// request failed (401/403, a status that is not a success) — the questions behind
/// <see cref="FailureRegions"/>.
/// </summary>
internal static class FailurePaths
{
    /// <summary>What the truth of a condition says about the response.</summary>
    public static StatusOutcome ConditionOutcome(IOperation condition, HttpTypes types)
    {
        var value = condition.WalkDownConversions();
        switch (value)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Flip(ConditionOutcome(not.Operand, types));

            case IPropertyReferenceOperation { Property.Name: "IsSuccessStatusCode" }:
                return StatusOutcome.FailureWhenFalse;

            case IBinaryOperation binary:
                return BinaryOutcome(binary, types);

            case IIsPatternOperation isPattern:
                return PatternOutcome(isPattern.Pattern, IsStatusValue(isPattern.Value, types), types);

            default:
                return StatusOutcome.Unknown;
        }
    }

    private static StatusOutcome BinaryOutcome(IBinaryOperation binary, HttpTypes types)
    {
        switch (binary.OperatorKind)
        {
            case BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or when binary.Type?.SpecialType == SpecialType.System_Boolean:
            {
                var left = ConditionOutcome(binary.LeftOperand, types);
                var right = ConditionOutcome(binary.RightOperand, types);
                return left == StatusOutcome.FailureWhenTrue || right == StatusOutcome.FailureWhenTrue ? StatusOutcome.FailureWhenTrue : StatusOutcome.Unknown;
            }

            case BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And when binary.Type?.SpecialType == SpecialType.System_Boolean:
            {
                var left = ConditionOutcome(binary.LeftOperand, types);
                var right = ConditionOutcome(binary.RightOperand, types);
                if (left == StatusOutcome.FailureWhenTrue || right == StatusOutcome.FailureWhenTrue)
                {
                    return StatusOutcome.FailureWhenTrue;
                }

                return left == StatusOutcome.FailureWhenFalse || right == StatusOutcome.FailureWhenFalse ? StatusOutcome.FailureWhenFalse : StatusOutcome.Unknown;
            }

            case BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals:
            {
                var equals = binary.OperatorKind == BinaryOperatorKind.Equals;

                // IsSuccessStatusCode == false
                if (BooleanConstant(binary.RightOperand) is { } rightBool)
                {
                    return equals == rightBool ? ConditionOutcome(binary.LeftOperand, types) : Flip(ConditionOutcome(binary.LeftOperand, types));
                }

                if (BooleanConstant(binary.LeftOperand) is { } leftBool)
                {
                    return equals == leftBool ? ConditionOutcome(binary.RightOperand, types) : Flip(ConditionOutcome(binary.RightOperand, types));
                }

                var code = StatusCode(binary.LeftOperand, binary.RightOperand, types) ?? StatusCode(binary.RightOperand, binary.LeftOperand, types);
                return code switch
                {
                    null => StatusOutcome.Unknown,
                    401 or 403 => equals ? StatusOutcome.FailureWhenTrue : StatusOutcome.FailureWhenFalse,
                    >= 200 and < 300 => equals ? StatusOutcome.FailureWhenFalse : StatusOutcome.FailureWhenTrue,
                    _ => StatusOutcome.Unknown,
                };
            }

            case BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual:
            {
                // (int)response.StatusCode >= 400
                if (StatusCode(binary.LeftOperand, binary.RightOperand, types) is { } limit)
                {
                    return Relational(binary.OperatorKind, limit);
                }

                return StatusOutcome.Unknown;
            }

            default:
                return StatusOutcome.Unknown;
        }
    }

    /// <summary><c>status &gt;= 400</c> and the like: where the comparison splits failure from success.</summary>
    private static StatusOutcome Relational(BinaryOperatorKind kind, long limit) => kind switch
    {
        BinaryOperatorKind.GreaterThanOrEqual when limit is >= 300 and <= 401 => StatusOutcome.FailureWhenTrue,
        BinaryOperatorKind.GreaterThan when limit is >= 299 and <= 400 => StatusOutcome.FailureWhenTrue,
        BinaryOperatorKind.LessThan when limit is >= 300 and <= 401 => StatusOutcome.FailureWhenFalse,
        BinaryOperatorKind.LessThanOrEqual when limit is >= 299 and <= 400 => StatusOutcome.FailureWhenFalse,
        _ => StatusOutcome.Unknown,
    };

    private static StatusOutcome PatternOutcome(IPatternOperation pattern, bool inputIsStatus, HttpTypes types)
    {
        switch (pattern)
        {
            case IConstantPatternOperation constant when inputIsStatus || IsStatusType(pattern.InputType, types):
                return CodeOutcome(Code(constant.Value));

            case IRelationalPatternOperation relational when inputIsStatus || IsStatusType(pattern.InputType, types):
                return Code(relational.Value) is { } limit ? Relational(relational.OperatorKind, limit) : StatusOutcome.Unknown;

            case INegatedPatternOperation negated:
                return Flip(PatternOutcome(negated.Pattern, inputIsStatus, types));

            case IBinaryPatternOperation binary:
            {
                var left = PatternOutcome(binary.LeftPattern, inputIsStatus, types);
                var right = PatternOutcome(binary.RightPattern, inputIsStatus, types);
                if (left == StatusOutcome.FailureWhenTrue || right == StatusOutcome.FailureWhenTrue)
                {
                    return StatusOutcome.FailureWhenTrue;
                }

                var eitherSuccess = left == StatusOutcome.FailureWhenFalse || right == StatusOutcome.FailureWhenFalse;
                var bothSuccess = left == StatusOutcome.FailureWhenFalse && right == StatusOutcome.FailureWhenFalse;
                return binary.OperatorKind == BinaryOperatorKind.And ? (eitherSuccess ? StatusOutcome.FailureWhenFalse : StatusOutcome.Unknown)
                    : bothSuccess ? StatusOutcome.FailureWhenFalse : StatusOutcome.Unknown;
            }

            case IRecursivePatternOperation recursive:
            {
                var result = StatusOutcome.Unknown;
                foreach (var subpattern in recursive.PropertySubpatterns)
                {
                    var outcome = SubpatternOutcome(subpattern, types);
                    if (outcome == StatusOutcome.FailureWhenTrue)
                    {
                        return StatusOutcome.FailureWhenTrue;
                    }

                    if (outcome == StatusOutcome.FailureWhenFalse)
                    {
                        result = StatusOutcome.FailureWhenFalse;
                    }
                }

                return result;
            }

            default:
                return StatusOutcome.Unknown;
        }
    }

    private static StatusOutcome SubpatternOutcome(IPropertySubpatternOperation subpattern, HttpTypes types)
    {
        if (subpattern.Member is not IPropertyReferenceOperation { Property.Name: var name })
        {
            return StatusOutcome.Unknown;
        }

        switch (name)
        {
            case "IsSuccessStatusCode":
                return subpattern.Pattern switch
                {
                    IConstantPatternOperation constant when BooleanConstant(constant.Value) is { } expected =>
                        expected ? StatusOutcome.FailureWhenFalse : StatusOutcome.FailureWhenTrue,
                    INegatedPatternOperation { Pattern: IConstantPatternOperation constant } when BooleanConstant(constant.Value) is { } expected =>
                        expected ? StatusOutcome.FailureWhenTrue : StatusOutcome.FailureWhenFalse,
                    _ => StatusOutcome.Unknown,
                };

            case "StatusCode" or "Status":
                return PatternOutcome(subpattern.Pattern, inputIsStatus: true, types);

            default:
                return PatternOutcome(subpattern.Pattern, inputIsStatus: false, types);
        }
    }

    public static bool IsFailureCase(ISwitchCaseOperation @case, ISwitchOperation @switch, HttpTypes types)
    {
        var switchOnStatus = IsStatusValue(@switch.Value, types);
        foreach (var clause in @case.Clauses)
        {
            switch (clause)
            {
                case ISingleValueCaseClauseOperation single when switchOnStatus && CodeOutcome(Code(single.Value)) == StatusOutcome.FailureWhenTrue:
                    return true;
                case IPatternCaseClauseOperation patternClause when PatternOutcome(patternClause.Pattern, switchOnStatus, types) == StatusOutcome.FailureWhenTrue:
                    return true;
                case IDefaultCaseClauseOperation when switchOnStatus && HasSuccessCase(@switch):
                    return true;
            }
        }

        return false;
    }

    private static bool HasSuccessCase(ISwitchOperation @switch)
    {
        foreach (var @case in @switch.Cases)
        {
            foreach (var clause in @case.Clauses)
            {
                if (clause is ISingleValueCaseClauseOperation single && Code(single.Value) is >= 200 and < 300)
                {
                    return true;
                }

                if (clause is IPatternCaseClauseOperation { Pattern: IConstantPatternOperation constant } && Code(constant.Value) is >= 200 and < 300)
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static bool IsFailureArm(ISwitchExpressionArmOperation arm, ISwitchExpressionOperation switchExpression, HttpTypes types)
    {
        var onStatus = IsStatusValue(switchExpression.Value, types);
        var outcome = PatternOutcome(arm.Pattern, onStatus, types);
        if (outcome == StatusOutcome.FailureWhenTrue)
        {
            return true;
        }

        if (arm.Pattern is IDiscardPatternOperation && onStatus)
        {
            foreach (var other in switchExpression.Arms)
            {
                if (other != arm && PatternOutcome(other.Pattern, onStatus, types) == StatusOutcome.FailureWhenFalse)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether a branch ends by leaving: <c>return</c>, <c>throw</c>, <c>break</c> or <c>continue</c>.</summary>
    public static bool AlwaysExits(IOperation operation)
    {
        var last = operation is IBlockOperation block ? (block.Operations.Length == 0 ? null : block.Operations[block.Operations.Length - 1]) : operation;
        return last is IReturnOperation or IThrowOperation or IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue }
            || last is IExpressionStatementOperation { Operation: IThrowOperation };
    }

    private static StatusOutcome CodeOutcome(long? code) => code switch
    {
        401 or 403 => StatusOutcome.FailureWhenTrue,
        >= 200 and < 300 => StatusOutcome.FailureWhenFalse,
        _ => StatusOutcome.Unknown,
    };

    /// <summary>The status code compared, when <paramref name="status"/> is a status and <paramref name="constant"/> a constant code.</summary>
    private static long? StatusCode(IOperation status, IOperation constant, HttpTypes types) =>
        IsStatusValue(status, types) ? Code(constant) : null;

    private static bool IsStatusValue(IOperation operation, HttpTypes types) => StatusChecks.IsStatusValue(operation, types);

    private static bool IsStatusType(ITypeSymbol? type, HttpTypes types)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        return type.IsType(types.HttpStatusCode);
    }

    private static long? Code(IOperation operation)
    {
        var constant = operation.ConstantValue;
        if (!constant.HasValue || constant.Value is null)
        {
            constant = operation.WalkDownConversions().ConstantValue;
        }

        if (!constant.HasValue || constant.Value is null or string or bool)
        {
            return null;
        }

        try
        {
            return Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is FormatException or InvalidCastException or OverflowException)
        {
            return null;
        }
    }

    private static bool? BooleanConstant(IOperation operation) =>
        operation.WalkDownConversions().ConstantValue is { HasValue: true, Value: bool value } ? value : null;

    private static StatusOutcome Flip(StatusOutcome outcome) => outcome switch
    {
        StatusOutcome.FailureWhenTrue => StatusOutcome.FailureWhenFalse,
        StatusOutcome.FailureWhenFalse => StatusOutcome.FailureWhenTrue,
        _ => StatusOutcome.Unknown,
    };
}
