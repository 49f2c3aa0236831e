using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace SessionSafety.Benchmarks.Scaling;

/// <summary>
/// The installed SDK's own Razor source generator, as a Blazor build runs it: the benchmark's Razor
/// shapes and the tests' Razor compilations both load it from here.
/// </summary>
internal static class RazorSourceGenerators
{
    /// <summary>The Razor compiler under <paramref name="sdkDirectory"/> (<c>$(MSBuildExtensionsPath)</c>), with its sibling assemblies; Roslyn itself is the caller's.</summary>
    public static ImmutableArray<ISourceGenerator> Load(string sdkDirectory)
    {
        var directory = Path.Combine(sdkDirectory, "Sdks", "Microsoft.NET.Sdk.Razor", "source-generators");
        var path = Path.Combine(directory, "Microsoft.CodeAnalysis.Razor.Compiler.dll");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The SDK's Razor source generator is not at {path}.");
        }

        var assembly = new SiblingLoadContext(directory).LoadFromAssemblyPath(path);
        var generators = assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetCustomAttribute<GeneratorAttribute>() is not null)
            .Select(t => Activator.CreateInstance(t) switch
            {
                IIncrementalGenerator incremental => incremental.AsSourceGenerator(),
                ISourceGenerator generator => generator,
                _ => null,
            })
            .OfType<ISourceGenerator>()
            .ToImmutableArray();
        return generators.IsEmpty ? throw new InvalidOperationException($"{path} has no source generator.") : generators;
    }

    /// <summary>Loads the generator's own dependencies from its folder and shares everything else (Roslyn above all) with the caller.</summary>
    private sealed class SiblingLoadContext : AssemblyLoadContext
    {
        private readonly string directory;

        public SiblingLoadContext(string directory)
            : base("RazorSourceGenerator")
        {
            this.directory = directory;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (Default.Assemblies.Any(a => AssemblyName.ReferenceMatchesDefinition(assemblyName, a.GetName())))
            {
                return null;
            }

            var candidate = Path.Combine(directory, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }
    }
}
