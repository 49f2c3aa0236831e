using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SessionSafety.Analyzers;
using SessionSafety.Analyzers.Internal;
using SessionSafety.Tests.Verifiers;
using Xunit;

namespace SessionSafety.Tests.Internal;

/// <summary><see cref="TypeLookup.FindType"/> must find what <see cref="Compilation.GetTypeByMetadataName"/> finds.</summary>
public class TypeLookupTests
{
    [Fact]
    public void EveryKnownType_IsFoundAsTheCompilerFindsIt()
    {
        var names = typeof(KnownTypes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetValue(null)!)
            .Concat(new[] { "System.TimeSpan", "No.Such.Type", "System.Collections.Generic.List`1", "System.Environment+SpecialFolder" })
            .ToList();
        var compilation = CSharpCompilation.Create("Lookup", references: TestReferences.Default.Add(TestReferences.Runtime));

        var differences = names
            .Where(name => !SymbolEqualityComparer.Default.Equals(compilation.FindType(name), compilation.GetTypeByMetadataName(name)))
            .ToList();

        Assert.Empty(differences);
        Assert.NotNull(compilation.FindType(KnownTypes.HttpClient));
        Assert.NotNull(compilation.FindType("System.Environment+SpecialFolder"));
    }

    [Fact]
    public void ATypeOfTheCompilation_WinsOverAReferencedOne()
    {
        var compilation = CSharpCompilation.Create(
            "Lookup",
            new[] { CSharpSyntaxTree.ParseText("namespace System.Net.Http { public class HttpClient { } }") },
            TestReferences.Default);

        var found = compilation.FindType(KnownTypes.HttpClient);

        Assert.NotNull(found);
        Assert.Equal(compilation.Assembly, found!.ContainingAssembly, SymbolEqualityComparer.Default);
        Assert.Equal(compilation.GetTypeByMetadataName(KnownTypes.HttpClient), found, SymbolEqualityComparer.Default);
    }

    [Fact]
    public void TheSameNameInTwoReferences_IsAmbiguous_AsForTheCompiler()
    {
        var first = Library("First", "namespace Shared { public class Thing { } }");
        var second = Library("Second", "namespace Shared { public class Thing { } }");
        var compilation = CSharpCompilation.Create("Lookup", references: TestReferences.Default.Add(first).Add(second));

        Assert.Equal(compilation.GetTypeByMetadataName("Shared.Thing"), compilation.FindType("Shared.Thing"), SymbolEqualityComparer.Default);
        Assert.Null(compilation.FindType("Shared.Thing"));
    }

    [Fact]
    public void AGenericTypeOfTheSameName_IsNotTheNonGenericOne()
    {
        var library = Library("Generic", "namespace Shared { public class Box<T> { } }");
        var compilation = CSharpCompilation.Create("Lookup", references: TestReferences.Default.Add(library));

        Assert.Null(compilation.FindType("Shared.Box"));
        Assert.NotNull(compilation.FindType("Shared.Box`1"));
    }

    private static MetadataReference Library(string name, string source)
    {
        var library = CSharpCompilation.Create(
            name,
            new[] { CSharpSyntaxTree.ParseText(source) },
            TestReferences.Default,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var emitted = library.Emit(stream);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        return MetadataReference.CreateFromImage(ImmutableArray.Create(stream.ToArray()));
    }
}
