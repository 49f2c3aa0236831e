using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SessionSafety.Analyzers.Internal;

/// <summary>
/// Recognises a test of an HTTP status against 401 (Unauthorized) or 403 (Forbidden): <c>==</c>/<c>!=</c>,
/// <c>Equals</c>, <c>is … or …</c> and property patterns, <c>switch</c> cases and arms, <c>(int)</c> casts.
/// </summary>
internal static class StatusChecks
{
    /// <summary>Whether this one operation is such a test.</summary>
    public static bool IsSessionStatusTest(IOperation operation, HttpTypes types)
    {
        switch (operation)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                return (IsSessionCode(binary.RightOperand) && IsStatusValue(binary.LeftOperand, types))
                    || (IsSessionCode(binary.LeftOperand) && IsStatusValue(binary.RightOperand, types));

            case IInvocationOperation { TargetMethod.Name: "Equals", Arguments.Length: 1 } equals when equals.Instance is { } instance:
                return IsSessionCode(equals.Arguments[0].Value) && IsStatusValue(instance, types);

            case IConstantPatternOperation pattern:
                return IsSessionCode(pattern.Value) && PatternInputIsStatus(pattern, types);

            case ISingleValueCaseClauseOperation clause:
                return IsSessionCode(clause.Value)
                    && clause.Parent?.Parent is ISwitchOperation switchStatement
                    && IsStatusValue(switchStatement.Value, types);

            default:
                return false;
        }
    }

    /// <summary>
    /// The value this one operation tests against 401/403 (a status, or what a pattern matches its
    /// <c>StatusCode</c> on), or null when it is no such test: the subject the test is about.
    /// </summary>
    public static IOperation? SessionStatusSubject(IOperation operation, HttpTypes types)
    {
        switch (operation)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                if (IsSessionCode(binary.RightOperand) && IsStatusValue(binary.LeftOperand, types))
                {
                    return binary.LeftOperand;
                }

                return IsSessionCode(binary.LeftOperand) && IsStatusValue(binary.RightOperand, types) ? binary.RightOperand : null;

            case IInvocationOperation { TargetMethod.Name: "Equals", Arguments.Length: 1 } equals when equals.Instance is { } instance:
                return IsSessionCode(equals.Arguments[0].Value) && IsStatusValue(instance, types) ? instance : null;

            case IConstantPatternOperation pattern:
                return IsSessionCode(pattern.Value) ? PatternSubject(pattern, types) : null;

            case ISingleValueCaseClauseOperation clause:
                return IsSessionCode(clause.Value) && clause.Parent?.Parent is ISwitchOperation switchStatement && IsStatusValue(switchStatement.Value, types)
                    ? switchStatement.Value
                    : null;

            default:
                return null;
        }
    }

    /// <summary>
    /// The value this one operation compares with 401 or 403, whatever its type (<c>code == 401</c> with an
    /// <c>int</c> local), or null: a rule that knows the value holds a status (it followed it there) counts it.
    /// </summary>
    public static IOperation? SessionCodeOperand(IOperation operation)
    {
        switch (operation)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                return IsSessionCode(binary.RightOperand) ? binary.LeftOperand : IsSessionCode(binary.LeftOperand) ? binary.RightOperand : null;

            case IInvocationOperation { TargetMethod.Name: "Equals", Arguments.Length: 1 } equals when equals.Instance is { } instance:
                return IsSessionCode(equals.Arguments[0].Value) ? instance : null;

            case ISingleValueCaseClauseOperation clause:
                return IsSessionCode(clause.Value) && clause.Parent?.Parent is ISwitchOperation caseSwitch ? caseSwitch.Value : null;

            case IConstantPatternOperation pattern when IsSessionCode(pattern.Value):
                for (var current = pattern.Parent; current is not null; current = current.Parent)
                {
                    switch (current)
                    {
                        case IPatternOperation:
                        case IPatternCaseClauseOperation:
                        case ISwitchExpressionArmOperation:
                        case ISwitchCaseOperation:
                            continue;
                        case IIsPatternOperation isPattern:
                            return isPattern.Value;
                        case ISwitchExpressionOperation switchExpression:
                            return switchExpression.Value;
                        case ISwitchOperation switchStatement:
                            return switchStatement.Value;
                        default:
                            return null;
                    }
                }

                return null;

            default:
                return null;
        }
    }

    /// <summary>What a 401/403 constant pattern is matched against, when that is a status (see <see cref="PatternInputIsStatus"/>).</summary>
    private static IOperation? PatternSubject(IConstantPatternOperation pattern, HttpTypes types)
    {
        var statusTyped = IsStatusType(pattern.InputType, types);
        for (var current = pattern.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IPatternOperation:
                case IPatternCaseClauseOperation:
                case ISwitchExpressionArmOperation:
                case ISwitchCaseOperation:
                case IPropertySubpatternOperation:
                    continue;
                case IIsPatternOperation isPattern:
                    return statusTyped || IsStatusValue(isPattern.Value, types) || HasStatusSubpattern(pattern, isPattern) ? isPattern.Value : null;
                case ISwitchExpressionOperation switchExpression:
                    return statusTyped || IsStatusValue(switchExpression.Value, types) || HasStatusSubpattern(pattern, switchExpression) ? switchExpression.Value : null;
                case ISwitchOperation switchStatement:
                    return statusTyped || IsStatusValue(switchStatement.Value, types) || HasStatusSubpattern(pattern, switchStatement) ? switchStatement.Value : null;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The constant sits under a <c>{ StatusCode: … }</c> subpattern of the matched value.</summary>
    private static bool HasStatusSubpattern(IOperation pattern, IOperation top)
    {
        for (var current = pattern.Parent; current is not null && current != top; current = current.Parent)
        {
            if (current is IPropertySubpatternOperation { Member: IPropertyReferenceOperation { Property.Name: "StatusCode" or "Status" } })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A compile-time constant 401 or 403 (an int, or an <c>HttpStatusCode</c> member).</summary>
    public static bool IsSessionCode(IOperation operation)
    {
        var constant = operation.ConstantValue;
        if (!constant.HasValue || constant.Value is null)
        {
            constant = operation.WalkDownConversions().ConstantValue;
        }

        if (!constant.HasValue || constant.Value is null || constant.Value is string || constant.Value is bool)
        {
            return false;
        }

        try
        {
            var code = Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture);
            return code is 401 or 403;
        }
        catch (Exception exception) when (exception is FormatException or InvalidCastException or OverflowException)
        {
            return false;
        }
    }

    /// <summary>A value that is an HTTP status: of type <c>HttpStatusCode</c>, a cast of one, or a member named StatusCode.</summary>
    public static bool IsStatusValue(IOperation operation, HttpTypes types)
    {
        var value = operation.WalkDownConversions();
        if (IsStatusType(value.Type, types))
        {
            return true;
        }

        return value switch
        {
            IPropertyReferenceOperation property => property.Property.Name is "StatusCode" or "Status",
            IFieldReferenceOperation field => field.Field.Name is "StatusCode" or "Status",
            IInvocationOperation { TargetMethod.Name: "GetValueOrDefault", Instance: { } instance } => IsStatusValue(instance, types),
            _ => false,
        };
    }

    private static bool IsStatusType(ITypeSymbol? type, HttpTypes types)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        return type.IsType(types.HttpStatusCode);
    }

    private static bool PatternInputIsStatus(IConstantPatternOperation pattern, HttpTypes types)
    {
        if (IsStatusType(pattern.InputType, types))
        {
            return true;
        }

        // The pattern tests an int (or object): look at the value it is matched against.
        for (var current = pattern.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IPatternOperation:
                case IPatternCaseClauseOperation:
                case ISwitchExpressionArmOperation:
                case ISwitchCaseOperation:
                    continue;
                case IPropertySubpatternOperation subpattern:
                    return subpattern.Member is IPropertyReferenceOperation { Property.Name: "StatusCode" or "Status" };
                case IIsPatternOperation isPattern:
                    return IsStatusValue(isPattern.Value, types);
                case ISwitchExpressionOperation switchExpression:
                    return IsStatusValue(switchExpression.Value, types);
                case ISwitchOperation switchStatement:
                    return IsStatusValue(switchStatement.Value, types);
                default:
                    return false;
            }
        }

        return false;
    }
}
