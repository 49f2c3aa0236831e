using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SessionSafety.Analyzers.Internal;

/// <summary>
/// What a redirect or request target says at compile time, as text: string constants, the text parts of
/// interpolations and concatenations, constant fields and properties, <c>Url.Action</c>-style helpers and
/// route values. Whatever is not known becomes a <see cref="Hole"/>, which <see cref="LoginTargets"/> treats
/// as a segment separator.
/// </summary>
internal static class TargetText
{
    /// <summary>Stands for a part of the target that is not known at compile time; it separates segments.</summary>
    public const char Hole = '\u0001';

    /// <summary>
    /// The constant text of a target expression: string constants (nameof included), the text parts of
    /// interpolated strings, the constant operands of <c>+</c>, locals and read-only fields or
    /// properties initialised with such text, and the arguments of <c>Url.Action/Page/RouteUrl</c>.
    /// Whatever is not known at compile time becomes a hole, which separates segments.
    /// </summary>
    /// <param name="values">
    /// When given, how locals and members are read: a local through its single value, and any field or
    /// property (static ones too) that keeps its initial text in the whole compilation. Without it, a local
    /// is looked up in its member and only read-only fields and get-only properties are read.
    /// </param>
    public static string Constant(IOperation? operation, IKnownValues? values = null)
    {
        var builder = new StringBuilder();
        Append(builder, operation, depth: 0, values);
        return builder.ToString();
    }

