using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers;
using SessionSafety.Analyzers.Rules.SESS004;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace SessionSafety.CodeFixes.Rules.SESS004;

/// <summary>
/// SESS004 fix, "Answer 401/403 to script calls": adds <see cref="ScriptCallEvents"/> to the options lambda of the
/// scheme's first configuration call (<c>AddCookie(options => …)</c>, <c>ConfigureApplicationCookie</c>,
/// <c>PostConfigure&lt;CookieAuthenticationOptions&gt;(name, …)</c>), creating the lambda when the call has none
/// (<c>AddCookie()</c>), or — when Identity creates the scheme and nothing configures it — a
/// <c>ConfigureApplicationCookie</c> call after the statement. The options already set stay as they are.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SESS004CookieRedirectsApiCallsCodeFix)), Shared]
public sealed class SESS004CookieRedirectsApiCallsCodeFix : SessionSafetyCodeFix<SESS004CookieRedirectsApiCallsCodeFix.Edit>
{
    public SESS004CookieRedirectsApiCallsCodeFix()
        : base(DiagnosticIds.CookieRedirectsApiCalls, ("Answer 401/403 to script calls instead of redirecting", FixEquivalenceKeys.AnswerApiCallsWith401))
    {
    }

    /// <summary>One configuration call to change: the node replaced and its replacement, or a statement to insert after <see cref="Original"/>.</summary>
    public sealed record Edit(SyntaxNode Original, SyntaxNode Replacement, bool InsertAfter);

    private protected override void Apply(DocumentEditor editor, IReadOnlyList<Edit> plans)
    {
        var made = new List<Edit>();
        foreach (var edit in plans)
        {
            if (made.Any(e => e.Original.Span.IntersectsWith(edit.Original.Span)))
            {
                continue;
            }

            made.Add(edit);
            if (edit.InsertAfter)
            {
                editor.InsertAfter(edit.Original, edit.Replacement);
            }
            else
            {
                editor.ReplaceNode(edit.Original, edit.Replacement);
            }
        }
    }

    private protected override string? NamespaceToImport(Edit plan) => null;

    private protected override Edit? Plan(SemanticModel model, Diagnostic diagnostic, string equivalenceKey, CancellationToken cancellationToken)
    {
        var root = model.SyntaxTree.GetRoot(cancellationToken);
        if (equivalenceKey != FixEquivalenceKeys.AnswerApiCallsWith401
            || diagnostic.Location.SourceTree != model.SyntaxTree
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation
            || CookieConfigurations.NameOf(invocation).Span != diagnostic.Location.SourceSpan
            || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation
            || model.Compilation.GetTypeByMetadataName(KnownTypes.CookieAuthenticationOptions) is not { } cookieOptions)
        {
            return null;
        }

        var accessDeniedHandled = diagnostic.Properties.TryGetValue(SESS004CookieRedirectsApiCallsAnalyzer.AccessDeniedHandledProperty, out var handled) && handled == "true";
        var newLine = NewLine(root);

        foreach (var argument in operation.Arguments)
        {
            if (argument.Parameter?.Type is INamedTypeSymbol { DelegateInvokeMethod.Parameters: { Length: > 0 } parameters } && SymbolEqualityComparer.Default.Equals(parameters[0].Type, cookieOptions))
            {
                return argument.Syntax is ArgumentSyntax { Expression: LambdaExpressionSyntax lambda } ? InLambda(model, lambda, accessDeniedHandled, newLine) : null;
            }
        }

        var name = operation.TargetMethod.Name;
        if (name == "AddCookie")
        {
            return NewLambdaArgument(model, invocation, accessDeniedHandled, newLine);
        }

        return name is "AddIdentity" or "AddDefaultIdentity" or "AddIdentityCookies" ? ConfigureAfter(model, operation, accessDeniedHandled, newLine) : null;
    }

    /// <summary>The events at the end of the lambda's body (an expression body becomes a block).</summary>
    private static Edit? InLambda(SemanticModel model, LambdaExpressionSyntax lambda, bool accessDeniedHandled, string newLine)
    {
        var parameter = lambda switch
        {
            SimpleLambdaExpressionSyntax simple => simple.Parameter,
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters: { Count: > 0 } parameters } => parameters[0],
            _ => null,
        };
        if (parameter is null)
        {
            return null;
        }

        var position = lambda.Block is { } existing ? existing.CloseBraceToken.SpanStart : lambda.ExpressionBody!.SpanStart;
        var statements = ScriptCallEvents.For(model, position, parameter.Identifier.ValueText, accessDeniedHandled, newLine);
        if (statements.IsEmpty)
        {
            return null;
        }

