using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers;
using SessionSafety.Analyzers.Internal;
using SessionSafety.CodeFixes.Internal;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace SessionSafety.CodeFixes.Rules.SESS001;

/// <summary>
/// SESS001 fix "Keep the draft until the save succeeds": wraps the save in the runtime's guard,
/// <c>DraftGuard.Default.SendAsync("Type.Member", payload, draft =&gt; client.PostAsJsonAsync(url, draft))</c>.
/// The payload is evaluated once, as before; the call's result type and behaviour on success are unchanged.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SESS001SaveWithoutSessionHandlingCodeFix)), Shared]
public sealed class SESS001SaveWithoutSessionHandlingCodeFix : CodeFixProvider
{
    private const string Title = "Keep the draft until the save succeeds";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.SaveWithoutSessionHandling);

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (model is null || model.Compilation.GetTypeByMetadataName(KnownTypes.DraftGuard) is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Plan(model, diagnostic, context.CancellationToken) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => FixAllInDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), ct), FixEquivalenceKeys.KeepDraftUntilSaveSucceeds),
                    diagnostic);
            }
        }
    }

    private static Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics) =>
        FixAllInDocumentAsync(document, diagnostics, context.CancellationToken)!;

    private static async Task<Document> FixAllInDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || model.Compilation.GetTypeByMetadataName(KnownTypes.DraftGuard) is null)
        {
            return document;
        }

        var plans = diagnostics
            .Select(d => Plan(model, d, cancellationToken))
            .Where(p => p is not null)
            .Select(p => p!.Value)
            .ToList();
        if (plans.Count == 0)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);

        // Innermost first, so that a save nested in another save's arguments is rewritten before its parent.
        foreach (var plan in plans.OrderByDescending(p => p.Invocation.SpanStart))
        {
            var captured = plan;
            editor.ReplaceNode(plan.Invocation, (current, _) => Rewrite((InvocationExpressionSyntax)current, captured));
        }

        var changed = editor.GetChangedDocument();

        // The guard's name and its using were decided on the original semantic model: no semantic
        // import or simplification pass on the changed document, which would fork and bind the whole
        // project's compilation again (most of a fix's time in a large solution).
        if (plans.Any(p => p.NeedsUsing) && await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is CompilationUnitSyntax root)
        {
            changed = changed.WithSyntaxRoot(RuntimeUsing.AddTo(root));
        }

        return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What to rewrite, decided on the original document; null when the fix does not apply.</summary>
    private static FixPlan? Plan(SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = model.SyntaxTree.GetRoot(cancellationToken);
        var node = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent;
        var invocation = node?.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (invocation is null
            || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation
            || HttpTypes.Create(model.Compilation) is not { } types
            || !SaveCalls.TryGet(operation, types, out var call)
            || !operation.TargetMethod.ReturnType.Name.StartsWith("Task", System.StringComparison.Ordinal)
            || call.Payload.IsImplicit
            || call.Payload.Syntax is not ArgumentSyntax payload)
        {
            return null;
        }

        var argumentIndex = invocation.ArgumentList.Arguments.IndexOf(payload);
        if (argumentIndex < 0)
        {
            return null;
        }

        var enclosing = model.GetEnclosingSymbol(invocation.SpanStart, cancellationToken);
        if (enclosing is null)
        {
            return null;
        }

        var key = DraftKeys.For(enclosing);
        var ordinal = SaveOrdinal(model, invocation, types, cancellationToken);
        if (ordinal > 1)
        {
            key += "." + ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var (guardName, needsUsing) = GuardName(model, invocation.SpanStart);
        return new FixPlan(invocation, argumentIndex, key, FreeName(model, invocation.SpanStart, "draft"), guardName, needsUsing);
    }

    private static InvocationExpressionSyntax Rewrite(InvocationExpressionSyntax current, FixPlan plan)
    {
        var payload = current.ArgumentList.Arguments[plan.ArgumentIndex];
        var send = current
            .WithArgumentList(current.ArgumentList.WithArguments(
                current.ArgumentList.Arguments.Replace(payload, payload.WithExpression(IdentifierName(plan.ParameterName).WithTriviaFrom(payload.Expression)))))
            .WithoutLeadingTrivia()
            .WithoutTrailingTrivia();

        var guard = ParseTypeName(plan.GuardName);

        return InvocationExpression(
                MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, guard, IdentifierName("Default")),
                    IdentifierName("SendAsync")),
                ArgumentList(SeparatedList(new[]
                {
                    Argument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(plan.DraftKey))),
                    Argument(payload.Expression.WithoutTrivia()),
                    Argument(SimpleLambdaExpression(Parameter(Identifier(plan.ParameterName)), send)),
                })))
            .WithTriviaFrom(current)
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>1 for the member's first save call, 2 for the second…, so that each save keeps its own draft.</summary>
    private static int SaveOrdinal(SemanticModel model, InvocationExpressionSyntax invocation, HttpTypes types, CancellationToken cancellationToken)
    {
        var member = invocation.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax or GlobalStatementSyntax);
        if (member is GlobalStatementSyntax)
        {
            member = member.Parent;
        }

        if (member is null)
        {
            return 1;
        }

        var ordinal = 0;
        foreach (var candidate in member.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (candidate.SpanStart > invocation.SpanStart)
            {
                break;
            }

            if (IsSaveName(candidate)
                && model.GetOperation(candidate, cancellationToken) is IInvocationOperation operation
                && SaveCalls.TryGet(operation, types, out _))
            {
                ordinal++;
            }
        }

        return ordinal == 0 ? 1 : ordinal;
    }

    private static bool IsSaveName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax access => SaveCalls.HasSaveName(access.Name.Identifier.ValueText),
        SimpleNameSyntax name => SaveCalls.HasSaveName(name.Identifier.ValueText),
        _ => false,
    };

    /// <summary>A name nothing in scope has; looked up by name (listing every symbol in scope costs milliseconds).</summary>
    private static string FreeName(SemanticModel model, int position, string preferred)
    {
        var name = preferred;
        for (var i = 2; !model.LookupSymbols(position, name: name).IsEmpty; i++)
        {
            name = preferred + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }

    /// <summary>
    /// <c>DraftGuard</c> when it already means the runtime's guard here, or when nothing else of that
    /// name is in scope (then <c>using SessionSafety;</c> is added); the qualified name otherwise.
    /// </summary>
    private static (string Name, bool NeedsUsing) GuardName(SemanticModel model, int position)
    {
        var guard = model.Compilation.GetTypeByMetadataName(KnownTypes.DraftGuard);
        var visible = model.LookupNamespacesAndTypes(position, name: "DraftGuard");
        if (visible.IsEmpty)
        {
            return ("DraftGuard", true);
        }

        return visible.Length == 1 && SymbolEqualityComparer.Default.Equals(visible[0], guard)
            ? ("DraftGuard", false)
            : ("global::SessionSafety.DraftGuard", false);
    }

    private readonly struct FixPlan
    {
        public FixPlan(InvocationExpressionSyntax invocation, int argumentIndex, string draftKey, string parameterName, string guardName, bool needsUsing)
        {
            Invocation = invocation;
            ArgumentIndex = argumentIndex;
            DraftKey = draftKey;
            ParameterName = parameterName;
            GuardName = guardName;
            NeedsUsing = needsUsing;
        }

        public string GuardName { get; }

        public bool NeedsUsing { get; }

        public InvocationExpressionSyntax Invocation { get; }

        public int ArgumentIndex { get; }

        public string DraftKey { get; }

        public string ParameterName { get; }
    }
}
