using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using SessionSafety.CodeFixes.Internal;

namespace SessionSafety.CodeFixes;

/// <summary>
/// The skeleton every fix shares: plan each diagnostic on the original document (no plan, no code
/// action: a fix is offered only when it will change something), apply all plans of a document in one
/// pass, add the <c>using</c> the plans need, format what changed. Fix All runs the same pass per
/// document, so edits in one document that interact (a shared <c>using</c>, two saves in one statement)
/// are made together. What a plan needs comes from the diagnostic's properties and the document's
/// semantic model, never from re-running a rule.
/// </summary>
/// <typeparam name="TPlan">What to change for one diagnostic, decided before any edit.</typeparam>
public abstract class SessionSafetyCodeFix<TPlan> : CodeFixProvider
    where TPlan : class
{
    private readonly ImmutableArray<(string Title, string EquivalenceKey)> actions;

    /// <param name="actions">The code actions, each with its title and constant equivalence key (<see cref="FixEquivalenceKeys"/>).</param>
    private protected SessionSafetyCodeFix(string diagnosticId, params (string Title, string EquivalenceKey)[] actions)
    {
        FixableDiagnosticIds = ImmutableArray.Create(diagnosticId);
        this.actions = ImmutableArray.Create(actions);
    }

    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    public sealed override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) => context.CodeActionEquivalenceKey is { } key
            ? await FixAsync(document, diagnostics, key, context.CancellationToken).ConfigureAwait(false)
            : null);

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.Document;
        if (FixSyntax.IsGenerated(document)
            || await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false) is not { } model
            || !IsAvailable(model.Compilation))
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            foreach (var (title, key) in actions)
            {
                if (Plan(model, diagnostic, key, context.CancellationToken) is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(title, ct => FixAsync(document, ImmutableArray.Create(diagnostic), key, ct), key),
                        diagnostic);
                }
            }
        }
    }

    /// <summary>Whether the fix can apply in this compilation at all (a fix that calls the runtime needs its types).</summary>
    private protected virtual bool IsAvailable(Compilation compilation) => true;

    /// <summary>What to change for <paramref name="diagnostic"/> with the action <paramref name="equivalenceKey"/>; null when it does not apply.</summary>
    private protected abstract TPlan? Plan(SemanticModel model, Diagnostic diagnostic, string equivalenceKey, CancellationToken cancellationToken);

    /// <summary>Makes the edits of all plans of one document, marking new nodes with <see cref="Formatter.Annotation"/>.</summary>
    private protected abstract void Apply(DocumentEditor editor, IReadOnlyList<TPlan> plans);

    /// <summary>The namespace the plan's code needs imported, or null.</summary>
    private protected abstract string? NamespaceToImport(TPlan plan);

    private async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string equivalenceKey, CancellationToken cancellationToken)
    {
        if (FixSyntax.IsGenerated(document)
            || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model
            || !IsAvailable(model.Compilation))
        {
            return document;
        }

        var plans = new List<TPlan>();
        foreach (var diagnostic in diagnostics)
        {
            if (Plan(model, diagnostic, equivalenceKey, cancellationToken) is { } plan)
            {
                plans.Add(plan);
            }
        }

        if (plans.Count == 0)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        Apply(editor, plans);
        var changed = editor.GetChangedDocument();

        var imports = plans.Select(NamespaceToImport).Where(n => n is not null).Distinct().ToList();
        if (imports.Count > 0 && await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is CompilationUnitSyntax root)
        {
            foreach (var @namespace in imports)
            {
                root = Usings.Add(root, @namespace!);
            }

            changed = changed.WithSyntaxRoot(root);
        }

        return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
