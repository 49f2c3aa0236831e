using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>
/// Recognises the service's own credentials on a request (<see href="https://github.com/session-safety/SessionSafety/blob/main/docs/rules/SESS001.md">docs/rules/SESS001.md</see>, scope):
/// an API-key header, OAuth client credentials in the content, and an <c>Authorization</c> header whose
/// value comes from a constant, configuration, an options object or a field rather than from the
/// signed-in user. A 401 on such a request is a configuration error, not an expired session.
/// </summary>
internal static class MachineCredentials
{
    /// <summary>What the letters of an API-key header's name contain (<c>X-Api-Key</c>, <c>Ocp-Apim-Subscription-Key</c>, <c>x-functions-key</c>).</summary>
    private static readonly string[] ApiKeyNameParts = { "apikey", "subscriptionkey", "functionskey", "accesskey", "secretkey", "appkey", "clientsecret" };

    private const int MaxDepth = 8;

    /// <summary><c>client_secret</c> or <c>grant_type</c>, as a form field's name, a JSON member's name or in form text (<c>grant_type=…</c>).</summary>
    public static bool IsClientCredentialText(string text) =>
        text.Length >= "grant_type".Length && text.IndexOf('_') >= 0
        && (text.Equals("client_secret", StringComparison.OrdinalIgnoreCase)
        || text.Equals("grant_type", StringComparison.OrdinalIgnoreCase)
        || text.IndexOf("client_secret=", StringComparison.OrdinalIgnoreCase) >= 0
        || text.IndexOf("grant_type=", StringComparison.OrdinalIgnoreCase) >= 0);

