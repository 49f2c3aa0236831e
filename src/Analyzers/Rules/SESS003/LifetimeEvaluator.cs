using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS003;

/// <summary>
/// SESS003: decides whether a value is a hard-coded lifetime, and how long it is. Hard-coded means
/// computed from compile-time constants only: <c>TimeSpan.FromX(c)</c>, <c>new TimeSpan(c…)</c>,
/// <c>const</c> and <c>static readonly</c> members initialised so, and "now" plus such a duration.
/// Anything read at run time (configuration, options, parameters) is not.
/// </summary>
internal static class LifetimeEvaluator
{
    private const int MaxDepth = 8;

    private const double TicksPerMicrosecond = 10;
    private const double TicksPerMillisecond = 10_000;
    private const double TicksPerSecond = 10_000_000;
    private const double TicksPerMinute = 600_000_000;
    private const double TicksPerHour = 36_000_000_000;
    private const double TicksPerDay = 864_000_000_000;

    /// <summary>Positional parameters of the <c>TimeSpan</c> constructors, by arity.</summary>
    private static readonly ImmutableArray<ImmutableArray<string>> ConstructorParameters = ImmutableArray.Create(
        ImmutableArray<string>.Empty,
        ImmutableArray.Create("ticks"),
        ImmutableArray<string>.Empty,
        ImmutableArray.Create("hours", "minutes", "seconds"),
        ImmutableArray.Create("days", "hours", "minutes", "seconds"),
        ImmutableArray.Create("days", "hours", "minutes", "seconds", "milliseconds"),
        ImmutableArray.Create("days", "hours", "minutes", "seconds", "milliseconds", "microseconds"));

    private static readonly ImmutableArray<string> AllUnits =
        ImmutableArray.Create("days", "hours", "minutes", "seconds", "milliseconds", "microseconds");

    /// <summary>
    /// The hard-coded lifetime <paramref name="value"/> sets, or null: the analysis the analyzer reports from
    /// and the fix rewrites from (a point in time is "now" plus the lifetime).
    /// </summary>
    public static HardCodedLifetime? Evaluate(IOperation value, TimeTypes types, bool pointInTime, CancellationToken cancellationToken) =>
        pointInTime ? EvaluatePointInTime(value, types, cancellationToken) : EvaluateDuration(value, types, cancellationToken);

    /// <summary>A duration (<c>TimeSpan</c>) made of constants, or null.</summary>
    private static HardCodedLifetime? EvaluateDuration(IOperation value, TimeTypes types, CancellationToken cancellationToken)
    {
        var ticks = DurationTicks(value, types, 0, cancellationToken);
        return ticks is { } t && TryToTimeSpan(t, out var duration)
            ? new HardCodedLifetime(duration, exact: true, now: null, addedDuration: null, addUnit: null, addArgument: null)
            : null;
    }

