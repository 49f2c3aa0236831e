using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>
/// The credentials set on a client's <c>DefaultRequestHeaders</c> in code outside the save's member: a
/// client field's or property's in its type (<c>_http.DefaultRequestHeaders.Add("X-Api-Key", …)</c> in a
/// constructor), a registration's (<c>AddHttpClient("n", c =&gt; c.DefaultRequestHeaders.Authorization = …)</c>).
/// Found by syntax first; only the header writes are bound.
/// </summary>
internal static class ConfiguredHeaders
{
    public const string Word = "DefaultRequestHeaders";

    /// <summary>What the header writes inside <paramref name="node"/> carry; with <paramref name="ownerName"/>, only those on a client of that name.</summary>
    public static HeaderCredentials In(SyntaxNode node, SemanticModel model, string? ownerName, CancellationToken cancellationToken)
    {
        var credentials = HeaderCredentials.None;
        foreach (var descendant in node.DescendantNodes())
        {
            if (descendant is not IdentifierNameSyntax { Identifier.ValueText: Word } name
                || name.Parent is not MemberAccessExpressionSyntax access || access.Name != name
                || (ownerName is not null && RightmostName(access.Expression) != ownerName)
                || access.Parent is not MemberAccessExpressionSyntax write || write.Expression != access)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (!WritesCredentialHeader(write))
            {
                continue;
            }

            if (write.Parent is InvocationExpressionSyntax call && call.Expression == write
                && write.Name.Identifier.ValueText is "Add" or "TryAddWithoutValidation"
                && call.ArgumentList.Arguments.Count == 2
                && model.GetOperation(call, cancellationToken) is IInvocationOperation { Arguments.Length: 2 } added)
            {
                credentials |= MachineCredentials.Classify(added.Arguments[0].Value, added.Arguments[1].Value, values: null);
            }
            else if (write.Name.Identifier.ValueText == "Authorization"
                && write.Parent is AssignmentExpressionSyntax assignment && assignment.Left == write
                && model.GetOperation(assignment, cancellationToken) is ISimpleAssignmentOperation assigned)
            {
                credentials |= MachineCredentials.Classify(null, assigned.Value, values: null);
            }
        }

        return credentials;
    }

    /// <summary>
    /// Whether <paramref name="node"/> writes a default header that may carry credentials, by syntax alone
    /// (before anything is bound): the <c>Authorization</c> header or property, a header named for an API
    /// key, or a header whose name is not a literal. <c>DefaultRequestHeaders.Add("X-Client", …)</c> is not.
    /// </summary>
    public static bool MayCarryCredentials(SyntaxNode node)
    {
        foreach (var token in node.DescendantTokens())
        {
            if (token.ValueText == Word
                && token.Parent is IdentifierNameSyntax { Parent: MemberAccessExpressionSyntax { Parent: MemberAccessExpressionSyntax write } access }
                && write.Expression == access
                && WritesCredentialHeader(write))
            {
                return true;
            }
        }

        return false;
    }

    private static bool WritesCredentialHeader(MemberAccessExpressionSyntax write)
    {
        if (write.Name.Identifier.ValueText == "Authorization")
        {
            return true;
        }

        if (write.Parent is not InvocationExpressionSyntax { ArgumentList.Arguments: { Count: 2 } arguments })
        {
            return false;
        }

        return arguments[0].Expression is not LiteralExpressionSyntax literal
            || literal.Token.ValueText.Equals("Authorization", System.StringComparison.OrdinalIgnoreCase)
            || MachineCredentials.IsApiKeyHeader(literal.Token.ValueText);
    }

    private static string? RightmostName(ExpressionSyntax expression) => expression switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        ParenthesizedExpressionSyntax parenthesized => RightmostName(parenthesized.Expression),
        _ => null,
    };
}
