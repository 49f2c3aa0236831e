using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace SessionSafety.Tests.Verifiers;

/// <summary>
/// What test sources compile against: the reference assemblies this project was built against (the
/// framework reference packs and the Blazor/auth packages, listed by the project's
/// <c>WriteVerifierReferences</c> target next to the test assembly) and the SessionSafety runtime. The
/// testing library is given an empty <see cref="ReferenceAssemblies"/> and these as additional references,
/// so it resolves no package at run time: a fresh machine with an empty NuGet cache runs the tests as
/// deterministically as a warm one (a cold resolution through the library can fail once).
/// </summary>
public static class TestReferences
{
    private const string ReferencesFile = "verifier.references.txt";
    private const string SdkFile = "verifier.sdk.txt";
    private const string AspNetCore8File = "verifier.references.net8.0.txt";

    private static readonly Lazy<ImmutableArray<MetadataReference>> Framework = new(() => Load(ReferencesFile));
    private static readonly Lazy<ImmutableArray<MetadataReference>> Framework8 = new(() => Load(AspNetCore8File));
    private static readonly ConcurrentDictionary<string, MetadataReference> ByPath = new(StringComparer.Ordinal);

    /// <summary>No packages: the library resolves nothing; the references come from <see cref="Default"/>.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");

    /// <summary>.NET, ASP.NET Core and the Blazor/auth packages: what a Blazor or ASP.NET Core app compiles against.</summary>
    public static ImmutableArray<MetadataReference> Default => Framework.Value;

    /// <summary>.NET 8 and ASP.NET Core 8 (their reference packs): an app below ASP.NET Core 10.</summary>
    public static ImmutableArray<MetadataReference> AspNetCore8 => Framework8.Value;

    /// <summary>The SessionSafety runtime helper.</summary>
    public static MetadataReference Runtime => FromFile(typeof(SessionSafety.DraftGuard).Assembly.Location);

    /// <summary>A reference to the assembly at <paramref name="path"/>, loaded once.</summary>
    public static MetadataReference FromFile(string path) =>
        ByPath.GetOrAdd(Path.GetFullPath(path), static p => MetadataReference.CreateFromFile(p));

    /// <summary>The dotnet root and the SDK folder recorded at build time (<c>$(NetCoreRoot)</c>, <c>$(MSBuildExtensionsPath)</c>).</summary>
    public static (string DotnetRoot, string SdkDirectory) Sdk
    {
        get
        {
            var lines = ReadList(SdkFile);
            if (lines.Count < 2)
            {
                throw new InvalidOperationException($"{SdkFile} should hold the dotnet root and the SDK folder; rebuild the test project.");
            }

            return (lines[0], lines[1]);
        }
    }

    private static ImmutableArray<MetadataReference> Load(string listFile)
    {
        // The build already resolves conflicts between packs and packages; if two files still carry
        // the same assembly name, keep the higher version, as the compiler's unification would.
        var chosen = new Dictionary<string, (Version Version, string Path)>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in ReadList(listFile))
        {
            var name = AssemblyName.GetAssemblyName(path);
            var version = name.Version ?? new Version(0, 0);
            var key = name.Name ?? Path.GetFileNameWithoutExtension(path);
            if (!chosen.TryGetValue(key, out var existing) || existing.Version < version)
            {
                chosen[key] = (version, path);
            }
        }

        return chosen.Values.OrderBy(v => v.Path, StringComparer.Ordinal).Select(v => FromFile(v.Path)).ToImmutableArray();
    }

    private static List<string> ReadList(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, fileName);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"{path} is missing: the test project's WriteVerifierReferences target writes it at build time.");
        }

        return File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
    }
}
