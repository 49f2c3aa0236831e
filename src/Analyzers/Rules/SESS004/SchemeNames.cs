using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS004;

/// <summary>SESS004: the names of authentication schemes, as code gives them.</summary>
internal static class SchemeNames
{
    /// <summary><c>CookieAuthenticationDefaults.AuthenticationScheme</c>: the scheme of <c>AddCookie()</c> without a name.</summary>
    public const string DefaultCookie = "Cookies";

    /// <summary><c>IdentityConstants.ApplicationScheme</c>: the cookie ASP.NET Core Identity signs users in with.</summary>
    public const string IdentityApplication = "Identity.Application";

    /// <summary>The name <c>Configure&lt;T&gt;(action)</c> configures (<c>Options.DefaultName</c>): no scheme reads it.</summary>
    public const string OptionsDefaultName = "";

    /// <summary>
    /// The scheme name an expression gives: constant text, or a field of <c>IdentityConstants</c> (static
    /// read-only, not constant: <c>ApplicationScheme</c> is "Identity.Application"). Null when unknown.
    /// </summary>
    public static string? Evaluate(IOperation? operation, CookieTypes types)
    {
        if (operation is null)
        {
            return null;
        }

        var value = operation.WalkDownConversions();
        if (value.ConstantValue is { HasValue: true, Value: string text })
        {
            return text;
        }

        ISymbol? member = value switch
        {
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };
        if (member is { IsStatic: true } && member.ContainingType.IsType(types.IdentityConstants)
            && member.Name.EndsWith("Scheme", StringComparison.Ordinal))
        {
            return "Identity." + member.Name.Substring(0, member.Name.Length - "Scheme".Length);
        }

        return null;
    }

    /// <summary>The schemes an <c>[Authorize(AuthenticationSchemes = "A,B")]</c> names (comma-separated, trimmed).</summary>
    public static ImmutableArray<string> Split(string? list)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            return ImmutableArray<string>.Empty;
        }

        if (list!.IndexOf(',') < 0)
        {
            // One name, as nearly every attribute gives it.
            return ImmutableArray.Create(list.Trim());
        }

        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var part in list.Split(','))
        {
            var name = part.Trim();
            if (name.Length > 0)
            {
                builder.Add(name);
            }
        }

        return builder.ToImmutable();
    }
}
