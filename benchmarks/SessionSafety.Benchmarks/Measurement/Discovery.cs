using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionSafety.Analyzers;
using SessionSafety.CodeFixes;

namespace SessionSafety.Benchmarks.Measurement;

/// <summary>
/// Every analyzer of SessionSafety.Analyzers and every code fix of SessionSafety.CodeFixes, found by
/// reflection, so that a rule that lands later is measured without touching the benchmark.
/// </summary>
internal static class Discovery
{
    public static IReadOnlyList<DiagnosticAnalyzer> Analyzers() =>
        Instances<DiagnosticAnalyzer>(typeof(DiagnosticIds).Assembly);

    public static IReadOnlyList<CodeFixProvider> CodeFixes() =>
        Instances<CodeFixProvider>(typeof(FixEquivalenceKeys).Assembly);

    /// <summary>A short name for reports: the rule IDs it supports, then its type name.</summary>
    public static string Describe(DiagnosticAnalyzer analyzer)
    {
        var ids = RuleIds(analyzer);
        return ids.Count == 0 ? analyzer.GetType().Name : $"{string.Join("+", ids)} ({analyzer.GetType().Name})";
    }

    /// <summary>The IDs an analyzer reports, without SESS000 (bad option values, which the corpus has none of).</summary>
    public static IReadOnlyList<string> RuleIds(DiagnosticAnalyzer analyzer) =>
        analyzer.SupportedDiagnostics
            .Select(d => d.Id)
            .Where(id => id != DiagnosticIds.InvalidOption)
            .Distinct()
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToList();

    private static IReadOnlyList<T> Instances<T>(Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types.Where(t => t is not null).ToArray()!;
        }

        return types
            .Where(t => typeof(T).IsAssignableFrom(t) && t is { IsAbstract: false, IsGenericTypeDefinition: false } && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (T)Activator.CreateInstance(t)!)
            .ToList();
    }
}
