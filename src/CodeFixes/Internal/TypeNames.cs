using Microsoft.CodeAnalysis;

namespace SessionSafety.CodeFixes.Internal;

/// <summary>
/// How a fix writes a type's name. The policy for every fix: names are decided on the original
/// document's semantic model, and no fix asks the <c>Simplifier</c> (it would fork the compilation and
/// bind the changed document again, most of a fix's time in a large solution).
/// </summary>
internal static class TypeNames
{
    /// <summary>
    /// The simple name when it already means <paramref name="type"/> at <paramref name="position"/>, or
    /// when nothing of that name is in scope (the fix then imports the type's namespace); otherwise its
    /// <c>global::</c>-qualified name.
    /// </summary>
    public static string ImportedOrQualified(SemanticModel model, int position, INamedTypeSymbol type)
    {
        var visible = model.LookupNamespacesAndTypes(position, name: type.Name);
        return visible.IsEmpty || IsOnly(visible, type) ? type.Name : Qualified(type);
    }

    /// <summary>Whether nothing of <paramref name="type"/>'s simple name is in scope at <paramref name="position"/>.</summary>
    public static bool IsFree(SemanticModel model, int position, INamedTypeSymbol type) =>
        model.LookupNamespacesAndTypes(position, name: type.Name).IsEmpty;

    /// <summary>Whether <paramref name="type"/>'s simple name means it, and only it, at <paramref name="position"/>.</summary>
    public static bool IsVisible(SemanticModel model, int position, INamedTypeSymbol type) =>
        IsOnly(model.LookupNamespacesAndTypes(position, name: type.Name), type);

    /// <summary>
    /// The shortest name that means <paramref name="type"/> at <paramref name="position"/> without adding an
    /// import: the simple name, <c>Namespace.Type</c> when the namespace's first part binds there, else the
    /// <c>global::</c>-qualified name.
    /// </summary>
    public static string Shortest(SemanticModel model, int position, INamedTypeSymbol type)
    {
        if (IsVisible(model, position, type))
        {
            return type.Name;
        }

        var outermost = type.ContainingNamespace;
        while (outermost is { ContainingNamespace.IsGlobalNamespace: false })
        {
            outermost = outermost.ContainingNamespace;
        }

        if (outermost is { IsGlobalNamespace: false }
            && model.LookupNamespacesAndTypes(position, name: outermost.Name) is { Length: 1 } found
            && found[0] is INamespaceSymbol { ContainingNamespace.IsGlobalNamespace: true })
        {
            return type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
        }

        return Qualified(type);
    }

    private static bool IsOnly(System.Collections.Immutable.ImmutableArray<ISymbol> visible, INamedTypeSymbol type) =>
        visible.Length == 1 && SymbolEqualityComparer.Default.Equals(visible[0], type);

    private static string Qualified(INamedTypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
}