    /// <summary>Whether a header's name names an API key, ignoring case and punctuation.</summary>
    public static bool IsApiKeyHeader(string name)
    {
        Span<char> letters = name.Length <= 64 ? stackalloc char[name.Length] : new char[name.Length];
        var count = 0;
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                letters[count++] = char.ToLowerInvariant(c);
            }
        }

        var normalized = letters.Slice(0, count);
        foreach (var part in ApiKeyNameParts)
        {
            if (normalized.IndexOf(part.AsSpan()) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What one header written in code carries. <paramref name="name"/> is the header's name (null for the
    /// <c>Authorization</c> property of the headers), <paramref name="value"/> its value.
    /// </summary>
    public static HeaderCredentials Classify(IOperation? name, IOperation value, IKnownValues? values)
    {
        if (name is not null)
        {
            var text = TargetText.Constant(name, values);
            if (IsApiKeyHeader(text))
            {
                return HeaderCredentials.ApiKey;
            }

            if (!text.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                return HeaderCredentials.None;
            }
        }

        return IsServiceValue(value, values, 0) ? HeaderCredentials.ServiceAuthorization : HeaderCredentials.None;
    }

    /// <summary>
    /// Whether a credential's value is the service's own: text fixed in code, read from configuration, an
    /// options object or a field (or a member of the type). A parameter or a call (<c>GetTokenAsync(…)</c>)
    /// may be the signed-in user's token: not the service's.
    /// </summary>
    private static bool IsServiceValue(IOperation? operation, IKnownValues? values, int depth)
    {
        if (operation is null || depth > MaxDepth)
        {
            return false;
        }

        var value = operation.WalkDownConversions();
        if (value.ConstantValue is { HasValue: true, Value: string })
        {
            return true;
        }

        switch (value)
        {
            // new AuthenticationHeaderValue("Bearer", token): the credential is the parameter, not the scheme.
            case IObjectCreationOperation creation when creation.Type?.Name == "AuthenticationHeaderValue":
                return creation.Arguments.Length > 0 && IsServiceValue(creation.Arguments[creation.Arguments.Length - 1].Value, values, depth + 1);

            case IInvocationOperation { TargetMethod: { Name: "Parse", ContainingType.Name: "AuthenticationHeaderValue" } } parse when parse.Arguments.Length > 0:
                return IsServiceValue(parse.Arguments[0].Value, values, depth + 1);

            case IInterpolatedStringOperation interpolated:
                var anyHole = false;
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation hole)
                    {
                        anyHole = true;
                        if (IsServiceValue(hole.Expression, values, depth + 1))
                        {
                            return true;
                        }
                    }
                }

                return !anyHole;

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                return PartsAreService(binary.LeftOperand, binary.RightOperand, values, depth);

            case IInvocationOperation invocation when BuildsText(invocation.TargetMethod):
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Value.WalkDownConversions().ConstantValue.HasValue)
                    {
                        continue;
                    }

                    if (argument.Value is IArrayCreationOperation { Initializer: { } elements })
                    {
                        foreach (var element in elements.ElementValues)
                        {
                            if (!element.WalkDownConversions().ConstantValue.HasValue && IsServiceValue(element, values, depth + 1))
                            {
                                return true;
                            }
                        }
                    }
                    else if (IsServiceValue(argument.Value, values, depth + 1))
                    {
                        return true;
                    }
                }

                return false;

            case IInvocationOperation invocation:
                return IsConfigurationType(invocation.TargetMethod.ContainingType)
                    || (invocation.TargetMethod is { Name: "GetEnvironmentVariable", ContainingType.Name: "Environment" });

            case ILocalReferenceOperation local:
                return values?.SingleValue(local.Local) is { } initial && IsServiceValue(initial, values, depth + 1);

            case IFieldReferenceOperation:
                return true;

            case IPropertyReferenceOperation property:
                if (IsConfigurationType(property.Property.ContainingType) || IsOptionsType(property.Property.ContainingType))
                {
                    return true;
                }

                return property.Instance is null or IInstanceReferenceOperation || IsServiceValue(property.Instance, values, depth + 1);

            case IParameterReferenceOperation parameter:
                return IsOptionsType(parameter.Type) || IsConfigurationType(parameter.Type);

            default:
                return false;
        }
    }

    /// <summary>Text made of two parts: the service's own when all of it is fixed, or a part that is not fixed is.</summary>
    private static bool PartsAreService(IOperation left, IOperation right, IKnownValues? values, int depth)
    {
        var leftFixed = left.WalkDownConversions().ConstantValue.HasValue;
        var rightFixed = right.WalkDownConversions().ConstantValue.HasValue;
        return (leftFixed && rightFixed)
            || (!leftFixed && IsServiceValue(left, values, depth + 1))
            || (!rightFixed && IsServiceValue(right, values, depth + 1));
    }

    /// <summary>Calls that only put text together: <c>string.Concat/Format/Join</c>, <c>Convert.ToBase64String</c>, <c>Encoding.GetBytes</c>.</summary>
    private static bool BuildsText(IMethodSymbol method) =>
        (method.ContainingType.SpecialType == SpecialType.System_String && method.Name is "Concat" or "Format" or "Join")
        || (method.ContainingType.Name == "Convert" && method.Name == "ToBase64String")
        || (method.Name == "GetBytes" && method.ContainingType.Name.EndsWith("Encoding", StringComparison.Ordinal));

    /// <summary><c>IConfiguration</c>, its sections and its extension methods (<c>GetValue</c>, <c>GetSection</c>, <c>GetConnectionString</c>).</summary>
    private static bool IsConfigurationType(ITypeSymbol? type) =>
        type?.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Configuration";

    /// <summary>An options object: <c>IOptions&lt;T&gt;</c> and its kin, or a type named for settings (<c>…Options</c>, <c>…Settings</c>, <c>…Config</c>, <c>…Configuration</c>).</summary>
    private static bool IsOptionsType(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (type.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Options")
        {
            return true;
        }

        var name = type.Name;
        return name.EndsWith("Options", StringComparison.Ordinal) || name.EndsWith("Settings", StringComparison.Ordinal)
            || name.EndsWith("Config", StringComparison.Ordinal) || name.EndsWith("Configuration", StringComparison.Ordinal);
    }
}
