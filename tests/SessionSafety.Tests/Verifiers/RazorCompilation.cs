using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace SessionSafety.Tests.Verifiers;

/// <summary>Compiles .razor files through the installed SDK's own Razor source generator.</summary>
internal static class RazorCompilation
{
    public static bool IsRazorFile(string? path) =>
        path is not null && path.EndsWith(".razor", StringComparison.OrdinalIgnoreCase);

    public static string GlobalConfig(string rootNamespace, IEnumerable<(string Path, string RelativePath)> razorFiles) =>
        throw new NotSupportedException("Razor sources are not supported yet.");

    public static (Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics) Run(Compilation compilation, Project project, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Razor sources are not supported yet.");
}
