using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>
/// Follows a value (a response or its task) through awaits, conversions and locals in its member and
/// tells whether it escapes: returned, passed as an argument, or stored in a field, property, array
/// element or out/ref parameter. An escaping response is the caller's to handle.
/// </summary>
internal static class ValueEscape
{
    public static bool Escapes(IOperation value)
    {
        var root = value.Root();
        var tracked = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var pending = new Queue<IOperation>();
        pending.Enqueue(value);

        while (pending.Count > 0)
        {
            var current = pending.Dequeue();
            switch (Follow(current, out var local))
            {
                case Outcome.Escapes:
                    return true;
                case Outcome.StoredInLocal when local is not null && tracked.Add(local):
                    foreach (var reference in References(root, local))
                    {
                        pending.Enqueue(reference);
                    }

                    break;
            }
        }

        return false;
    }

    private enum Outcome
    {
        Used,
        StoredInLocal,
        Escapes,
    }

    private static Outcome Follow(IOperation value, out ILocalSymbol? local)
    {
        local = null;
        var current = value;
        while (current.Parent is { } parent)
        {
            switch (parent)
            {
                // The value passes through unchanged (or as its awaited result).
                case IConversionOperation:
                case IParenthesizedOperation:
                case IAwaitOperation:
                case IConditionalOperation conditional when conditional.Condition != current:
                case ICoalesceOperation:
                    current = parent;
                    continue;

                // task.ConfigureAwait(false), task.GetAwaiter().GetResult(), task.Result
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "GetAwaiter" or "GetResult" } invocation when invocation.Instance == current:
                    current = parent;
                    continue;
                case IPropertyReferenceOperation { Property.Name: "Result" } result when result.Instance == current:
                    current = parent;
                    continue;

                case IReturnOperation:
                    return Outcome.Escapes;

                case IArgumentOperation:
                    return Outcome.Escapes;

                case ISimpleAssignmentOperation assignment when assignment.Value == current:
                    switch (assignment.Target)
                    {
                        case ILocalReferenceOperation target:
                            local = target.Local;
                            return Outcome.StoredInLocal;
                        case IDiscardOperation:
                            return Outcome.Used;
                        default:
                            // Field, property, array element, out/ref parameter, indexer.
                            return Outcome.Escapes;
                    }

                case IVariableInitializerOperation when parent.Parent is IVariableDeclaratorOperation declarator:
                    local = declarator.Symbol;
                    return Outcome.StoredInLocal;

                // Packed into something else that leaves: a tuple, a collection, an anonymous object.
                case ITupleOperation:
                case IArrayInitializerOperation:
                case IAnonymousObjectCreationOperation:
                case IPropertyInitializerOperation:
                case IFieldInitializerOperation:
                    return Outcome.Escapes;

                case IMemberInitializerOperation:
                case IObjectOrCollectionInitializerOperation:
                    return Outcome.Escapes;

                default:
                    return Outcome.Used;
            }
        }

        return Outcome.Used;
    }

    private static IEnumerable<IOperation> References(IOperation root, ILocalSymbol local)
    {
        foreach (var operation in root.DescendantsDepthFirst())
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                yield return reference;
            }
        }
    }
}
