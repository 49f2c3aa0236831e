using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>
/// Whether a field or property keeps the value of its declaration: no code in the compilation assigns
/// it (<c>=</c>, a compound assignment, <c>??=</c>, <c>++</c>/<c>--</c>, <c>ref</c>/<c>out</c>). A
/// cross-file fact, asked for the few members a request's URI is read from and kept per compilation by the
/// rule's context. The files that can assign the member (its type's for a private one, all others) are
/// searched as text for its name followed by an assignment; only those places are bound.
/// </summary>
internal static class InitialValues
{
    public static bool KeepsInitialValue(Compilation compilation, ISymbol member, CancellationToken cancellationToken)
    {
        if (member is IFieldSymbol { IsConst: true })
        {
            return true;
        }

        // Declared elsewhere (metadata, or another project's source in the IDE): its assignments are not all in view.
        if (CompilationSource.Declarations(compilation, member).Length != 1 || member.Locations.Length == 0)
        {
            return false;
        }

        // A computed property (=> "text", or a getter that returns it) has no storage to assign.
        if (member is IPropertySymbol { SetMethod: null, GetMethod: { } getter }
            && getter.DeclaringSyntaxReferences.Length == 1
            && getter.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is ArrowExpressionClauseSyntax or AccessorDeclarationSyntax { Body: not null } or AccessorDeclarationSyntax { ExpressionBody: not null })
        {
            return true;
        }

        var declaration = member.Locations[0];
        foreach (var tree in TreesThatCanAssign(compilation, member))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (AssignedIn(compilation, tree, member, declaration, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A private member can only be assigned in its type's files.</summary>
    private static IEnumerable<SyntaxTree> TreesThatCanAssign(Compilation compilation, ISymbol member)
    {
        if (member.DeclaredAccessibility == Accessibility.Private && member.ContainingType is { } type)
        {
            var seen = new HashSet<SyntaxTree>();
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (seen.Add(reference.SyntaxTree))
                {
                    yield return reference.SyntaxTree;
                }
            }

            yield break;
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            yield return tree;
        }
    }

    private static bool AssignedIn(Compilation compilation, SyntaxTree tree, ISymbol member, Location declaration, CancellationToken cancellationToken)
    {
        var text = tree.GetText(cancellationToken);
        var chars = NameOccurrences.Read(text, new Microsoft.CodeAnalysis.Text.TextSpan(0, text.Length));
        var name = member.Name;
        List<int>? candidates = null;
        if (NameOccurrences.HasUnicodeEscape(chars))
        {
            // An escaped spelling hides the name from the text search: every identifier of that name is a candidate.
            foreach (var token in tree.GetRoot(cancellationToken).DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name)
                {
                    (candidates ??= new List<int>()).Add(token.SpanStart);
                }
            }
        }
        else
        {
            for (var at = NameOccurrences.IndexOfWholeWord(chars, name, 0); at >= 0; at = NameOccurrences.IndexOfWholeWord(chars, name, at + 1))
            {
                if (LooksAssigned(chars, at, name.Length))
                {
                    (candidates ??= new List<int>()).Add(at);
                }
            }
        }

        if (candidates is null)
        {
            return false;
        }

        var root = tree.GetRoot(cancellationToken);
        SemanticModel? model = null;
        foreach (var position in candidates)
        {
            if (declaration.SourceTree == tree && declaration.SourceSpan.Start == position)
            {
                continue;
            }

            if (root.FindToken(position).Parent is not IdentifierNameSyntax identifier || !IsAssignmentTarget(identifier))
            {
                continue;
            }

#pragma warning disable RS1030 // The member is assigned in other files than the save call; this runs once per member and compilation.
            model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            if (SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol?.OriginalDefinition, member.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Text around a name that can make it an assignment's target: an assignment operator, <c>++</c> or
    /// <c>--</c> after it, or a comment or directive between; <c>++</c>, <c>--</c>, <c>ref</c> or <c>out</c>
    /// before it (or before its qualifier, <c>ref Routes.Refresh</c>).
    /// </summary>
    private static bool LooksAssigned(ReadOnlySpan<char> chars, int at, int length)
    {
        var after = at + length;
        while (after < chars.Length && char.IsWhiteSpace(chars[after]))
        {
            after++;
        }

        if (after < chars.Length)
        {
            var c = chars[after];
            var next = after + 1 < chars.Length ? chars[after + 1] : '\0';
            if ((c == '=' && next is not ('=' or '>'))
                || (c is '+' or '-' && (next == c || next == '='))
                || (c is '*' or '%' or '&' or '|' or '^' && next == '=')
                || (c == '?' && next == '?' && after + 2 < chars.Length && chars[after + 2] == '=')
                || (c is '<' or '>' && next == c)
                || c is '/' or '#')
            {
                return true;
            }
        }

        var before = SkipBack(chars, at - 1);
        while (before >= 0 && chars[before] == '.')
        {
            before = SkipBack(chars, before - 1);
            while (before >= 0 && (char.IsLetterOrDigit(chars[before]) || chars[before] == '_'))
            {
                before--;
            }

            before = SkipBack(chars, before);
        }

        if (before >= 1 && chars[before] is '+' or '-' && chars[before - 1] == chars[before])
        {
            return true;
        }

        return before >= 2 && (EndsWith(chars, before, "ref") || EndsWith(chars, before, "out"));
    }

    private static int SkipBack(ReadOnlySpan<char> chars, int at)
    {
        while (at >= 0 && char.IsWhiteSpace(chars[at]))
        {
            at--;
        }

        return at;
    }

    /// <summary>Whether the keyword <paramref name="word"/> ends at <paramref name="end"/> as a whole word.</summary>
    private static bool EndsWith(ReadOnlySpan<char> chars, int end, string word)
    {
        var start = end - word.Length + 1;
        return start >= 0 && chars.Slice(start, word.Length).SequenceEqual(word.AsSpan())
            && (start == 0 || !(char.IsLetterOrDigit(chars[start - 1]) || chars[start - 1] == '_'));
    }

    /// <summary>Whether the name is (the rightmost part of) what an assignment, <c>++</c>/<c>--</c> or a <c>ref</c>/<c>out</c> argument writes.</summary>
    private static bool IsAssignmentTarget(IdentifierNameSyntax identifier)
    {
        SyntaxNode target = identifier;
        while (target.Parent is MemberAccessExpressionSyntax access && access.Name == target)
        {
            target = access;
        }

        while (target.Parent is ParenthesizedExpressionSyntax)
        {
            target = target.Parent;
        }

        return target.Parent switch
        {
            AssignmentExpressionSyntax assignment => assignment.Left == target,
            PrefixUnaryExpressionSyntax prefix => prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression),
            PostfixUnaryExpressionSyntax postfix => postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression),
            ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
            _ => false,
        };
    }
}
