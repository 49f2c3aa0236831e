using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS003;

/// <summary>
/// SESS003: where the object whose lifetime is set comes from and where it goes, within the member
/// that sets it: its object creations, the local that holds it, the options property it came from
/// (<c>options.Cookie</c>), the names it was given and the <c>Append</c> calls it flows into.
/// </summary>
internal sealed class LifetimeOwner
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
    public IEnumerable<string> ConstructedNames(LifetimeTargets targets)
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
    public IEnumerable<string> AppendedNames(LifetimeTargets targets)
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
