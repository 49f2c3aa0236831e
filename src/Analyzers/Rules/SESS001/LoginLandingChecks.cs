using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>
/// Recognises a test of where a response landed against a login page:
/// <c>response.RequestMessage.RequestUri.AbsolutePath.Contains("/Account/Login")</c>,
/// <c>uri.ToString().StartsWith(…)</c>, <c>path == "/login"</c>, or where a redirect the client did not
/// follow points (<c>response.Headers.Location</c>). Cookie authentication answers an expired session with
/// a redirect to the login page, which the client follows by default: the final request's URI, not a 401,
/// is what tells the app that the session has expired.
/// </summary>
internal static class LoginLandingChecks
{
    /// <summary>A cheap test on the method name, before any operand is looked at.</summary>
    public static bool IsTestName(string name) =>
        name is "Contains" or "StartsWith" or "EndsWith" or "Equals" or "IndexOf" or "Compare";

    /// <summary>
    /// When this one operation (a string test or an equality) has an operand read from an
    /// <c>HttpRequestMessage.RequestUri</c> and another whose constant text has a login path segment: the
    /// operand read from the URI (what the test is about); else null. <paramref name="loginPagesFor"/> gives
    /// the login paths that apply to an operand (its file's options); it is asked only for operands that
    /// are constant text, which most equalities and most calls of these names (a list's <c>Contains</c>) do
    /// not have. <paramref name="values"/> resolves the member's locals.
    /// </summary>
    public static IOperation? LandingSubject(IOperation operation, HttpTypes types, Func<IOperation, LoginTargets> loginPagesFor, IKnownValues values)
    {
        switch (operation)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                return Pair(binary.LeftOperand, binary.RightOperand, types, loginPagesFor, values)
                    ?? Pair(binary.RightOperand, binary.LeftOperand, types, loginPagesFor, values);

            case IInvocationOperation invocation when IsTestName(invocation.TargetMethod.Name):
                // The constant first: it is cheap, and most calls of these names have none.
                var namesLogin = false;
                foreach (var argument in invocation.Arguments)
                {
                    namesLogin |= NamesLoginPage(argument.Value, loginPagesFor);
                }

                if (!namesLogin)
                {
                    return null;
                }

                if (invocation.Instance is { } instance && ReadsRequestUri(instance, types, values))
                {
                    return instance;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (ReadsRequestUri(argument.Value, types, values))
                    {
                        return argument.Value;
                    }
                }

                return null;

            default:
                return null;
        }
    }

    private static IOperation? Pair(IOperation uri, IOperation text, HttpTypes types, Func<IOperation, LoginTargets> loginPagesFor, IKnownValues values) =>
        NamesLoginPage(text, loginPagesFor) && ReadsRequestUri(uri, types, values) ? uri : null;

    private static bool NamesLoginPage(IOperation operation, Func<IOperation, LoginTargets> loginPagesFor) =>
        operation.WalkDownConversions().ConstantValue is { HasValue: true, Value: string text }
        && loginPagesFor(operation).Matches(text, allowPageSuffix: false);

    /// <summary>
    /// The value is the request URI of an <c>HttpRequestMessage</c>, or read from it through properties
    /// (<c>AbsolutePath</c>, <c>PathAndQuery</c>, …), parameterless calls (<c>ToString()</c>,
    /// <c>ToLowerInvariant()</c>), <c>?.</c> and locals assigned once.
    /// </summary>
    private static bool ReadsRequestUri(IOperation operation, HttpTypes types, IKnownValues values)
    {
        var current = operation;
        for (var depth = 0; depth < 8 && current is not null; depth++)
        {
            switch (current.WalkDownConversions())
            {
                case IPropertyReferenceOperation { Property.Name: "RequestUri" } property
                    when property.Property.ContainingType.DerivesFromOrIs(types.HttpRequestMessage):
                    return true;
                case IPropertyReferenceOperation { Property.Name: "Location" } property when IsResponseHeaders(property.Property.ContainingType):
                    return true;
                case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                    current = property.Instance;
                    break;
                case IInvocationOperation { Arguments.Length: 0 } invocation:
                    current = invocation.Instance;
                    break;
                case IConditionalAccessInstanceOperation instance:
                    current = ConditionalSource(instance);
                    break;
                case IConditionalAccessOperation access:
                    current = access.WhenNotNull;
                    break;
                case ILocalReferenceOperation local:
                    current = values.SingleValue(local.Local);
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary><c>HttpResponseHeaders</c>: its <c>Location</c> is where a redirect that the client did not follow points.</summary>
    private static bool IsResponseHeaders(INamedTypeSymbol type) => type.HasMetadataName(KnownTypes.HttpResponseHeaders);

    /// <summary>What a <c>?.</c> reads from: the receiver of the conditional access whose right side holds <paramref name="instance"/>.</summary>
    private static IOperation? ConditionalSource(IConditionalAccessInstanceOperation instance)
    {
        for (var parent = instance.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IConditionalAccessOperation access && instance.IsInside(access.WhenNotNull))
            {
                return access.Operation;
            }
        }

        return null;
    }
}
