using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SessionSafety.Analyzers.Internal;

internal static class OperationExtensions
{
    /// <summary>The outermost operation of the member the operation is in (its whole body, lambdas and local functions included).</summary>
    public static IOperation Root(this IOperation operation)
    {
        var current = operation;
        while (current.Parent is { } parent)
        {
            current = parent;
        }

        return current;
    }

    /// <summary>The operation with implicit and explicit conversions and parentheses taken off.</summary>
    public static IOperation WalkDownConversions(this IOperation operation)
    {
        var current = operation;
        while (true)
        {
            switch (current)
            {
                case IConversionOperation conversion:
                    current = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    current = parenthesized.Operand;
                    continue;
                default:
                    return current;
            }
        }
    }

    /// <summary>Whether <paramref name="operation"/> is <paramref name="ancestor"/> or inside it.</summary>
    public static bool IsInside(this IOperation operation, IOperation ancestor)
    {
        for (var current = operation; current is not null; current = current.Parent)
        {
            if (current == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The operation's descendants, depth first, itself excluded.</summary>
    public static IEnumerable<IOperation> DescendantsDepthFirst(this IOperation operation)
    {
        var stack = new Stack<IOperation>(16);
        stack.Push(operation);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            foreach (var child in current.ChildOperations)
            {
                yield return child;
                stack.Push(child);
            }
        }
    }

    /// <summary>The argument bound to the parameter named <paramref name="name"/>, if any.</summary>
    public static IArgumentOperation? ArgumentFor(this IInvocationOperation invocation, string name)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == name)
            {
                return argument;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a top-level type has this metadata name (<c>Namespace.Type</c>), compared part by part
    /// without making a string: for the few types a rule knows by name where it holds no compilation.
    /// </summary>
    public static bool HasMetadataName(this ITypeSymbol? type, string metadataName)
    {
        if (type is null || type.ContainingType is not null)
        {
            return false;
        }

        ISymbol current = type;
        var end = metadataName.Length;
        while (true)
        {
            var name = current.MetadataName;
            var start = end - name.Length;
            if (start < 0 || string.CompareOrdinal(metadataName, start, name, 0, name.Length) != 0)
            {
                return false;
            }

            if (current.ContainingNamespace is not { IsGlobalNamespace: false } containing)
            {
                return start == 0;
            }

            if (start == 0 || metadataName[start - 1] != '.')
            {
                return false;
            }

            end = start - 1;
            current = containing;
        }
    }

    public static bool IsType(this ITypeSymbol? type, INamedTypeSymbol? expected) =>
        expected is not null && type is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

    /// <summary>Whether <paramref name="type"/> is or implements the interface <paramref name="expected"/> (its original definition).</summary>
    public static bool Implements(ITypeSymbol? type, INamedTypeSymbol? expected)
    {
        if (type.IsType(expected))
        {
            return true;
        }

        foreach (var implemented in type?.AllInterfaces ?? ImmutableArray<INamedTypeSymbol>.Empty)
        {
            if (implemented.IsType(expected))
            {
                return true;
            }
        }

        return false;
    }

    public static bool DerivesFromOrIs(this ITypeSymbol? type, INamedTypeSymbol? expected)
    {
        for (var current = type; current is not null && expected is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, expected))
            {
                return true;
            }
        }

        return false;
    }
}