    /// <summary>A point in time (<c>DateTime</c>/<c>DateTimeOffset</c>) that is "now" plus constants, or null.</summary>
    private static HardCodedLifetime? EvaluatePointInTime(IOperation value, TimeTypes types, CancellationToken cancellationToken)
    {
        var operation = Strip(value);
        if (IsNow(operation, types))
        {
            // "Expires now" is the deletion idiom's cousin, not a lifetime.
            return new HardCodedLifetime(TimeSpan.Zero, true, operation, null, null, null);
        }

        switch (operation)
        {
            case IInvocationOperation invocation when invocation.Instance is not null
                && types.IsPointInTime(invocation.TargetMethod.ContainingType):
            {
                var method = invocation.TargetMethod.Name;
                var inner = EvaluatePointInTime(invocation.Instance, types, cancellationToken);
                if (inner is null || invocation.Arguments.Length != 1)
                {
                    return null;
                }

                var argument = invocation.Arguments[0].Value;
                if (method is "Add" or "Subtract")
                {
                    var added = DurationTicks(argument, types, 0, cancellationToken);
                    if (added is not { } addedTicks || !types.IsTimeSpan(argument.Type))
                    {
                        return null;
                    }

                    var sign = method == "Add" ? 1 : -1;
                    var single = method == "Add" && IsNow(Strip(invocation.Instance), types) ? argument : null;
                    return Combine(inner, sign * addedTicks, exact: true, single: single, unit: null, unitArgument: null);
                }

                if (!method.StartsWith("Add", StringComparison.Ordinal) || Number(argument, 0, cancellationToken) is not { } amount)
                {
                    return null;
                }

                var unit = method.Substring(3);
                var perUnit = unit switch
                {
                    "Days" => TicksPerDay,
                    "Hours" => TicksPerHour,
                    "Minutes" => TicksPerMinute,
                    "Seconds" => TicksPerSecond,
                    "Milliseconds" => TicksPerMillisecond,
                    "Microseconds" => TicksPerMicrosecond,
                    "Ticks" => 1,
                    "Months" => 30 * TicksPerDay,
                    "Years" => 365 * TicksPerDay,
                    _ => 0,
                };
                if (perUnit == 0)
                {
                    return null;
                }

                var exact = unit is not ("Months" or "Years");
                var isSingle = IsNow(Strip(invocation.Instance), types);
                return Combine(inner, amount * perUnit, exact, single: null, unit: isSingle && exact ? unit : null, unitArgument: isSingle && exact ? argument : null);
            }

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } binary
                when types.IsPointInTime(binary.LeftOperand.Type) || types.IsPointInTime(Strip(binary.LeftOperand).Type):
            {
                var inner = EvaluatePointInTime(binary.LeftOperand, types, cancellationToken);
                if (inner is null || !types.IsTimeSpan(Strip(binary.RightOperand).Type)
                    || DurationTicks(binary.RightOperand, types, 0, cancellationToken) is not { } added)
                {
                    return null;
                }

                var sign = binary.OperatorKind == BinaryOperatorKind.Add ? 1 : -1;
                var single = binary.OperatorKind == BinaryOperatorKind.Add && IsNow(Strip(binary.LeftOperand), types);
                return Combine(inner, sign * added, exact: true, single: single ? binary.RightOperand : null, unit: null, unitArgument: null);
            }

            default:
                return null;
        }
    }

    /// <summary><c>DateTime.Now/UtcNow/Today</c>, <c>DateTimeOffset.Now/UtcNow</c>, <c>TimeProvider.GetUtcNow()/GetLocalNow()</c>.</summary>
    public static bool IsNow(IOperation operation, TimeTypes types) => operation switch
    {
        IPropertyReferenceOperation { Instance: null } property =>
            property.Property.Name is "Now" or "UtcNow" or "Today" && types.IsPointInTime(property.Property.ContainingType),
        IInvocationOperation invocation =>
            invocation.TargetMethod.Name is "GetUtcNow" or "GetLocalNow" && invocation.Arguments.Length == 0
            && types.IsTimeProvider(invocation.TargetMethod.ContainingType),
        _ => false,
    };

    public static IOperation Strip(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    private static HardCodedLifetime? Combine(HardCodedLifetime inner, double addedTicks, bool exact, IOperation? single, string? unit, IOperation? unitArgument)
    {
        var total = inner.Duration.Ticks + addedTicks;
        if (!TryToTimeSpan(total, out var duration))
        {
            return null;
        }

        return new HardCodedLifetime(duration, inner.Exact && exact, inner.Now, single, unit, unitArgument);
    }

    private static bool TryToTimeSpan(double ticks, out TimeSpan value)
    {
        if (double.IsNaN(ticks))
        {
            value = default;
            return false;
        }

        value = ticks >= long.MaxValue ? TimeSpan.MaxValue
            : ticks <= long.MinValue ? TimeSpan.MinValue
            : TimeSpan.FromTicks((long)ticks);
        return true;
    }

    /// <summary>The duration in ticks, when <paramref name="value"/> is made of constants only.</summary>
    private static double? DurationTicks(IOperation value, TimeTypes types, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        var operation = Strip(value);
        switch (operation)
        {
            case IInvocationOperation invocation when invocation.Instance is null
                && invocation.TargetMethod.Name.StartsWith("From", StringComparison.Ordinal)
                && types.IsTimeSpan(invocation.TargetMethod.ContainingType):
                return SumByParameter(invocation.Arguments, invocation.TargetMethod.Name.Substring(4), depth, cancellationToken);

            case IObjectCreationOperation creation when types.IsTimeSpan(creation.Type) && creation.Initializer is null:
                return creation.Arguments.Length == 0 ? 0 : SumByParameter(creation.Arguments, "Ticks", depth, cancellationToken);

            case IDefaultValueOperation defaultValue when types.IsTimeSpan(defaultValue.Type):
                return 0;

            case IFieldReferenceOperation field when types.IsTimeSpan(field.Type):
                if (field.Field.IsStatic && SymbolEqualityComparer.Default.Equals(field.Field.ContainingType, types.TimeSpan))
                {
                    return field.Field.Name switch
                    {
                        "Zero" => 0,
                        "MaxValue" => long.MaxValue,
                        "MinValue" => long.MinValue,
                        _ => null,
                    };
                }

                return FollowMember(field.Field, operation, depth, cancellationToken, types);

            case IPropertyReferenceOperation property when property.Instance is null && types.IsTimeSpan(property.Type):
                return FollowMember(property.Property, operation, depth, cancellationToken, types);

            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus } minus:
                return -DurationTicks(minus.Operand, types, depth + 1, cancellationToken);

            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Plus } plus:
                return DurationTicks(plus.Operand, types, depth + 1, cancellationToken);

            case IBinaryOperation binary when types.IsTimeSpan(binary.Type):
                return Arithmetic(binary, types, depth, cancellationToken);

            case IInvocationOperation instanceCall when instanceCall.Instance is not null
                && types.IsTimeSpan(instanceCall.TargetMethod.ContainingType)
                && instanceCall.TargetMethod.Name is "Add" or "Subtract" or "Negate" or "Duration" or "Multiply" or "Divide":
                return InstanceArithmetic(instanceCall, types, depth, cancellationToken);

            default:
                return null;
        }
    }

    private static double? Arithmetic(IBinaryOperation binary, TimeTypes types, int depth, CancellationToken cancellationToken)
    {
        var leftIsSpan = types.IsTimeSpan(Strip(binary.LeftOperand).Type);
        var rightIsSpan = types.IsTimeSpan(Strip(binary.RightOperand).Type);
        double? Span(IOperation o) => DurationTicks(o, types, depth + 1, cancellationToken);
        double? Factor(IOperation o) => Number(o, depth + 1, cancellationToken);

        return binary.OperatorKind switch
        {
            BinaryOperatorKind.Add when leftIsSpan && rightIsSpan => Span(binary.LeftOperand) + Span(binary.RightOperand),
            BinaryOperatorKind.Subtract when leftIsSpan && rightIsSpan => Span(binary.LeftOperand) - Span(binary.RightOperand),
            BinaryOperatorKind.Multiply when leftIsSpan => Span(binary.LeftOperand) * Factor(binary.RightOperand),
            BinaryOperatorKind.Multiply when rightIsSpan => Factor(binary.LeftOperand) * Span(binary.RightOperand),
            BinaryOperatorKind.Divide when leftIsSpan && !rightIsSpan => Factor(binary.RightOperand) is { } d && d != 0 ? Span(binary.LeftOperand) / d : null,
            _ => null,
        };
    }

    private static double? InstanceArithmetic(IInvocationOperation call, TimeTypes types, int depth, CancellationToken cancellationToken)
    {
        var self = DurationTicks(call.Instance!, types, depth + 1, cancellationToken);
        if (self is null)
        {
            return null;
        }

        switch (call.TargetMethod.Name)
        {
            case "Negate" when call.Arguments.Length == 0:
                return -self;
            case "Duration" when call.Arguments.Length == 0:
                return Math.Abs(self.Value);
        }

        if (call.Arguments.Length != 1)
        {
            return null;
        }

        var argument = call.Arguments[0].Value;
        return call.TargetMethod.Name switch
        {
            "Add" => self + DurationTicks(argument, types, depth + 1, cancellationToken),
            "Subtract" => self - DurationTicks(argument, types, depth + 1, cancellationToken),
            "Multiply" => self * Number(argument, depth + 1, cancellationToken),
            "Divide" when !types.IsTimeSpan(Strip(argument).Type) => Number(argument, depth + 1, cancellationToken) is { } d && d != 0 ? self / d : null,
            _ => null,
        };
    }

    /// <summary>
    /// <c>TimeSpan.FromHours(1, 30)</c>, <c>new TimeSpan(0, 20, 0)</c>: each argument's parameter
    /// names its unit; a parameter named <c>value</c> takes the unit from the method name.
    /// </summary>
    private static double? SumByParameter(ImmutableArray<IArgumentOperation> arguments, string methodUnit, int depth, CancellationToken cancellationToken)
    {
        if (arguments.IsEmpty)
        {
            return null;
        }

        double total = 0;
        foreach (var argument in arguments)
        {
            var unit = argument.Parameter?.Name is { } name && name != "value" ? name : methodUnit;
            var perUnit = TicksPer(unit);
            if (perUnit is null || Number(argument.Value, depth + 1, cancellationToken) is not { } amount)
            {
                return null;
            }

            total += amount * perUnit.Value;
        }

        return total;
    }

    private static double? TicksPer(string unit) => unit.ToLowerInvariant() switch
    {
        "days" => TicksPerDay,
        "hours" => TicksPerHour,
        "minutes" => TicksPerMinute,
        "seconds" => TicksPerSecond,
        "milliseconds" => TicksPerMillisecond,
        "microseconds" => TicksPerMicrosecond,
        "ticks" => 1,
        _ => null,
    };

    /// <summary>A number known at compile time: a constant, or a <c>static readonly</c> field initialised with one.</summary>
    private static double? Number(IOperation value, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        if (value.ConstantValue is { HasValue: true, Value: { } constant })
        {
            return ToDouble(constant);
        }

        var operation = Strip(value);
        if (operation.ConstantValue is { HasValue: true, Value: { } inner })
        {
            return ToDouble(inner);
        }

        switch (operation)
        {
            case IFieldReferenceOperation field when IsNumeric(field.Type):
                return FollowNumber(field.Field, operation, depth, cancellationToken);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus } minus:
                return -Number(minus.Operand, depth + 1, cancellationToken);
            default:
                return null;
        }
    }

    private static bool IsNumeric(ITypeSymbol? type) => type?.SpecialType is
        SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_UInt16
        or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
        or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal;

    private static double? ToDouble(object constant) => constant switch
    {
        string or bool or char => null,
        IConvertible convertible => convertible.ToDouble(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static double? FollowNumber(IFieldSymbol field, IOperation site, int depth, CancellationToken cancellationToken)
    {
        if (Initializer(field, cancellationToken) is not { } initializer)
        {
            return null;
        }

        if (site.SemanticModel is { } model && model.SyntaxTree == initializer.SyntaxTree)
        {
            return model.GetOperation(initializer, cancellationToken) is { } operation ? Number(operation, depth + 1, cancellationToken) : null;
        }

        return SyntaxNumber(initializer);
    }

    private static double? FollowMember(ISymbol member, IOperation site, int depth, CancellationToken cancellationToken, TimeTypes types)
    {
        if (Initializer(member, cancellationToken) is not { } initializer)
        {
            return null;
        }

        // The member's initializer in this tree is analyzed with this tree's semantic model; in another
        // tree only the simple written-out forms are read, from syntax (no new semantic model per call).
        if (site.SemanticModel is { } model && model.SyntaxTree == initializer.SyntaxTree)
        {
            return model.GetOperation(initializer, cancellationToken) is { } operation
                ? DurationTicks(operation, types, depth + 1, cancellationToken)
                : null;
        }

        return SyntaxDuration(initializer);
    }

    /// <summary>
    /// The initializer of a <c>static readonly</c> field or a static get-only property, unless a static
    /// constructor may overwrite it.
    /// </summary>
    private static ExpressionSyntax? Initializer(ISymbol member, CancellationToken cancellationToken)
    {
        if (!member.IsStatic || member.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        ExpressionSyntax? initializer;
        switch (member)
        {
            case IFieldSymbol { IsReadOnly: true }:
                initializer = (member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) as VariableDeclaratorSyntax)?.Initializer?.Value;
                break;
            case IPropertySymbol { SetMethod: null }:
                var declaration = member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) as PropertyDeclarationSyntax;
                initializer = declaration?.ExpressionBody?.Expression ?? AutoPropertyInitializer(declaration);
                break;
            default:
                return null;
        }

        return initializer is null || AssignedInStaticConstructor(member, cancellationToken) ? null : initializer;
    }

    private static ExpressionSyntax? AutoPropertyInitializer(PropertyDeclarationSyntax? declaration)
    {
        if (declaration?.Initializer is null || declaration.AccessorList is null)
        {
            return null;
        }

        return declaration.AccessorList.Accessors.All(a => a.Body is null && a.ExpressionBody is null)
            ? declaration.Initializer.Value
            : null;
    }

    private static bool AssignedInStaticConstructor(ISymbol member, CancellationToken cancellationToken)
    {
        foreach (var constructor in member.ContainingType.StaticConstructors)
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                var assigned = reference.GetSyntax(cancellationToken).DescendantNodes()
                    .OfType<AssignmentExpressionSyntax>()
                    .Any(a => a.Left switch
                    {
                        IdentifierNameSyntax name => name.Identifier.ValueText == member.Name,
                        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == member.Name,
                        _ => false,
                    });
                if (assigned)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The written-out forms, read from syntax: <c>TimeSpan.FromMinutes(20)</c>, <c>new TimeSpan(0, 20, 0)</c>.</summary>
    private static double? SyntaxDuration(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return SyntaxDuration(parenthesized.Expression);

            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation
                when IsTimeSpanName(access.Expression) && access.Name.Identifier.ValueText.StartsWith("From", StringComparison.Ordinal):
            {
                var unit = access.Name.Identifier.ValueText.Substring(4).ToLowerInvariant();
                var arguments = invocation.ArgumentList.Arguments;
                var start = AllUnits.IndexOf(unit);
                if (arguments.Count == 1 && unit == "ticks")
                {
                    return SyntaxNumber(arguments[0].Expression);
                }

                if (start < 0 || start + arguments.Count > AllUnits.Length)
                {
                    return null;
                }

                return SyntaxSum(arguments, AllUnits.RemoveRange(0, start));
            }

            case BaseObjectCreationExpressionSyntax creation
                when creation is ImplicitObjectCreationExpressionSyntax
                    || (creation is ObjectCreationExpressionSyntax explicitCreation && IsTimeSpanName(explicitCreation.Type)):
            {
                if (creation.Initializer is not null)
                {
                    return null;
                }

                var arguments = creation.ArgumentList?.Arguments ?? default;
                if (arguments.Count == 0)
                {
                    return 0;
                }

                return arguments.Count < ConstructorParameters.Length && !ConstructorParameters[arguments.Count].IsEmpty
                    ? SyntaxSum(arguments, ConstructorParameters[arguments.Count])
                    : null;
            }

            default:
                return null;
        }
    }

    private static double? SyntaxSum(SeparatedSyntaxList<ArgumentSyntax> arguments, ImmutableArray<string> units)
    {
        double total = 0;
        for (var i = 0; i < arguments.Count; i++)
        {
            var unit = arguments[i].NameColon?.Name.Identifier.ValueText ?? units[i];
            if (TicksPer(unit) is not { } perUnit || SyntaxNumber(arguments[i].Expression) is not { } amount)
            {
                return null;
            }

            total += amount * perUnit;
        }

        return total;
    }

    private static double? SyntaxNumber(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax { Token.Value: { } value } when expression.IsKind(SyntaxKind.NumericLiteralExpression) => ToDouble(value),
        PrefixUnaryExpressionSyntax { OperatorToken.RawKind: (int)SyntaxKind.MinusToken } minus => -SyntaxNumber(minus.Operand),
        ParenthesizedExpressionSyntax parenthesized => SyntaxNumber(parenthesized.Expression),
        _ => null,
    };

    private static bool IsTimeSpanName(ExpressionSyntax type) => type switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText == "TimeSpan",
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText == "TimeSpan",
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == "TimeSpan",
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText == "TimeSpan",
        _ => false,
    };

    /// <summary>A duration as TimeSpan text in the invariant culture (<c>00:20:00</c>, <c>7.00:00:00</c>).</summary>
    public static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
