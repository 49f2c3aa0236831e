using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SessionSafety.Analyzers.Rules;

/// <summary>
/// SESS003: where the object whose lifetime is set comes from and where it goes, within the member
/// that sets it: its object creations, the local that holds it, the options property it came from
/// (<c>options.Cookie</c>), the names it was given and the <c>Append</c> calls it flows into.
/// </summary>
internal sealed class SESS003Origin
{
    private readonly List<IObjectCreationOperation> creations = new();
    private readonly List<IOperation> nameValues = new();
    private readonly List<IArgumentOperation> flowsInto = new();

    public IPropertyReferenceOperation? SourceProperty { get; set; }

    public ILocalSymbol? Local { get; set; }

    public List<IObjectCreationOperation> Creations => creations;

    public List<IOperation> NameValues => nameValues;

    public List<IArgumentOperation> FlowsInto => flowsInto;

    /// <summary>The constant names given at construction (<c>new Cookie("sid", v)</c>, <c>Name = "sid"</c>).</summary>
    public IEnumerable<string> ConstructedNames(SESS003Targets targets)
    {
        foreach (var creation in creations)
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Name == "name" && argument.Value.ConstantValue is { HasValue: true, Value: string name })
                {
                    yield return name;
                }
            }

            if (creation.Initializer is null)
            {
                continue;
            }

            foreach (var initializer in creation.Initializer.Initializers)
            {
                if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment
                    && targets.IsCookieName(property.Property)
                    && assignment.Value.ConstantValue is { HasValue: true, Value: string name })
                {
                    yield return name;
                }
            }
        }

        foreach (var value in nameValues)
        {
            if (value.ConstantValue is { HasValue: true, Value: string name })
            {
                yield return name;
            }
        }
    }

    /// <summary>The constant cookie names of the <c>Response.Cookies.Append(name, value, options)</c> calls the options go to.</summary>
    public IEnumerable<string> AppendedNames(SESS003Targets targets)
    {
        foreach (var argument in flowsInto)
        {
            if (argument.Parent is IInvocationOperation invocation && targets.IsAppend(invocation.TargetMethod))
            {
                foreach (var other in invocation.Arguments)
                {
                    if (other.Parameter is { Ordinal: 0, Type.SpecialType: SpecialType.System_String }
                        && other.Value.ConstantValue is { HasValue: true, Value: string name })
                    {
                        yield return name;
                    }
                }
            }
        }
    }
}

/// <summary>SESS003: the flow questions the rule asks inside one member.</summary>
internal static class SESS003Flow
{
    /// <summary>Where the instance whose property <paramref name="target"/> is assigned comes from.</summary>
    public static SESS003Origin FindOrigin(ISimpleAssignmentOperation assignment, IPropertyReferenceOperation target)
    {
        var origin = new SESS003Origin();
        var root = Root(assignment);
        switch (target.Instance is null ? null : SESS003Lifetimes.Strip(target.Instance))
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
    public static bool IsSlidingExpirationDisabled(ISimpleAssignmentOperation assignment, IPropertyReferenceOperation target, SESS003Targets targets)
    {
        var instance = target.Instance is null ? null : SESS003Lifetimes.Strip(target.Instance);
        if (instance is null)
        {
            return false;
        }

        var scope = ConfigurationScope(assignment);
        var origin = instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
            ? FindOrigin(assignment, target)
            : null;

        foreach (var operation in scope.Descendants())
        {
            if (operation is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation sliding } candidate
                || !targets.IsSlidingExpiration(sliding.Property)
                || candidate.Value.ConstantValue is not { HasValue: true, Value: false })
            {
                continue;
            }

            var candidateInstance = sliding.Instance is null ? null : SESS003Lifetimes.Strip(sliding.Instance);
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

    private static void AddCreation(SESS003Origin origin, IObjectCreationOperation creation, IOperation root)
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
    private static void AddLocal(SESS003Origin origin, ILocalSymbol local, IOperation root)
    {
        if (origin.Local is not null)
        {
            return;
        }

        origin.Local = local;
        foreach (var operation in root.Descendants())
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
                    when SESS003Lifetimes.Strip(instance) is ILocalReferenceOperation owner
                        && SymbolEqualityComparer.Default.Equals(owner.Local, local):
                    origin.NameValues.Add(nameAssignment.Value);
                    break;

                case IArgumentOperation argument
                    when SESS003Lifetimes.Strip(argument.Value) is ILocalReferenceOperation passed
                        && SymbolEqualityComparer.Default.Equals(passed.Local, local):
                    origin.FlowsInto.Add(argument);
                    break;
            }
        }
    }

    private static void AddSource(SESS003Origin origin, IOperation? value)
    {
        switch (value is null ? null : SESS003Lifetimes.Strip(value))
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
        left = SESS003Lifetimes.Strip(left);
        right = SESS003Lifetimes.Strip(right);
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
