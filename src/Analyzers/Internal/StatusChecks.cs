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
