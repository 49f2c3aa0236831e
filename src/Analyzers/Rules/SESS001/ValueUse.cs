using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>Where one read of a followed value leads, and what it is there (<see cref="ValueUses.Follow"/>).</summary>
internal readonly struct ValueUse
{
    private ValueUse(ValueUseKind kind, TrackedValue value, ISymbol? target = null, IOperation? store = null, IArgumentOperation? argument = null)
    {
        Kind = kind;
        Value = value;
        Target = target;
        Store = store;
        Argument = argument;
    }

    public static ValueUse Used => new(ValueUseKind.Used, TrackedValue.Response);

    public static ValueUse Escapes => new(ValueUseKind.Escapes, TrackedValue.Response);

    public ValueUseKind Kind { get; }

    /// <summary>What the value is where it arrives (a response's <c>StatusCode</c> is a status).</summary>
    public TrackedValue Value { get; }

    /// <summary>For <see cref="ValueUseKind.Stored"/>: the local or parameter that holds it.</summary>
    public ISymbol? Target { get; }

    /// <summary>For <see cref="ValueUseKind.Stored"/>: the declarator or assignment that stores it (its later reads count).</summary>
    public IOperation? Store { get; }

    /// <summary>For <see cref="ValueUseKind.Argument"/>: the argument it is passed as.</summary>
    public IArgumentOperation? Argument { get; }

    public static ValueUse Stored(ISymbol target, IOperation store, TrackedValue value) => new(ValueUseKind.Stored, value, target, store);

    public static ValueUse Passed(IArgumentOperation argument, TrackedValue value) => new(ValueUseKind.Argument, value, argument: argument);
}
