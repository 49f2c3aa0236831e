using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS003;

/// <summary>SESS003: the flow questions the rule asks inside one member.</summary>
internal static class LifetimeOwners
{
    /// <summary>Where the instance whose property <paramref name="target"/> is assigned comes from.</summary>
    public static LifetimeOwner FindOrigin(ISimpleAssignmentOperation assignment, IPropertyReferenceOperation target)
    {
        var origin = new LifetimeOwner();
        var root = Root(assignment);
        switch (target.Instance is null ? null : LifetimeEvaluator.Strip(target.Instance))
        {
            case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                switch (assignment.Parent)
                {
                    // new SessionOptions { Cookie = { MaxAge = … } }
                    case IObjectOrCollectionInitializerOperation { Parent: IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation member } }:
                        origin.SourceProperty = member;
                        break;

                    // new CookieOptions { Expires = … }
                    case IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation }:
                        AddCreation(origin, creation, root);
                        break;
                }

                break;

            case IPropertyReferenceOperation property:
                origin.SourceProperty = property;
                break;

            case ILocalReferenceOperation local:
                AddLocal(origin, local.Local, root);
                break;
        }

        return origin;
    }

    /// <summary>
    /// Whether the same configuration — the same options lambda, initializer or method body, writing
    /// the same options instance — sets <c>SlidingExpiration = false</c>; then ExpireTimeSpan is absolute.
    /// </summary>
    public static bool IsSlidingExpirationDisabled(ISimpleAssignmentOperation assignment, IPropertyReferenceOperation target, LifetimeTargets targets)
    {
        var instance = target.Instance is null ? null : LifetimeEvaluator.Strip(target.Instance);
        if (instance is null)
        {
            return false;
        }

        var scope = ConfigurationScope(assignment);
        var origin = instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
            ? FindOrigin(assignment, target)
            : null;

        foreach (var candidate in MemberLocals.For(Root(assignment)).FalseAssignments)
        {
            if (candidate.Target is not IPropertyReferenceOperation sliding
                || !targets.IsSlidingExpiration(sliding.Property)
                || !IsWithin(candidate, scope))
            {
                continue;
            }

            var candidateInstance = sliding.Instance is null ? null : LifetimeEvaluator.Strip(sliding.Instance);
            if (candidateInstance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
            {
                // Set in an initializer: the same initializer, or the initializer of the local we set.
                if (candidate.Parent == assignment.Parent)
                {
                    return true;
                }

                if (instance is ILocalReferenceOperation local
                    && candidate.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation created }
                    && FlowsIntoLocal(created, local.Local))
                {
                    return true;
                }

                continue;
            }

            if (origin is not null)
            {
                // We are in an initializer whose object is then held by a local that the candidate writes.
                if (origin.Local is not null && candidateInstance is ILocalReferenceOperation candidateLocal
                    && SymbolEqualityComparer.Default.Equals(candidateLocal.Local, origin.Local))
                {
                    return true;
                }

                continue;
            }

            if (candidateInstance is not null && SameInstance(instance, candidateInstance))
            {
                return true;
            }
        }

        return false;
    }

    private static bool FlowsIntoLocal(IObjectCreationOperation creation, ILocalSymbol local)
    {
        var parent = Up(creation);
        return parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } =>
                SymbolEqualityComparer.Default.Equals(declarator.Symbol, local),
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation assigned } =>
                SymbolEqualityComparer.Default.Equals(assigned.Local, local),
            _ => false,
        };
    }

    private static void AddCreation(LifetimeOwner origin, IObjectCreationOperation creation, IOperation root)
    {
        origin.Creations.Add(creation);
        var parent = Up(creation);
        switch (parent)
        {
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                AddLocal(origin, declarator.Symbol, root);
                break;
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local }:
                AddLocal(origin, local.Local, root);
                break;
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property }:
                // options.Cookie = new CookieBuilder { … }
                origin.SourceProperty ??= property;
                break;
            case IArgumentOperation argument:
                origin.FlowsInto.Add(argument);
                break;
        }
    }

    /// <summary>Everything the member does with the local: its initial values, names and the calls it is passed to.</summary>
    private static void AddLocal(LifetimeOwner origin, ILocalSymbol local, IOperation root)
    {
        if (origin.Local is not null)
        {
            return;
        }

        origin.Local = local;
        foreach (var operation in MemberLocals.For(root).UsesOf(local))
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    AddSource(origin, declarator.Initializer?.Value);
                    break;

                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation assigned } assignment
                    when SymbolEqualityComparer.Default.Equals(assigned.Local, local):
                    AddSource(origin, assignment.Value);
                    break;

                // cookie.Name = "sid";
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Name", Instance: { } instance } } nameAssignment
                    when LifetimeEvaluator.Strip(instance) is ILocalReferenceOperation owner
                        && SymbolEqualityComparer.Default.Equals(owner.Local, local):
                    origin.NameValues.Add(nameAssignment.Value);
                    break;

                case IArgumentOperation argument
                    when LifetimeEvaluator.Strip(argument.Value) is ILocalReferenceOperation passed
                        && SymbolEqualityComparer.Default.Equals(passed.Local, local):
                    origin.FlowsInto.Add(argument);
                    break;
            }
        }
    }

    private static void AddSource(LifetimeOwner origin, IOperation? value)
    {
        switch (value is null ? null : LifetimeEvaluator.Strip(value))
        {
            case IObjectCreationOperation creation:
                origin.Creations.Add(creation);
                break;
            case IPropertyReferenceOperation property:
                origin.SourceProperty ??= property;
                break;
        }
    }

    private static bool SameInstance(IOperation left, IOperation right)
    {
        left = LifetimeEvaluator.Strip(left);
        right = LifetimeEvaluator.Strip(right);
        return (left, right) switch
        {
            (ILocalReferenceOperation a, ILocalReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Local, b.Local),
            (IParameterReferenceOperation a, IParameterReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Parameter, b.Parameter),
            (IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance },
             IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }) => true,
            (IFieldReferenceOperation a, IFieldReferenceOperation b) =>
                SymbolEqualityComparer.Default.Equals(a.Field, b.Field)
                && (a.Instance is null ? b.Instance is null : b.Instance is not null && SameInstance(a.Instance, b.Instance)),
            (IPropertyReferenceOperation a, IPropertyReferenceOperation b) =>
                a.Arguments.IsEmpty && b.Arguments.IsEmpty
                && SymbolEqualityComparer.Default.Equals(a.Property, b.Property)
                && (a.Instance is null ? b.Instance is null : b.Instance is not null && SameInstance(a.Instance, b.Instance)),
            _ => false,
        };
    }

    private static IOperation? Up(IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

        return parent;
    }

    private static bool IsWithin(IOperation operation, IOperation scope)
    {
        for (var current = operation; current is not null; current = current.Parent)
        {
            if (current == scope)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The whole member (method body, top-level statements, field initializer).</summary>
    private static IOperation Root(IOperation operation)
    {
        while (operation.Parent is not null)
        {
            operation = operation.Parent;
        }

        return operation;
    }

    /// <summary>The innermost options lambda or local function, else the member.</summary>
    private static IOperation ConfigurationScope(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }

            if (current.Parent is null)
            {
                return current;
            }
        }

        return operation;
    }
}
