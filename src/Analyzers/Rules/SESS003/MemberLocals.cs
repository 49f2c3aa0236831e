using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS003;

/// <summary>
/// What one member does with its locals (initial values, assignments, <c>Name</c> writes, arguments) and
/// where it sets a property to <c>false</c>, found in one walk and shared by every lifetime assignment of
/// the member: asking the whole member again for each of them made a member with N lifetimes quadratic.
/// </summary>
internal sealed class MemberLocals
{
    private static readonly ConditionalWeakTable<IOperation, MemberLocals> ByRoot = new();

    private readonly Dictionary<ILocalSymbol, List<IOperation>> uses = new(SymbolEqualityComparer.Default);

    private MemberLocals(IOperation root)
    {
        foreach (var operation in root.DescendantsDepthFirst())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator:
                    Add(declarator.Symbol, declarator);
                    break;

                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation assigned } assignment:
                    Add(assigned.Local, assignment);
                    break;

                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment:
                    if (property.Property.Name == "Name" && property.Instance is { } instance
                        && LifetimeEvaluator.Strip(instance) is ILocalReferenceOperation owner)
                    {
                        Add(owner.Local, assignment);
                    }

                    if (assignment.Value.ConstantValue is { HasValue: true, Value: false })
                    {
                        FalseAssignments.Add(assignment);
                    }

                    break;

                case IArgumentOperation argument when LifetimeEvaluator.Strip(argument.Value) is ILocalReferenceOperation passed:
                    Add(passed.Local, argument);
                    break;
            }
        }
    }

    /// <summary>Assignments of the constant <c>false</c> to a property, in the member's order.</summary>
    public List<ISimpleAssignmentOperation> FalseAssignments { get; } = new();

    /// <summary>The member whose outermost operation is <paramref name="root"/>.</summary>
    public static MemberLocals For(IOperation root) => ByRoot.GetValue(root, static r => new MemberLocals(r));

    /// <summary>The operations that declare, assign, name or pass <paramref name="local"/>, in the member's order.</summary>
    public IReadOnlyList<IOperation> UsesOf(ILocalSymbol local) =>
        uses.TryGetValue(local, out var found) ? found : (IReadOnlyList<IOperation>)System.Array.Empty<IOperation>();

    private void Add(ILocalSymbol local, IOperation operation)
    {
        if (!uses.TryGetValue(local, out var list))
        {
            uses[local] = list = new List<IOperation>();
        }

        list.Add(operation);
    }
}
