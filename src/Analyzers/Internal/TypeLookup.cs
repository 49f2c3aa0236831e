using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace SessionSafety.Analyzers.Internal;

/// <summary>
/// Finds the types the rules know by metadata name, once per compilation for all rules, by walking the
/// compilation's merged namespaces (<c>System</c> → <c>Net</c> → <c>Http</c>), which the compiler builds
/// for its own look-ups anyway: <see cref="Compilation.GetTypeByMetadataName"/> asks every referenced
/// assembly for every name (docs/performance.md, "Types resolved once per compilation").
/// </summary>
internal static class TypeLookup
{
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<string, INamedTypeSymbol?>> Caches = new();

    /// <summary>
    /// The type with this metadata name, as <see cref="Compilation.GetTypeByMetadataName"/> finds it: the
    /// compilation's own type first; else the one referenced type of that name; else none (ambiguous or absent).
    /// </summary>
    public static INamedTypeSymbol? FindType(this Compilation compilation, string metadataName)
    {
        var cache = Caches.GetValue(compilation, static _ => new ConcurrentDictionary<string, INamedTypeSymbol?>(StringComparer.Ordinal));
        if (cache.TryGetValue(metadataName, out var cached))
        {
            return cached;
        }

        var found = Resolve(compilation, metadataName);
        cache.TryAdd(metadataName, found);
        return found;
    }

    private static INamedTypeSymbol? Resolve(Compilation compilation, string metadataName)
    {
        // Nested and generic names have their own encoding: leave them to the compiler.
        if (metadataName.IndexOf('+') >= 0 || metadataName.IndexOf('`') >= 0)
        {
            return compilation.GetTypeByMetadataName(metadataName);
        }

        var container = compilation.GlobalNamespace;
        var start = 0;
        for (var dot = metadataName.IndexOf('.'); dot >= 0; dot = metadataName.IndexOf('.', start))
        {
            container = Namespace(container, metadataName.Substring(start, dot - start));
            if (container is null)
            {
                return null;
            }

            start = dot + 1;
        }

        var name = metadataName.Substring(start);
        INamedTypeSymbol? referenced = null;
        var ambiguous = false;
        foreach (var type in container.GetTypeMembers(name))
        {
            if (type.MetadataName != name)
            {
                continue;
            }

            if (SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly))
            {
                return type;
            }

            ambiguous |= referenced is not null;
            referenced = type;
        }

        return ambiguous ? null : referenced;
    }

    private static INamespaceSymbol? Namespace(INamespaceSymbol parent, string name)
    {
        foreach (var member in parent.GetMembers(name))
        {
            if (member is INamespaceSymbol @namespace)
            {
                return @namespace;
            }
        }

        return null;
    }
}
