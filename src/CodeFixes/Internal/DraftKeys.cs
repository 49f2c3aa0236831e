using Microsoft.CodeAnalysis;

namespace SessionSafety.CodeFixes.Internal;

/// <summary>
/// The stable draft key "{Type}.{Member}" shared by the fixes, so that a guarded save (SESS001) and a
/// draft stored before a redirect (SESS002) in the same member agree.
/// </summary>
internal static class DraftKeys
{
    public static string For(ISymbol enclosing)
    {
        var member = enclosing;
        while (member is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction }
            && member.ContainingSymbol is not null)
        {
            member = member.ContainingSymbol;
        }

        var type = member.ContainingType?.Name ?? "App";
        return type + "." + MemberName(member);
    }

    private static string MemberName(ISymbol member) => member switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } method => method.ContainingType.Name,
        IMethodSymbol { AssociatedSymbol: { } associated } => associated.Name,
        IMethodSymbol { Name: "<Main>$" } => "Main",
        _ => member.Name,
    };
}
