using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace SessionSafety.CodeFixes.Internal;

/// <summary>
/// Adds a <c>using</c> directive by syntax alone, where the IDE's import service would put it: in sorted
/// position (System namespaces first) when the file's usings are sorted, else after them; a file header
/// stays on top. The semantic import service would fork the compilation to find out.
/// </summary>
internal static class Usings
{
    public static CompilationUnitSyntax Add(CompilationUnitSyntax root, string @namespace)
    {
        if (root.Usings.Any(u => IsPlain(u) && u.Name?.ToString() == @namespace))
        {
            return root;
        }

        var endOfLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var newLine = endOfLine == default ? CarriageReturnLineFeed : endOfLine;
        var directive = UsingDirective(ParseName(@namespace)).NormalizeWhitespace().WithTrailingTrivia(newLine);

        if (root.Usings.Count == 0)
        {
            // Keep a file header above the new using, and a blank line between it and the code.
            var first = root.GetFirstToken(includeZeroWidth: true);
            var header = first.LeadingTrivia;
            var rooted = root.ReplaceToken(first, first.WithLeadingTrivia(newLine));
            return rooted.WithUsings(List(new[] { directive.WithLeadingTrivia(header) }));
        }

        var usings = root.Usings;
        var plain = usings.Where(IsPlain).ToList();
        var index = usings.Count;
        if (plain.Count > 0 && IsSorted(plain))
        {
            var before = plain.FirstOrDefault(u => Compare(@namespace, u.Name!.ToString()) < 0);
            if (before is not null)
            {
                index = usings.IndexOf(before);
            }
        }

        if (index == 0)
        {
            // The first using carries the file header: the header stays first.
            var first = usings[0];
            directive = directive.WithLeadingTrivia(first.GetLeadingTrivia());
            usings = usings.Replace(first, first.WithoutLeadingTrivia());
        }

        return root.WithUsings(usings.Insert(index, directive));
    }

    private static bool IsPlain(UsingDirectiveSyntax directive) =>
        directive.Alias is null
        && directive.StaticKeyword.IsKind(SyntaxKind.None)
        && directive.GlobalKeyword.IsKind(SyntaxKind.None)
        && directive.Name is not null;

    private static bool IsSorted(IReadOnlyList<UsingDirectiveSyntax> usings)
    {
        for (var i = 1; i < usings.Count; i++)
        {
            if (Compare(usings[i - 1].Name!.ToString(), usings[i].Name!.ToString()) > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static int Compare(string left, string right)
    {
        var bySystem = IsSystem(right).CompareTo(IsSystem(left));
        return bySystem != 0 ? bySystem : string.Compare(left, right, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsSystem(string name) => name == "System" || name.StartsWith("System.", StringComparison.Ordinal);
}
