using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>
/// Traces the client expression of a save call to its creation in the same member or type:
/// <c>new HttpClient(handler)</c>, <c>factory.CreateClient("name")</c>, or an injected instance.
/// </summary>
internal static class ClientOrigins
{
    private const int MaxDepth = 4;

    /// <param name="values">The locals of the client's member, gathered in one walk; without it a local is looked up in its member.</param>
    public static ClientOrigin Find(IOperation? client, HttpTypes types, CancellationToken cancellationToken, Memo<ClientOrigins.TracedMember, ClientOrigin>? cache = null, IKnownValues? values = null)
    {
        var origin = new ClientOrigin();
        if (client is not null)
        {
            Trace(client, types, origin, depth: 0, cache, cancellationToken, values);
        }

        return origin;
    }

    private static void Trace(IOperation expression, HttpTypes types, ClientOrigin origin, int depth, Memo<ClientOrigins.TracedMember, ClientOrigin>? cache, CancellationToken cancellationToken, IKnownValues? values = null)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        switch (expression.WalkDownConversions())
        {
            case IObjectCreationOperation creation when creation.Type.DerivesFromOrIs(types.HttpClient):
                foreach (var argument in creation.Arguments)
                {
                    CollectHandlers(argument.Value, types, origin, depth, cancellationToken, values);
                }

                break;

            // _client ??= factory.CreateClient("api"): the member as it was, or the value it is given.
            case ICoalesceAssignmentOperation lazily:
                Trace(lazily.Target, types, origin, depth + 1, cache, cancellationToken, values);
                Trace(lazily.Value, types, origin, depth + 1, cache, cancellationToken, values);
                break;

            case ICoalesceOperation coalesce:
                Trace(coalesce.Value, types, origin, depth + 1, cache, cancellationToken, values);
                Trace(coalesce.WhenNull, types, origin, depth + 1, cache, cancellationToken, values);
                break;

            case IInvocationOperation { TargetMethod.Name: "CreateClient" } create:
                var name = create.Arguments.FirstOrDefault(a => a.Parameter?.Type.SpecialType == SpecialType.System_String);
                origin.ClientNames.Add(name?.Value.ConstantValue.Value as string ?? string.Empty);
                break;

            case ILocalReferenceOperation local:
                foreach (var value in values?.AssignedValues(local.Local) ?? ValuesOf(local.Local, expression.Root()))
                {
                    Trace(value, types, origin, depth + 1, cache, cancellationToken, values);
                }

                break;

            case IFieldReferenceOperation field:
                TraceMember(field.Field, expression, types, origin, depth, cache, cancellationToken);
                break;

            case IPropertyReferenceOperation property:
                TraceMember(property.Property, expression, types, origin, depth, cache, cancellationToken);
                break;

            case IParameterReferenceOperation:
                origin.IsInjected = true;
                break;
        }
    }

    /// <summary>Handler objects built inside the expression, following locals one hop.</summary>
    private static void CollectHandlers(IOperation value, HttpTypes types, ClientOrigin origin, int depth, CancellationToken cancellationToken, IKnownValues? values)
    {
        var all = new[] { value }.Concat(value.DescendantsDepthFirst());
        foreach (var operation in all)
        {
            switch (operation)
            {
                case IObjectCreationOperation { Type: INamedTypeSymbol created }:
                    origin.Handlers.Add(new HandlerRef(created));
                    break;
                case ILocalReferenceOperation local when depth < MaxDepth:
                    foreach (var assigned in values?.AssignedValues(local.Local) ?? ValuesOf(local.Local, operation.Root()))
                    {
                        CollectHandlers(assigned, types, origin, depth + 1, cancellationToken, values);
                    }

                    foreach (var inner in values?.PropertyValues(local.Local, "InnerHandler") ?? InnerHandlerAssignments(local.Local, operation.Root()))
                    {
                        CollectHandlers(inner, types, origin, depth + 1, cancellationToken, values);
                    }

                    break;
            }
        }
    }

    /// <summary>The values a local is initialised or assigned with in its member.</summary>
    private static IEnumerable<IOperation> ValuesOf(ILocalSymbol local, IOperation root)
    {
        foreach (var operation in root.DescendantsDepthFirst())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    if ((declarator.Initializer ?? declarator.GetVariableInitializer()) is { } initializer)
                    {
                        yield return initializer.Value;
                    }

                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                    when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    yield return assignment.Value;
                    break;
                case ICoalesceAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                    when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    yield return assignment.Value;
                    break;
            }
        }
    }

    /// <summary><c>handler.InnerHandler = new …</c> on a local handler.</summary>
    private static IEnumerable<IOperation> InnerHandlerAssignments(ILocalSymbol local, IOperation root)
    {
        foreach (var operation in root.DescendantsDepthFirst())
        {
            if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "InnerHandler", Instance: ILocalReferenceOperation owner } } assignment
                && SymbolEqualityComparer.Default.Equals(owner.Local, local))
            {
                yield return assignment.Value;
            }
        }
    }

    /// <summary>A field or property of this type: find where the type (in this file) assigns it.</summary>
    private static void TraceMember(ISymbol member, IOperation reference, HttpTypes types, ClientOrigin origin, int depth, Memo<ClientOrigins.TracedMember, ClientOrigin>? cache, CancellationToken cancellationToken)
    {
        if (cache is null)
        {
            TraceMemberOnce(member, reference, types, origin, depth, cache, cancellationToken);
            return;
        }

        origin.Add(cache.Get(
            new TracedMember(member, reference.Syntax.SyntaxTree, depth),
            (reference, types, cache, cancellationToken),
            static (key, context) =>
            {
                var traced = new ClientOrigin();
                TraceMemberOnce(key.Member, context.reference, context.types, traced, key.Depth, context.cache, context.cancellationToken);
                return traced;
            }));
    }

    private static void TraceMemberOnce(ISymbol member, IOperation reference, HttpTypes types, ClientOrigin origin, int depth, Memo<ClientOrigins.TracedMember, ClientOrigin>? cache, CancellationToken cancellationToken)
    {
        origin.Members.Add(member);
        var model = reference.SemanticModel;
        var tree = reference.Syntax.SyntaxTree;
        var found = false;
        if (model is not null)
        {
            foreach (var declaration in member.ContainingType.DeclaringSyntaxReferences)
            {
                if (declaration.SyntaxTree != tree || declaration.GetSyntax(cancellationToken) is not TypeDeclarationSyntax type)
                {
                    continue;
                }

                // One search of the declaration's text before its members are walked: a member can only be
                // assigned where its name is followed by "=" (or by "{", a property with an initializer).
                // A component that only uses its injected client is answered here, and only the members
                // that hold such a place are read.
                var places = PossibleAssignments(type, member.Name);
                if (places is { Count: 0 } && !HasGetterBody(member))
                {
                    continue;
                }

                foreach (var value in AssignedValues(member, type, places, model, cancellationToken))
                {
                    found = true;
                    Trace(value, types, origin, depth + 1, cache, cancellationToken);
                }

                // HttpClient Client => _client ??= factory.CreateClient("api"): what the getter returns.
                foreach (var value in GetterValues(member, type, model, cancellationToken))
                {
                    found = true;
                    Trace(value, types, origin, depth + 1, cache, cancellationToken);
                }
            }
        }

        if (!found)
        {
            origin.IsInjected = true;
        }
    }

    /// <param name="places">Where the type's text may assign the member (<see cref="PossibleAssignments"/>); null: anywhere.</param>
    private static IEnumerable<IOperation> AssignedValues(ISymbol member, TypeDeclarationSyntax type, List<int>? places, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var syntax in type.Members)
        {
            // The full span (trivia included) is read off the node; the span without trivia walks to its first and last tokens.
            if (places is not null && !AnyWithin(places, syntax.FullSpan))
            {
                continue;
            }

            foreach (var value in AssignedValuesIn(member, syntax, model, cancellationToken))
            {
                yield return value;
            }
        }
    }

    /// <summary>The values one member declaration of the type assigns to <paramref name="member"/> (a field or property of the type).</summary>
    private static IEnumerable<IOperation> AssignedValuesIn(ISymbol member, MemberDeclarationSyntax syntax, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var body in Bodies(syntax, member.Name))
        {
            // Binding a member body (GetOperation) costs far more than reading its syntax: only bodies
            // that assign something of the member's name can assign the member.
            if (body is not EqualsValueClauseSyntax && !AssignsName(body, member.Name))
            {
                continue;
            }

            var operation = model.GetOperation(body, cancellationToken);
            if (operation is null)
            {
                continue;
            }

            switch (operation)
            {
                case IFieldInitializerOperation fieldInitializer:
                    yield return fieldInitializer.Value;
                    continue;
                case IPropertyInitializerOperation propertyInitializer:
                    yield return propertyInitializer.Value;
                    continue;
            }

            foreach (var descendant in operation.DescendantsDepthFirst())
            {
                if (descendant is ISimpleAssignmentOperation assignment && Refers(assignment.Target, member))
                {
                    yield return assignment.Value;
                }
                else if (descendant is ICoalesceAssignmentOperation lazily && Refers(lazily.Target, member))
                {
                    yield return lazily.Value;
                }
            }
        }
    }

    /// <summary>
    /// The code of a member declaration that can assign a field or property named <paramref name="name"/>:
    /// method and constructor bodies, property accessors and expression bodies, and the member's own initializer.
    /// </summary>
    private static IEnumerable<SyntaxNode> Bodies(MemberDeclarationSyntax syntax, string name)
    {
        switch (syntax)
        {
            case BaseMethodDeclarationSyntax method when ((SyntaxNode?)method.Body ?? method.ExpressionBody) is { } body:
                yield return body;
                break;
            case FieldDeclarationSyntax field when field.Declaration.Variables.FirstOrDefault(v => v.Identifier.ValueText == name)?.Initializer is { } initializer:
                yield return initializer;
                break;
            case PropertyDeclarationSyntax property:
                if (property.Identifier.ValueText == name && property.Initializer is { } propertyInitializer)
                {
                    yield return propertyInitializer;
                }

                if (property.ExpressionBody is { } arrow)
                {
                    yield return arrow;
                }

                foreach (var accessor in property.AccessorList?.Accessors ?? default)
                {
                    if (((SyntaxNode?)accessor.Body ?? accessor.ExpressionBody) is { } accessorBody)
                    {
                        yield return accessorBody;
                    }
                }

                break;
        }
    }

    /// <summary>Whether <paramref name="member"/> is a property whose getter has code in source (not an auto-property).</summary>
    private static bool HasGetterBody(ISymbol member) =>
        member is IPropertySymbol { GetMethod: { } getter } && getter.DeclaringSyntaxReferences.Length > 0
        && getter.DeclaringSyntaxReferences[0].GetSyntax() is ArrowExpressionClauseSyntax or AccessorDeclarationSyntax { Body: not null } or AccessorDeclarationSyntax { ExpressionBody: not null };

    /// <summary>What a property's getter returns (its expression body, or its return statements), bound in the type's file.</summary>
    private static IEnumerable<IOperation> GetterValues(ISymbol member, TypeDeclarationSyntax type, SemanticModel model, CancellationToken cancellationToken)
    {
        if (!HasGetterBody(member))
        {
            yield break;
        }

        foreach (var syntax in type.Members)
        {
            if (syntax is not PropertyDeclarationSyntax property || property.Identifier.ValueText != member.Name)
            {
                continue;
            }

            var getter = property.AccessorList?.Accessors.FirstOrDefault(a => a.IsKind(SyntaxKind.GetAccessorDeclaration));
            SyntaxNode? body = (SyntaxNode?)property.ExpressionBody ?? (SyntaxNode?)getter?.Body ?? getter?.ExpressionBody;
            if (body is null || model.GetOperation(body, cancellationToken) is not { } operation)
            {
                continue;
            }

            foreach (var returned in Returned(operation))
            {
                yield return returned;
            }
        }
    }

    private static IEnumerable<IOperation> Returned(IOperation body)
    {
        foreach (var descendant in body.DescendantsDepthFirst())
        {
            if (descendant is IReturnOperation { ReturnedValue: { } value })
            {
                yield return value;
            }
        }
    }

    /// <summary>A simple assignment (<c>=</c>) whose target's rightmost name is <paramref name="name"/>: a superset of the assignments to the member.</summary>
    private static bool AssignsName(SyntaxNode body, string name)
    {
        if (!MayAssignName(body, name))
        {
            return false;
        }

        foreach (var node in body.DescendantNodes())
        {
            if (node is AssignmentExpressionSyntax assignment
                && (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression))
                && RightmostName(assignment.Left) == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A search of the node's text, before any syntax node is created: the name followed by <c>=</c>
    /// (not <c>==</c> or <c>=&gt;</c>), or by a comment or directive that the syntax walk then judges; a
    /// node with a Unicode escape is always walked.
    /// </summary>
    private static bool MayAssignName(SyntaxNode node, string name)
    {
        var chars = NameOccurrences.Read(node.SyntaxTree.GetText(), node.Span);
        return NameOccurrences.HasUnicodeEscape(chars) || NextPossibleAssignment(chars, name, 0, propertyInitializer: false) >= 0;
    }

    /// <summary>
    /// The places in a type declaration's text where <paramref name="name"/> may be assigned (as
    /// <see cref="MayAssignName"/>), a name followed by <c>{</c> included (<c>HttpClient Http { get; } = new(…)</c>);
    /// null when the text has a Unicode escape (anywhere, then).
    /// </summary>
    private static List<int>? PossibleAssignments(SyntaxNode type, string name)
    {
        var chars = NameOccurrences.Read(type.SyntaxTree.GetText(), type.Span);
        if (NameOccurrences.HasUnicodeEscape(chars))
        {
            return null;
        }

        var places = new List<int>();
        for (var at = NextPossibleAssignment(chars, name, 0, propertyInitializer: true); at >= 0; at = NextPossibleAssignment(chars, name, at + 1, propertyInitializer: true))
        {
            places.Add(type.Span.Start + at);
        }

        return places;
    }

    /// <summary>The offset of the next whole-word <paramref name="name"/> at or after <paramref name="from"/> that may be assigned there, or -1.</summary>
    private static int NextPossibleAssignment(ReadOnlySpan<char> chars, string name, int from, bool propertyInitializer)
    {
        for (var at = NameOccurrences.IndexOfWholeWord(chars, name, from); at >= 0; at = NameOccurrences.IndexOfWholeWord(chars, name, at + 1))
        {
            var j = at + name.Length;
            while (j < chars.Length && char.IsWhiteSpace(chars[j]))
            {
                j++;
            }

            if (j < chars.Length && (chars[j] is '/' or '#' || (propertyInitializer && chars[j] == '{') || (chars[j] == '=' && (j + 1 >= chars.Length || chars[j + 1] is not ('=' or '>')))))
            {
                return at;
            }

            // _client ??= …
            if (j + 2 < chars.Length && chars[j] == '?' && chars[j + 1] == '?' && chars[j + 2] == '=')
            {
                return at;
            }
        }

        return -1;
    }

    /// <summary>Whether one of the sorted <paramref name="places"/> lies inside <paramref name="span"/>.</summary>
    private static bool AnyWithin(List<int> places, TextSpan span)
    {
        var first = places.BinarySearch(span.Start);
        if (first < 0)
        {
            first = ~first;
        }

        return first < places.Count && places[first] < span.End;
    }

    private static string? RightmostName(ExpressionSyntax target) => target switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        ParenthesizedExpressionSyntax parenthesized => RightmostName(parenthesized.Expression),
        _ => null,
    };

    private static bool Refers(IOperation target, ISymbol member) => target switch
    {
        IFieldReferenceOperation field => SymbolEqualityComparer.Default.Equals(field.Field, member),
        IPropertyReferenceOperation property => SymbolEqualityComparer.Default.Equals(property.Property, member),
        _ => false,
    };

    /// <summary>A field or property of a type, as traced from one file at one depth: the key of the per-compilation table of traced members.</summary>
    internal readonly struct TracedMember : IEquatable<TracedMember>
    {
        public TracedMember(ISymbol member, SyntaxTree tree, int depth)
        {
            Member = member;
            Tree = tree;
            Depth = depth;
        }

        public ISymbol Member { get; }

        public SyntaxTree Tree { get; }

        public int Depth { get; }

        public bool Equals(TracedMember other) =>
            SymbolEqualityComparer.Default.Equals(Member, other.Member) && Tree == other.Tree && Depth == other.Depth;

        public override bool Equals(object? obj) => obj is TracedMember other && Equals(other);

        public override int GetHashCode() =>
            (SymbolEqualityComparer.Default.GetHashCode(Member) * 397) ^ (Tree.GetHashCode() * 31) ^ Depth;
    }
}
