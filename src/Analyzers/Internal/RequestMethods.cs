using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SessionSafety.Analyzers.Internal;

/// <summary>Finds out whether an <c>HttpRequestMessage</c> is provably POST, PUT or PATCH within the member.</summary>
internal static class RequestMethods
{
    /// <param name="values">What the caller knows of the member's locals; without it a local request is looked up in the member.</param>
    public static bool IsProvablySave(IOperation request, HttpTypes types, IKnownValues? values = null)
    {
        var value = request.WalkDownConversions();
        switch (value)
        {
            case IObjectCreationOperation creation:
                return CreationIsSave(creation, types);

            case ILocalReferenceOperation local:
                return values is null ? LocalIsSave(local.Local, value.Root(), types) : LocalIsSave(local.Local, values, types);

            default:
                return false;
        }
    }

    private static bool LocalIsSave(ILocalSymbol local, IKnownValues values, HttpTypes types)
    {
        foreach (var assigned in values.AssignedValues(local))
        {
            if (assigned.WalkDownConversions() is IObjectCreationOperation created && CreationIsSave(created, types))
            {
                return true;
            }
        }

        foreach (var method in values.PropertyValues(local, "Method"))
        {
            if (IsSaveMethod(method, types))
            {
                return true;
            }
        }

        return false;
    }

    private static bool LocalIsSave(ILocalSymbol local, IOperation root, HttpTypes types)
    {
        foreach (var operation in root.DescendantsDepthFirst())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    var initializer = declarator.Initializer?.Value ?? declarator.GetVariableInitializer()?.Value;
                    if (initializer?.WalkDownConversions() is IObjectCreationOperation created && CreationIsSave(created, types))
                    {
                        return true;
                    }

                    break;

                case ISimpleAssignmentOperation assignment:
                    // request = new HttpRequestMessage(HttpMethod.Post, …)
                    if (assignment.Target is ILocalReferenceOperation target
                        && SymbolEqualityComparer.Default.Equals(target.Local, local)
                        && assignment.Value.WalkDownConversions() is IObjectCreationOperation assigned
                        && CreationIsSave(assigned, types))
                    {
                        return true;
                    }

                    // request.Method = HttpMethod.Put
                    if (assignment.Target is IPropertyReferenceOperation { Property.Name: "Method" } property
                        && property.Instance?.WalkDownConversions() is ILocalReferenceOperation owner
                        && SymbolEqualityComparer.Default.Equals(owner.Local, local)
                        && IsSaveMethod(assignment.Value, types))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    private static bool CreationIsSave(IObjectCreationOperation creation, HttpTypes types)
    {
        if (!creation.Type.IsType(types.HttpRequestMessage))
        {
            return false;
        }

        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter?.Name == "method" && IsSaveMethod(argument.Value, types))
            {
                return true;
            }
        }

        if (creation.Initializer is { } initializer)
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Method" } } assignment
                    && IsSaveMethod(assignment.Value, types))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary><c>HttpMethod.Post/Put/Patch</c> or <c>new HttpMethod("PATCH")</c>.</summary>
    public static bool IsSaveMethod(IOperation value, HttpTypes types)
    {
        switch (value.WalkDownConversions())
        {
            case IPropertyReferenceOperation property when property.Property.ContainingType.IsType(types.HttpMethod):
                return IsSaveVerb(property.Property.Name);
            case IFieldReferenceOperation field when field.Field.ContainingType.IsType(types.HttpMethod):
                return IsSaveVerb(field.Field.Name);
            case IObjectCreationOperation creation when creation.Type.IsType(types.HttpMethod):
                return creation.Arguments.Length == 1
                    && creation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string verb }
                    && IsSaveVerb(verb);
            default:
                return false;
        }
    }

    private static bool IsSaveVerb(string verb) =>
        verb.Equals("Post", StringComparison.OrdinalIgnoreCase)
        || verb.Equals("Put", StringComparison.OrdinalIgnoreCase)
        || verb.Equals("Patch", StringComparison.OrdinalIgnoreCase);
}
