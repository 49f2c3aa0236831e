using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;

namespace SessionSafety.Analyzers.Rules.SESS002;

/// <summary>
/// The methods listed in <c>session_safety.draft_save_methods</c> (<c>Namespace.Type.Method</c>, nested types
/// with '.', generic types with or without <c>`N</c>), looked up by hash: a call's simple name first, which
/// rejects almost every call, then its qualified names. Made once per distinct option text.
/// </summary>
internal sealed class DraftSaveMethods
{
    private readonly HashSet<string> qualifiedNames;
    private readonly HashSet<string> simpleNames;

    public DraftSaveMethods(ImmutableArray<string> names)
    {
        qualifiedNames = new HashSet<string>(names, StringComparer.Ordinal);
        simpleNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            simpleNames.Add(name.Substring(name.LastIndexOf('.') + 1));
        }
    }

    public bool IsEmpty => qualifiedNames.Count == 0;

    public bool Contains(IMethodSymbol method)
    {
        var target = method.ReducedFrom ?? method;
        return simpleNames.Contains(target.Name)
            && (qualifiedNames.Contains(QualifiedName(target, withArity: true)) || qualifiedNames.Contains(QualifiedName(target, withArity: false)));
    }

    private static string QualifiedName(IMethodSymbol method, bool withArity)
    {
        var builder = new StringBuilder();
        AppendType(builder, method.ContainingType, withArity);
        builder.Append('.').Append(method.Name);
        return builder.ToString();
    }

    private static void AppendType(StringBuilder builder, INamedTypeSymbol type, bool withArity)
    {
        if (type.ContainingType is { } outer)
        {
            AppendType(builder, outer, withArity);
            builder.Append('.');
        }
        else if (type.ContainingNamespace is { IsGlobalNamespace: false } ns)
        {
            builder.Append(ns.ToDisplayString()).Append('.');
        }

        builder.Append(type.Name);
        if (withArity && type.Arity > 0)
        {
            builder.Append('`').Append(type.Arity);
        }
    }
}