        var block = lambda.Block is { } body
            ? body.AddStatements(statements.ToArray())
            : Block(new[] { (StatementSyntax)ExpressionStatement(lambda.ExpressionBody!.WithoutTrivia()) }.Concat(statements)).WithAdditionalAnnotations(Formatter.Annotation);
        var replacement = lambda.Block is not null
            ? lambda.WithBlock(block)
            : lambda.WithExpressionBody(null).WithBlock(block).WithArrowToken(lambda.ArrowToken.WithTrailingTrivia(ElasticSpace));
        return new Edit(lambda, replacement.WithAdditionalAnnotations(Formatter.Annotation), InsertAfter: false);
    }

    /// <summary><c>AddCookie()</c>, <c>AddCookie("scheme")</c>: an options lambda with the events as the last argument.</summary>
    private static Edit? NewLambdaArgument(SemanticModel model, InvocationExpressionSyntax invocation, bool accessDeniedHandled, string newLine)
    {
        var options = ScriptCallEvents.Free(model, invocation.SpanStart, "options", new HashSet<string>());
        var statements = ScriptCallEvents.For(model, invocation.SpanStart, options, accessDeniedHandled, newLine);
        if (statements.IsEmpty)
        {
            return null;
        }

        var lambda = SimpleLambdaExpression(Parameter(Identifier(options)), Block(statements));
        var argument = Argument(lambda);
        if (invocation.ArgumentList.Arguments.Any(a => a.NameColon is not null))
        {
            argument = argument.WithNameColon(NameColon("configureOptions"));
        }

        var arguments = invocation.ArgumentList.AddArguments(argument).WithAdditionalAnnotations(Formatter.Annotation);
        return new Edit(invocation.ArgumentList, arguments, InsertAfter: false);
    }

    /// <summary>Identity created the scheme and nothing configures it: <c>services.ConfigureApplicationCookie(options => …);</c> after the statement.</summary>
    private static Edit? ConfigureAfter(SemanticModel model, IInvocationOperation operation, bool accessDeniedHandled, string newLine)
    {
        var services = ServicesOf(operation, model.Compilation.GetTypeByMetadataName(KnownTypes.IServiceCollection));
        if (services is null || operation.Syntax.FirstAncestorOrSelf<ExpressionStatementSyntax>() is not { } statement)
        {
            return null;
        }

        var anchor = statement.Parent is GlobalStatementSyntax global ? (SyntaxNode)global : statement;
        if (anchor.Parent is not (BlockSyntax or CompilationUnitSyntax or SwitchSectionSyntax))
        {
            return null;
        }

        var position = statement.Span.End;
        var options = ScriptCallEvents.Free(model, position, "options", new HashSet<string>());
        var statements = ScriptCallEvents.For(model, position, options, accessDeniedHandled, newLine);
        if (statements.IsEmpty)
        {
            return null;
        }

        var call = ExpressionStatement(InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, services.WithoutTrivia(), IdentifierName("ConfigureApplicationCookie")),
            ArgumentList(SingletonSeparatedList(Argument(SimpleLambdaExpression(Parameter(Identifier(options)), Block(statements)))))));
        SyntaxNode inserted = anchor is GlobalStatementSyntax ? GlobalStatement(call) : call;
        return new Edit(anchor, inserted.WithAdditionalAnnotations(Formatter.Annotation), InsertAfter: true);
    }

    /// <summary>The service collection the call chain starts from, when it is a name (<c>services</c>, <c>builder.Services</c>) the fix can repeat.</summary>
    private static ExpressionSyntax? ServicesOf(IInvocationOperation operation, INamedTypeSymbol? serviceCollection)
    {
        IOperation? current = operation;
        for (var depth = 0; current is not null && depth < 8; depth++)
        {
            current = current switch
            {
                IInvocationOperation { Instance: { } instance } => instance,
                IInvocationOperation { TargetMethod.IsExtensionMethod: true, Arguments: { Length: > 0 } arguments } => arguments[0].Value,
                IConversionOperation conversion => conversion.Operand,
                _ => null,
            };
            if (current is { Type: { } type } && SymbolEqualityComparer.Default.Equals(type, serviceCollection)
                && current.Syntax is ExpressionSyntax expression && IsRepeatable(expression))
            {
                return expression;
            }
        }

        return null;
    }

    private static bool IsRepeatable(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax => true,
        MemberAccessExpressionSyntax { Expression: var inner } => IsRepeatable(inner),
        ThisExpressionSyntax => true,
        _ => false,
    };

    private static string NewLine(SyntaxNode root)
    {
        var endOfLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return endOfLine == default ? "\r\n" : endOfLine.ToString();
    }
}
