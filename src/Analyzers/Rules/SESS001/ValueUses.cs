using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>
/// Where one read of a followed value (a save's response or its task, its status, where it landed) leads:
/// up through awaits, conversions, <c>?.</c> and the few members that pass it on, to the place that
/// stores it, passes it, returns it or only reads it. Each read is climbed once, so following every read
/// of a member costs no more than the member's size.
/// </summary>
internal static class ValueUses
{
    public static ValueUse Follow(IOperation read, TrackedValue value)
    {
        var current = read;
        while (current.Parent is { } parent)
        {
            switch (parent)
            {
                // A Task<HttpResponseMessage> returned or stored as a plain Task: the response is dropped.
                case IConversionOperation conversion when value == TrackedValue.Response && IsPlainTask(conversion.Type):
                    return ValueUse.Used;

                case IConversionOperation:
                case IParenthesizedOperation:
                case IAwaitOperation when value == TrackedValue.Response:
                case IConditionalOperation conditional when conditional.Condition != current:
                case ICoalesceOperation:
                    current = parent;
                    continue;

                case ISwitchExpressionArmOperation arm when arm.Value == current && arm.Parent is { } switchExpression:
                    current = switchExpression;
                    continue;

                // response?.StatusCode: the value goes on as the receiver of the member access...
                case IConditionalAccessOperation access when access.Operation == current:
                    if (ConditionalReceiver(access.WhenNotNull) is not { } receiver)
                    {
                        return ValueUse.Used;
                    }

                    current = receiver;
                    continue;

                // ...and what the access reads goes on as the whole expression.
                case IConditionalAccessOperation access when access.WhenNotNull == current:
                    current = parent;
                    continue;

                case IInvocationOperation invocation when invocation.Instance == current:
                    if (!PassesOn(invocation.TargetMethod.Name, value))
                    {
                        return ValueUse.Used;
                    }

                    current = parent;
                    continue;

                case IPropertyReferenceOperation property when property.Instance == current:
                    if (Member(property.Property, value) is not { } next)
                    {
                        return ValueUse.Used;
                    }

                    value = next;
                    current = parent;
                    continue;

                case IReturnOperation:
                    return value == TrackedValue.Landing ? ValueUse.Used : ValueUse.Escapes;

                case IArgumentOperation argument:
                    return ValueUse.Passed(argument, value);

                case ISimpleAssignmentOperation assignment when assignment.Value == current:
                    return Assigned(assignment.Target, assignment, value);

                case ICoalesceAssignmentOperation assignment when assignment.Value == current:
                    return Assigned(assignment.Target, assignment, value);

                case IVariableInitializerOperation when parent.Parent is IVariableDeclaratorOperation declarator:
                    return ValueUse.Stored(declarator.Symbol, declarator, value);

                // Packed into something else that leaves: a tuple, an array, an anonymous object, an
                // initializer. A params array is the arguments of a call (Log("{0}", response)): read.
                case IArrayInitializerOperation when parent.Parent?.Parent is IArgumentOperation { ArgumentKind: ArgumentKind.ParamArray }:
                    return ValueUse.Used;

                case ITupleOperation:
                case IArrayInitializerOperation:
                case IAnonymousObjectCreationOperation:
                case IPropertyInitializerOperation:
                case IFieldInitializerOperation:
                case IMemberInitializerOperation:
                case IObjectOrCollectionInitializerOperation:
                    return value == TrackedValue.Landing ? ValueUse.Used : ValueUse.Escapes;

                default:
                    return ValueUse.Used;
            }
        }

        return ValueUse.Used;
    }

    /// <summary>
    /// A value passed to a method outside the compilation (or without a body in it) is the callee's to
    /// handle, unless the callee only formats it: a parameter of type <c>object</c> or <c>string</c>
    /// (logging, <c>Console.WriteLine</c>). A status or a landing URI passed out handles nothing.
    /// </summary>
    public static bool ExternalArgument(IArgumentOperation argument, TrackedValue value) =>
        value == TrackedValue.Response
        && argument.Parameter is not { Type.SpecialType: SpecialType.System_Object or SpecialType.System_String };

    /// <summary>Where an assignment of the value leads: a local or parameter is followed; a field, property, array element or out parameter escapes.</summary>
    private static ValueUse Assigned(IOperation target, IOperation assignment, TrackedValue value)
    {
        switch (target)
        {
            case ILocalReferenceOperation local:
                return ValueUse.Stored(local.Local, assignment, value);
            case IParameterReferenceOperation { Parameter.RefKind: RefKind.None } parameter:
                return ValueUse.Stored(parameter.Parameter, assignment, value);
            case IDiscardOperation:
                return ValueUse.Used;
            default:
                return value == TrackedValue.Landing ? ValueUse.Used : ValueUse.Escapes;
        }
    }

    /// <summary>A call on the value that gives it back (or the awaited response): <c>ConfigureAwait</c>, <c>GetAwaiter().GetResult()</c>, <c>EnsureSuccessStatusCode()</c>.</summary>
    private static bool PassesOn(string method, TrackedValue value) => value switch
    {
        TrackedValue.Response => method is "ConfigureAwait" or "GetAwaiter" or "GetResult" or "EnsureSuccessStatusCode",
        TrackedValue.Status => method is "GetValueOrDefault",
        _ => method is "ToString" or "GetLeftPart" or "ToLower" or "ToLowerInvariant" or "ToUpper" or "ToUpperInvariant" or "Trim" or "TrimEnd" or "TrimStart",
    };

    /// <summary>What a member read off the value is: the task's result, the response's status or where it landed; null when it is something else.</summary>
    private static TrackedValue? Member(IPropertySymbol property, TrackedValue value)
    {
        if (property.IsIndexer)
        {
            return null;
        }

        return value switch
        {
            TrackedValue.Response => property.Name switch
            {
                "Result" => TrackedValue.Response,
                "StatusCode" => TrackedValue.Status,
                "RequestMessage" or "Headers" => TrackedValue.Landing,
                _ => null,
            },
            TrackedValue.Status => property.Name == "Value" ? TrackedValue.Status : null,
            _ => TrackedValue.Landing,
        };
    }

    private static bool IsPlainTask(ITypeSymbol? type) =>
        type is INamedTypeSymbol { IsGenericType: false, Name: "Task" or "ValueTask", ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace.Name: "System" } } };

    /// <summary>The <c>?.</c> receiver placeholder that a conditional access's right side reads (not one of a nested access).</summary>
    internal static IConditionalAccessInstanceOperation? ConditionalReceiver(IOperation whenNotNull)
    {
        var current = whenNotNull;
        for (var depth = 0; depth < 64; depth++)
        {
            switch (current)
            {
                case IConditionalAccessInstanceOperation receiver:
                    return receiver;
                case IConditionalAccessOperation nested:
                    current = nested.Operation;
                    continue;
                case IPropertyReferenceOperation { Instance: { } instance }:
                    current = instance;
                    continue;
                case IFieldReferenceOperation { Instance: { } instance }:
                    current = instance;
                    continue;
                case IInvocationOperation { Instance: { } instance }:
                    current = instance;
                    continue;
                case IConversionOperation conversion:
                    current = conversion.Operand;
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }
}
