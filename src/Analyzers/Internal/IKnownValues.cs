using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace SessionSafety.Analyzers.Internal;

/// <summary>
/// What a rule already knows about the values one member reads: its locals, gathered in one walk of the
/// member, and which fields and properties keep the text they are initialised with. Given to
/// <see cref="TargetText"/> and <see cref="RequestMethods"/> so that they do not search the member again
/// for each local; without it they do, and trust read-only members only.
/// </summary>
internal interface IKnownValues
{
    /// <summary>The value <paramref name="local"/> holds wherever it is read: its initializer when it is never assigned again; null when unknown.</summary>
    IOperation? SingleValue(ILocalSymbol local);

    /// <summary>Every value <paramref name="local"/> is initialised or assigned with (<c>=</c>, <c>??=</c>) in the member.</summary>
    IEnumerable<IOperation> AssignedValues(ILocalSymbol local);

    /// <summary>The values assigned to a property of the object <paramref name="local"/> holds (<c>request.Method = …</c>), in the member.</summary>
    IEnumerable<IOperation> PropertyValues(ILocalSymbol local, string property);

    /// <summary>Whether a field or property is assigned nowhere in the compilation but in its own declaration.</summary>
    bool KeepsInitialValue(ISymbol member);
}
