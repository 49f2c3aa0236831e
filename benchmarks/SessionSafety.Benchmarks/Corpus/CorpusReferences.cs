using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Components.WebAssembly.Authentication;
using Microsoft.CodeAnalysis;

namespace SessionSafety.Benchmarks.Corpus;

/// <summary>
/// The assemblies the corpus compiles against, as a real project would: the installed SDK's reference
/// packs (Microsoft.NETCore.App.Ref and Microsoft.AspNetCore.App.Ref for the running runtime's version),
/// the Blazor WebAssembly authentication package, and the SessionSafety runtime (so that the SESS001 fix,
/// which needs <c>SessionSafety.DraftGuard</c>, is offered).
/// </summary>
public static class CorpusReferences
{
    private static readonly string[] Packs = { "Microsoft.NETCore.App.Ref", "Microsoft.AspNetCore.App.Ref" };

    public static IReadOnlyList<MetadataReference> Load()
    {
        var paths = ReferencePackAssemblies().ToList();
        paths.Add(typeof(AccessTokenNotAvailableException).Assembly.Location);
        paths.Add(typeof(SessionSafety.DraftGuard).Assembly.Location);
        return paths
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => (MetadataReference)MetadataReference.CreateFromFile(g.First()))
            .ToList();
    }

    /// <summary>The <c>ref/netX.Y/*.dll</c> of both packs, for the major.minor of the running runtime.</summary>
    public static IEnumerable<string> ReferencePackAssemblies()
    {
        var root = DotnetRoot();
        var version = Environment.Version;
        var tfm = $"net{version.Major}.{version.Minor}";
        foreach (var pack in Packs)
        {
            var packDirectory = Path.Combine(root, "packs", pack);
            var refDirectory = Directory.Exists(packDirectory)
                ? Directory.GetDirectories(packDirectory)
                    .Select(d => (Path: d, Version: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : null))
                    .Where(d => d.Version is not null && d.Version.Major == version.Major && d.Version.Minor == version.Minor)
                    .OrderByDescending(d => d.Version)
                    .Select(d => Path.Combine(d.Path, "ref", tfm))
                    .FirstOrDefault(Directory.Exists)
                : null;
            if (refDirectory is null)
            {
                throw new InvalidOperationException($"No {pack} for {tfm} under {packDirectory}: the benchmark compiles against the installed SDK's reference packs.");
            }

            foreach (var dll in Directory.EnumerateFiles(refDirectory, "*.dll"))
            {
                yield return dll;
            }
        }
    }

    /// <summary>The dotnet root: DOTNET_ROOT, else three levels above the running runtime (shared/Microsoft.NETCore.App/x.y.z).</summary>
    private static string DotnetRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(Path.Combine(fromEnvironment, "packs")))
        {
            return fromEnvironment;
        }

        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
    }
}
