using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>
/// Decides whether a message handler forwards the signed-in user's credentials (<see href="https://github.com/session-safety/SessionSafety/blob/main/docs/rules/SESS001.md">docs/rules/SESS001.md</see>, scope):
/// Blazor's <c>AuthorizationMessageHandler</c> (and <c>BaseAddressAuthorizationMessageHandler</c>), or a
/// handler in the compilation that reads the user's token (<c>GetTokenAsync(…)</c>, <c>IAccessTokenProvider</c>)
/// or sends the browser's credentials (<c>SetBrowserRequestCredentials</c>). The saves of such a client are
/// made for that user.
/// </summary>
internal static class CredentialForwardingHandlers
{
    public static bool Forwards(HandlerRef handler, INamedTypeSymbol? authorizationMessageHandler, Compilation compilation, Memo<INamedTypeSymbol, bool> sourceVerdicts)
    {
        if (handler.Type is not { } type)
        {
            return false;
        }

        return type.DerivesFromOrIs(authorizationMessageHandler) || sourceVerdicts.Get(type, compilation, static (handlerType, c) => ReadsUserToken(handlerType, c));
    }

    /// <summary>A syntactic look at the handler's declarations (and its base types' in source): the handler usually lives in another file than the save.</summary>
    private static bool ReadsUserToken(INamedTypeSymbol type, Compilation compilation)
    {
        for (var current = type; current is not null && CompilationSource.Declares(compilation, current); current = current.BaseType)
        {
            foreach (var reference in current.DeclaringSyntaxReferences)
            {
                foreach (var node in reference.GetSyntax().DescendantNodes())
                {
                    if (node is IdentifierNameSyntax { Identifier.ValueText: "GetTokenAsync" or "IAccessTokenProvider" or "SetBrowserRequestCredentials" })
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
