using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>
/// What a test is about: from the value a 401/403 or login-page test reads (<c>(int)response.StatusCode</c>,
/// <c>response?.RequestMessage?.RequestUri</c>, <c>(await task).StatusCode</c>) down to the local, parameter
/// or call it starts from. A test counts for a save when that is the save's response, its task, or a
/// local that holds one of them or its status (<see cref="MemberFlow"/>).
/// </summary>
internal static class TestedValues
{
    public static IOperation Base(IOperation subject)
    {
        var current = subject;
        for (var depth = 0; depth < 64; depth++)
        {
            switch (current)
            {
                case IConversionOperation conversion:
                    current = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    current = parenthesized.Operand;
                    continue;
                case IAwaitOperation awaited:
                    current = awaited.Operation;
                    continue;
                case IPropertyReferenceOperation { Property.IsIndexer: false, Instance: { } instance }:
                    current = instance;
                    continue;
                case IInvocationOperation { Instance: { } instance } invocation when invocation.Arguments.Length == 0 || invocation.TargetMethod.Name == "ConfigureAwait":
                    current = instance;
                    continue;
                case IConditionalAccessOperation access:
                    current = access.WhenNotNull;
                    continue;
                case IConditionalAccessInstanceOperation receiver when AccessOf(receiver) is { } access:
                    current = access.Operation;
                    continue;
                default:
                    return current;
            }
        }

        return current;
    }

    /// <summary>The conditional access whose right side holds <paramref name="receiver"/> (its <c>?.</c> receiver).</summary>
    private static IConditionalAccessOperation? AccessOf(IConditionalAccessInstanceOperation receiver)
    {
        for (var parent = receiver.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IConditionalAccessOperation access && receiver.IsInside(access.WhenNotNull))
            {
                return access;
            }
        }

        return null;
    }
}
