using System.Globalization;
using Microsoft.CodeAnalysis;

namespace SessionSafety.Analyzers.Internal;

/// <summary>
/// The stable draft key <c>"{Type}.{Member}"</c> under which a fix keeps the user's input, with <c>.2</c>,
/// <c>.3</c>… for a member's second and later saves. Computed here only, by the analyzers, and handed to
/// the fixes in <see cref="Property"/>: SESS001's guarded save and SESS002's draft stored before the
/// redirect in the same member must agree.
/// </summary>
internal static class DraftKeys
{
    /// <summary>The diagnostic property that carries the key (SESS001, SESS002).</summary>
    public const string Property = "DraftKey";

    /// <param name="member">The symbol that owns the code (a lambda or local function counts as its outer member).</param>
    /// <param name="saveOrdinal">1 for the member's first save call (in source order), 2 for the second…</param>
    public static string For(ISymbol member, int saveOrdinal)
    {
        while (member is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction }
            && member.ContainingSymbol is not null)
        {
            member = member.ContainingSymbol;
        }

        var key = (member.ContainingType?.Name ?? "App") + "." + MemberName(member);
        return saveOrdinal > 1 ? key + "." + saveOrdinal.ToString(CultureInfo.InvariantCulture) : key;
    }

    private static string MemberName(ISymbol member) => member switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } method => method.ContainingType.Name,
        IMethodSymbol { AssociatedSymbol: { } associated } => associated.Name,
        IMethodSymbol { Name: "<Main>$" } => "Main",
        _ => member.Name,
    };
}
