namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>Where one read of a followed value leads (<see cref="ValueUses.Follow"/>).</summary>
internal enum ValueUseKind
{
    /// <summary>Read, and nothing that handles a session follows from it (a success check, content read, discard).</summary>
    Used,

    /// <summary>It leaves the member for someone else to handle: returned, stored in a field, property or out parameter, packed, or passed out of the compilation.</summary>
    Escapes,

    /// <summary>Stored in a local or parameter of the member: its later reads are followed.</summary>
    Stored,

    /// <summary>Passed as an argument: to a method of the compilation (then followed into it) or not (see <see cref="ValueUses.ExternalArgument"/>).</summary>
    Argument,
}