    /// <summary><c>RedirectToAction("Login", "Account")</c>: the target is <c>Account/Login</c>.</summary>
    public static string Action(IOperation? action, IOperation? controller)
    {
        var builder = new StringBuilder();
        if (controller is not null)
        {
            Append(builder, controller, depth: 0, values: null);
            builder.Append('/');
        }

        Append(builder, action, depth: 0, values: null);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, IOperation? operation, int depth, IKnownValues? values)
    {
        if (operation is null || depth > 6)
        {
            builder.Append(Hole);
            return;
        }

        var value = operation.WalkDownConversions();
        if (value.ConstantValue is { HasValue: true } constant)
        {
            if (constant.Value is string text)
            {
                builder.Append(text);
            }
            else
            {
                builder.Append(Hole);
            }

            return;
        }

        switch (value)
        {
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    switch (part)
                    {
                        case IInterpolatedStringTextOperation textPart:
                            Append(builder, textPart.Text, depth + 1, values);
                            break;
                        case IInterpolationOperation hole:
                            Append(builder, hole.Expression, depth + 1, values);
                            break;
                        default:
                            builder.Append(Hole);
                            break;
                    }
                }

                return;

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                Append(builder, binary.LeftOperand, depth + 1, values);
                Append(builder, binary.RightOperand, depth + 1, values);
                return;

            case ILocalReferenceOperation local:
                Append(builder, values is null ? SingleInitializer(local) : values.SingleValue(local.Local), depth + 1, values);
                return;

            case IFieldReferenceOperation { Field: var field } when values is null ? field.IsReadOnly : (field.IsReadOnly || field.IsStatic) && values.KeepsInitialValue(field):
                builder.Append(DeclaredLiteral(field, operation) ?? Hole.ToString());
                return;

            case IPropertyReferenceOperation { Property: { IsIndexer: false } property }
                when values is null ? property.SetMethod is null : (property.SetMethod is null || property.IsStatic) && values.KeepsInitialValue(property):
                builder.Append(DeclaredLiteral(property, operation) ?? Hole.ToString());
                return;

            case IObjectCreationOperation { Arguments.Length: >= 1 } creation when creation.Type?.Name is "ShellNavigationState" or "Uri":
                // new Uri(text), new Uri(text, kind), new Uri(baseUri, relative): the text parts, base first.
                Append(builder, creation.Arguments[0].Value, depth + 1, values);
                if (creation.Arguments.Length == 2 && creation.Arguments[1].Value.Type?.SpecialType == SpecialType.System_String)
                {
                    builder.Append('/');
                    Append(builder, creation.Arguments[1].Value, depth + 1, values);
                }

                return;

            case IInvocationOperation { TargetMethod: { Name: "Format", ContainingType.SpecialType: SpecialType.System_String } } format:
                AppendFormat(builder, format, depth + 1, values);
                return;

            case IInvocationOperation invocation when IsUrlHelperCall(invocation):
                AppendUrlHelper(builder, invocation, depth + 1);
                return;

            case IInvocationOperation { TargetMethod: { Name: "Concat", ContainingType.SpecialType: SpecialType.System_String } } concat:
                foreach (var argument in concat.Arguments)
                {
                    if (argument.Value is IArrayCreationOperation { Initializer: { } initializer })
                    {
                        foreach (var element in initializer.ElementValues)
                        {
                            Append(builder, element, depth + 1, values);
                        }
                    }
                    else
                    {
                        Append(builder, argument.Value, depth + 1, values);
                    }
                }

                return;

            case IAnonymousObjectCreationOperation anonymous:
                // RedirectToRoute(new { controller = "Account", action = "Login" }) or new { page = "/Account/Login" }.
                AppendRouteValues(builder, anonymous, depth + 1);
                return;

            default:
                builder.Append(Hole);
                return;
        }
    }

    /// <summary><c>string.Format("{0}/connect/token", root)</c>: the format's text, each placeholder a hole.</summary>
    private static void AppendFormat(StringBuilder builder, IInvocationOperation format, int depth, IKnownValues? values)
    {
        var text = format.ArgumentFor("format")?.Value.WalkDownConversions().ConstantValue;
        if (text is not { HasValue: true, Value: string pattern })
        {
            builder.Append(Hole);
            return;
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '{' && i + 1 < pattern.Length && pattern[i + 1] == '{')
            {
                builder.Append('{');
                i++;
            }
            else if (c == '}' && i + 1 < pattern.Length && pattern[i + 1] == '}')
            {
                builder.Append('}');
                i++;
            }
            else if (c == '{')
            {
                var close = pattern.IndexOf('}', i);
                builder.Append(Hole);
                i = close < 0 ? pattern.Length : close;
            }
            else
            {
                builder.Append(c);
            }
        }
    }

    private static bool IsUrlHelperCall(IInvocationOperation invocation) =>
        invocation.TargetMethod.Name is "Action" or "Page" or "RouteUrl" or "ActionLink" or "PageLink" or "Content"
        && (invocation.TargetMethod.ContainingType.HasMetadataName(KnownTypes.IUrlHelper)
            || invocation.TargetMethod.ContainingType.HasMetadataName(KnownTypes.UrlHelperExtensions));

    private static void AppendUrlHelper(StringBuilder builder, IInvocationOperation invocation, int depth)
    {
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "Action" or "ActionLink":
                var controller = invocation.ArgumentFor("controller");
                if (controller is not null)
                {
                    Append(builder, controller.Value, depth, values: null);
                    builder.Append('/');
                }

                Append(builder, invocation.ArgumentFor("action")?.Value, depth, values: null);
                return;

            case "Page" or "PageLink":
                Append(builder, invocation.ArgumentFor("pageName")?.Value, depth, values: null);
                return;

            case "RouteUrl":
                Append(builder, (invocation.ArgumentFor("routeName") ?? invocation.ArgumentFor("values"))?.Value, depth, values: null);
                return;

            default:
                Append(builder, (invocation.ArgumentFor("contentPath") ?? (invocation.Arguments.Length > 1 ? invocation.Arguments[1] : null))?.Value, depth, values: null);
                return;
        }
    }

    private static void AppendRouteValues(StringBuilder builder, IAnonymousObjectCreationOperation anonymous, int depth)
    {
        IOperation? controller = null, action = null, page = null;
        foreach (var initializer in anonymous.Initializers)
        {
            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment)
            {
                switch (target.Property.Name.ToLowerInvariant())
                {
                    case "controller":
                        controller = assignment.Value;
                        break;
                    case "action":
                        action = assignment.Value;
                        break;
                    case "page":
                        page = assignment.Value;
                        break;
                }
            }
        }

        if (page is not null)
        {
            Append(builder, page, depth, values: null);
            return;
        }

        if (controller is not null)
        {
            Append(builder, controller, depth, values: null);
            builder.Append('/');
        }

        if (action is not null)
        {
            Append(builder, action, depth, values: null);
        }
        else
        {
            builder.Append(Hole);
        }
    }

    /// <summary>The initializer of a local that is never assigned again in the member.</summary>
    internal static IOperation? SingleInitializer(ILocalReferenceOperation reference)
    {
        IOperation? initializer = null;
        foreach (var operation in reference.Root().DescendantsDepthFirst())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local):
                    initializer = declarator.GetVariableInitializer()?.Value;
                    break;
                case IAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, reference.Local):
                    return null;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: ILocalReferenceOperation argument }
                    when SymbolEqualityComparer.Default.Equals(argument.Local, reference.Local):
                    return null;
            }
        }

        return initializer;
    }

    /// <summary>The string literal a read-only field or get-only property of the reading compilation is initialised with (syntax only).</summary>
    private static string? DeclaredLiteral(ISymbol symbol, IOperation reference)
    {
        var declarations = reference.SemanticModel is { } model ? CompilationSource.Declarations(model.Compilation, symbol) : symbol.DeclaringSyntaxReferences;
        if (declarations.Length != 1)
        {
            return null;
        }

        var syntax = declarations[0].GetSyntax();
        ExpressionSyntax? value = syntax switch
        {
            VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
            PropertyDeclarationSyntax property => property.ExpressionBody?.Expression ?? property.Initializer?.Value ?? GetterReturn(property),
            _ => null,
        };

        return value is null ? null : SyntaxText(value);
    }

    /// <summary>The text of a declared value read from its syntax: literals, interpolated strings' text parts, <c>+</c>.</summary>
    private static string? SyntaxText(ExpressionSyntax value) => value switch
    {
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => literal.Token.ValueText,
        InterpolatedStringExpressionSyntax interpolated => string.Concat(interpolated.Contents.Select(
            content => content is InterpolatedStringTextSyntax text ? text.TextToken.ValueText : Hole.ToString())),
        BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression) =>
            (SyntaxText(binary.Left) ?? Hole.ToString()) + (SyntaxText(binary.Right) ?? Hole.ToString()),
        ParenthesizedExpressionSyntax parenthesized => SyntaxText(parenthesized.Expression),
        _ => null,
    };

    private static ExpressionSyntax? GetterReturn(PropertyDeclarationSyntax property)
    {
        if (property.AccessorList is null)
        {
            return null;
        }

        foreach (var accessor in property.AccessorList.Accessors)
        {
            if (accessor.IsKind(SyntaxKind.GetAccessorDeclaration))
            {
                return accessor.ExpressionBody?.Expression
                    ?? (accessor.Body?.Statements.Count == 1 && accessor.Body.Statements[0] is ReturnStatementSyntax ret ? ret.Expression : null);
            }
        }

        return null;
    }
}
