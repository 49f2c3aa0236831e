using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>
/// Traces the client expression of a save call to its creation in the same member or type:
/// <c>new HttpClient(handler)</c>, <c>factory.CreateClient("name")</c>, or an injected instance.
/// </summary>
internal static class ClientOrigins
{
    private const int MaxDepth = 4;

    public static ClientOrigin Find(IOperation? client, HttpTypes types, CancellationToken cancellationToken, Memo<ClientOrigins.TracedMember, ClientOrigin>? cache = null)
    {
        var origin = new ClientOrigin();
        if (client is not null)
        {
            Trace(client, types, origin, depth: 0, cache, cancellationToken);
        }

        return origin;
    }

    private static void Trace(IOperation expression, HttpTypes types, ClientOrigin origin, int depth, Memo<ClientOrigins.TracedMember, ClientOrigin>? cache, CancellationToken cancellationToken)
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
                    CollectHandlers(argument.Value, types, origin, depth, cancellationToken);
                }

                break;

            case IInvocationOperation { TargetMethod.Name: "CreateClient" } create:
                var name = create.Arguments.FirstOrDefault(a => a.Parameter?.Type.SpecialType == SpecialType.System_String);
                origin.ClientNames.Add(name?.Value.ConstantValue.Value as string ?? string.Empty);
                break;

            case ILocalReferenceOperation local:
                foreach (var value in ValuesOf(local.Local, expression.Root()))
                {
                    Trace(value, types, origin, depth + 1, cache, cancellationToken);
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
    private static void CollectHandlers(IOperation value, HttpTypes types, ClientOrigin origin, int depth, CancellationToken cancellationToken)
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
                    foreach (var assigned in ValuesOf(local.Local, operation.Root()))
                    {
                        CollectHandlers(assigned, types, origin, depth + 1, cancellationToken);
                    }

                    foreach (var inner in InnerHandlerAssignments(local.Local, operation.Root()))
                    {
                        CollectHandlers(inner, types, origin, depth + 1, cancellationToken);
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
                // A component that only uses its injected client is answered here.
                if (!MayAssignName(type, member.Name, propertyInitializer: true))
                {
                    continue;
                }

                foreach (var value in AssignedValues(member, type, model, cancellationToken))
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

    private static IEnumerable<IOperation> AssignedValues(ISymbol member, TypeDeclarationSyntax type, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var syntax in type.Members)
        {
            SyntaxNode? body = syntax switch
            {
                BaseMethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody,
                FieldDeclarationSyntax field => field.Declaration.Variables.FirstOrDefault(v => v.Identifier.ValueText == member.Name)?.Initializer,
                PropertyDeclarationSyntax property => property.Identifier.ValueText == member.Name ? property.Initializer : null,
                _ => null,
            };

            // Binding a member body (GetOperation) costs far more than reading its syntax: only bodies
            // that assign something of the member's name can assign the member.
            if (body is null || (syntax is BaseMethodDeclarationSyntax && !AssignsName(body, member.Name)))
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
                && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
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
    /// node with a Unicode escape is always walked. With <paramref name="propertyInitializer"/> a name
    /// followed by <c>{</c> counts too (<c>HttpClient Http { get; } = new(…)</c>).
    /// </summary>
    private static bool MayAssignName(SyntaxNode node, string name, bool propertyInitializer = false)
    {
        var chars = NameOccurrences.Read(node.SyntaxTree.GetText(), node.Span);
        if (NameOccurrences.HasUnicodeEscape(chars))
        {
            return true;
        }

        for (var at = NameOccurrences.IndexOfWholeWord(chars, name, 0); at >= 0; at = NameOccurrences.IndexOfWholeWord(chars, name, at + 1))
        {
            var j = at + name.Length;
            while (j < chars.Length && char.IsWhiteSpace(chars[j]))
            {
                j++;
            }

            if (j < chars.Length && (chars[j] is '/' or '#' || (propertyInitializer && chars[j] == '{') || (chars[j] == '=' && (j + 1 >= chars.Length || chars[j + 1] is not ('=' or '>')))))
            {
                return true;
            }
        }

        return false;
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
