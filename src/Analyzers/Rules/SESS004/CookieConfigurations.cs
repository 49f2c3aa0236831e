using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS004;

/// <summary>
/// SESS004: the calls that create or configure a cookie scheme — <c>AddCookie</c> (every overload),
/// <c>ConfigureApplicationCookie</c>, <c>AddIdentity</c>/<c>AddDefaultIdentity</c>/<c>AddIdentityCookies</c>,
/// <c>Configure</c>/<c>PostConfigure</c>/<c>ConfigureAll</c>/<c>PostConfigureAll&lt;CookieAuthenticationOptions&gt;</c>,
/// an options builder of cookie options — and the registrations of options classes that configure them.
/// </summary>
internal static class CookieConfigurations
{
    /// <summary>The configuration <paramref name="invocation"/> makes, or null when it is none.</summary>
    public static CookieConfiguration? Read(IInvocationOperation invocation, CookieTypes types)
    {
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "AddCookie" when FirstParameterIs(method, types.AuthenticationBuilder):
            {
                var scheme = invocation.ArgumentFor("authenticationScheme") is { } name ? SchemeNames.Evaluate(name.Value, types) : SchemeNames.DefaultCookie;
                return WithOptions(Make(invocation, scheme, allSchemes: false, creates: true, configures: true), invocation, types);
            }

            case "AddIdentity" or "AddDefaultIdentity" when method.ReturnType.IsType(types.IdentityBuilder) && FirstParameterIs(method, types.ServiceCollection):
            case "AddIdentityCookies" when FirstParameterIs(method, types.AuthenticationBuilder):
                return Make(invocation, SchemeNames.IdentityApplication, allSchemes: false, creates: true, configures: false);

            case "ConfigureApplicationCookie" when FirstParameterIs(method, types.ServiceCollection):
                return WithOptions(Make(invocation, SchemeNames.IdentityApplication, allSchemes: false, creates: false, configures: true), invocation, types);

            case "Configure" or "PostConfigure" or "ConfigureAll" or "PostConfigureAll"
                when method.TypeArguments.Length == 1 && method.TypeArguments[0].IsType(types.CookieOptions) && FirstParameterIs(method, types.ServiceCollection):
            {
                if (!HasOptionsDelegate(method, types))
                {
                    return null;
                }

                var all = method.Name.EndsWith("All", System.StringComparison.Ordinal);
                var scheme = all ? null : invocation.ArgumentFor("name") is { } name ? SchemeNames.Evaluate(name.Value, types) : SchemeNames.OptionsDefaultName;
                return WithOptions(Make(invocation, scheme, allSchemes: all, creates: false, configures: !all), invocation, types);
            }

            case "Configure" or "PostConfigure" when IsCookieOptionsBuilder(invocation.Instance?.Type, types) && HasOptionsDelegate(method, types):
                return WithOptions(Make(invocation, OptionsBuilderName(invocation.Instance!, types), allSchemes: false, creates: false, configures: true), invocation, types);

            default:
                return null;
        }
    }

    /// <summary>
    /// An options class of cookie options (<c>IConfigureNamedOptions</c>, <c>IPostConfigureOptions</c>;
    /// <c>IConfigureOptions</c> alone configures only the unnamed options, which no scheme reads) that
    /// <paramref name="invocation"/> registers as a type argument, <c>typeof</c> or instance.
    /// </summary>
    public static CookieConfiguration? ReadOptionsClassRegistration(IInvocationOperation invocation, CookieTypes types)
    {
        foreach (var typeArgument in invocation.TargetMethod.TypeArguments)
        {
            if (IsNamedOptionsClass(typeArgument, types))
            {
                return OptionsClass(invocation, (INamedTypeSymbol)typeArgument);
            }
        }

        foreach (var argument in invocation.Arguments)
        {
            var value = argument.Value.WalkDownConversions();
            var type = value is ITypeOfOperation typeOf ? typeOf.TypeOperand : value is IObjectCreationOperation created ? created.Type : null;
            if (IsNamedOptionsClass(type, types))
            {
                return OptionsClass(invocation, (INamedTypeSymbol)type!);
            }
        }

        return null;
    }

    /// <summary>The name token of the invoked method: where a diagnostic about the call goes.</summary>
    public static SyntaxNode NameOf(SyntaxNode invocation) => invocation switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Name,
        InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding } => binding.Name,
        InvocationExpressionSyntax { Expression: SimpleNameSyntax name } => name,
        _ => invocation,
    };

    /// <summary>The <c>if</c>s and conditional expressions <paramref name="operation"/> is in an arm of, innermost first.</summary>
    public static ImmutableArray<SyntaxNode> GuardsOf(IOperation operation)
    {
        ImmutableArray<SyntaxNode>.Builder? builder = null;
        for (var current = operation; current.Parent is { } parent; current = parent)
        {
            if (parent is IConditionalOperation conditional && current != conditional.Condition)
            {
                (builder ??= ImmutableArray.CreateBuilder<SyntaxNode>()).Add(conditional.Syntax);
            }
        }

        return builder?.ToImmutable() ?? ImmutableArray<SyntaxNode>.Empty;
    }

    private static CookieConfiguration OptionsClass(IInvocationOperation invocation, INamedTypeSymbol type) =>
        new(null, allSchemes: true, creates: false, configures: false, invocation.Syntax, NameOf(invocation.Syntax).GetLocation(), GuardsOf(invocation))
        {
            OptionsClass = type,
        };

    private static bool IsNamedOptionsClass(ITypeSymbol? type, CookieTypes types)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class } named || named.DeclaringSyntaxReferences.IsEmpty)
        {
            return false;
        }

        foreach (var implemented in named.AllInterfaces)
        {
            if (implemented.TypeArguments.Length == 1 && implemented.TypeArguments[0].IsType(types.CookieOptions)
                && (implemented.OriginalDefinition.IsType(types.ConfigureNamedOptions) || implemented.OriginalDefinition.IsType(types.PostConfigureOptions)))
            {
                return true;
            }
        }

        return false;
    }

    private static CookieConfiguration Make(IInvocationOperation invocation, string? scheme, bool allSchemes, bool creates, bool configures) =>
        new(scheme, allSchemes, creates, configures, invocation.Syntax, NameOf(invocation.Syntax).GetLocation(), GuardsOf(invocation));

    /// <summary>Reads what the call's options delegate sets: a lambda's body now, a method group's body when needed.</summary>
    private static CookieConfiguration WithOptions(CookieConfiguration configuration, IInvocationOperation invocation, CookieTypes types)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type is not INamedTypeSymbol { TypeKind: TypeKind.Delegate } || argument.Value.WalkDownConversions() is not IDelegateCreationOperation creation)
            {
                continue;
            }

            switch (creation.Target)
            {
                case IAnonymousFunctionOperation lambda:
                    configuration.Handled |= EventHandlers.Scan(lambda.Body, types, configuration.Helpers);
                    break;
                case IMethodReferenceOperation reference when !reference.Method.DeclaringSyntaxReferences.IsEmpty:
                    configuration.Helpers.Add(reference.Method.OriginalDefinition);
                    break;
            }
        }

        return configuration;
    }

    private static bool FirstParameterIs(IMethodSymbol method, INamedTypeSymbol? type) =>
        method.IsExtensionMethod || method.IsStatic
            ? method.Parameters.Length > 0 && method.Parameters[0].Type.IsType(type)
            : method.ContainingType.IsType(type);

    private static bool HasOptionsDelegate(IMethodSymbol method, CookieTypes types)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { } invoke }
                && invoke.Parameters.Length > 0 && invoke.Parameters[0].Type.IsType(types.CookieOptions))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCookieOptionsBuilder(ITypeSymbol? type, CookieTypes types) =>
        type is INamedTypeSymbol { TypeArguments.Length: 1 } named
        && named.OriginalDefinition.IsType(types.OptionsBuilder)
        && named.TypeArguments[0].IsType(types.CookieOptions);

    /// <summary>The options name an options builder stands for: <c>AddOptions&lt;T&gt;(name)</c>, or a cookie of <c>IdentityCookiesBuilder</c>.</summary>
    private static string? OptionsBuilderName(IOperation builder, CookieTypes types)
    {
        for (var current = builder.WalkDownConversions(); ;)
        {
            switch (current)
            {
                case IInvocationOperation { TargetMethod.Name: "AddOptions" } added:
                    return added.ArgumentFor("name") is { } name ? SchemeNames.Evaluate(name.Value, types) : SchemeNames.OptionsDefaultName;
                case IInvocationOperation { Instance: { } instance } chained when IsCookieOptionsBuilder(instance.Type, types):
                    current = instance.WalkDownConversions();
                    continue;
                case IInvocationOperation { TargetMethod.IsExtensionMethod: true, Arguments.Length: > 0 } extension when IsCookieOptionsBuilder(extension.Arguments[0].Value.Type, types):
                    current = extension.Arguments[0].Value.WalkDownConversions();
                    continue;
                case IPropertyReferenceOperation property when property.Property.ContainingType.IsType(types.IdentityCookiesBuilder)
                    && property.Property.Name.EndsWith("Cookie", System.StringComparison.Ordinal):
                    return "Identity." + property.Property.Name.Substring(0, property.Property.Name.Length - "Cookie".Length);
                default:
                    return null;
            }
        }
    }
}
