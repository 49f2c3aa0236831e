using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;
using SessionSafety.Analyzers.Options;

namespace SessionSafety.Analyzers.Rules.SESS002;

/// <summary>
/// SESS002's per-compilation context: the redirect sinks and the types it judges by, and each file's login
/// paths; it decides, for each redirect, what input the redirect discards.
/// </summary>
internal sealed class RedirectContext
{
    /// <summary>The kinds each analyzed member registers, made once rather than as a <c>params</c> array per member.</summary>
    private static readonly ImmutableArray<OperationKind> InvocationKind = ImmutableArray.Create(OperationKind.Invocation);

    private static readonly ImmutableArray<OperationKind> ObjectCreationKind = ImmutableArray.Create(OperationKind.ObjectCreation);

    private readonly LoginRedirects sinks;
    private readonly SourceScope scope;
    private readonly HttpTypes? http;
    private readonly DraftKeeping keeping;
    private readonly PostedInput posted;
    private readonly Memo<SyntaxTree, LoginTargets> targets = new();

    /// <summary>The callbacks every analyzed member registers, made once (a method group makes a new delegate per use).</summary>
    private readonly Action<OperationAnalysisContext> analyzeInvocation;
    private readonly Action<OperationAnalysisContext> analyzeCreation;

    public RedirectContext(Compilation compilation, LoginRedirects sinks, SourceScope scope)
    {
        this.sinks = sinks;
        this.scope = scope;
        http = HttpTypes.Create(compilation);
        keeping = new DraftKeeping(compilation);
        posted = new PostedInput(compilation);
        analyzeInvocation = AnalyzeInvocation;
        analyzeCreation = AnalyzeCreation;
    }

    /// <summary>
    /// A member that is in scope and whose text names a redirect or challenge (most members do not:
    /// they register nothing, and the driver never calls this rule for them).
    /// </summary>
    public void OnMemberStart(OperationBlockStartAnalysisContext context)
    {
        context.RegisterOperationAction(analyzeInvocation, InvocationKind);
        context.RegisterOperationAction(analyzeCreation, ObjectCreationKind);
    }

    private void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!LoginRedirects.HasSinkName(invocation.TargetMethod.Name))
        {
            return;
        }

        AnalyzerException.Guard(DiagnosticIds.LoginRedirectDiscardsInput, invocation.Syntax, context, ctx =>
        {
            if (sinks.IsLoginRedirect(invocation, () => Targets(invocation.Syntax.SyntaxTree)))
            {
                AnalyzeRedirect(ctx, invocation);
            }
        });
    }

    private void AnalyzeCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is null || !LoginRedirects.HasSinkTypeName(creation.Type.Name))
        {
            return;
        }

        AnalyzerException.Guard(DiagnosticIds.LoginRedirectDiscardsInput, creation.Syntax, context, ctx =>
        {
            if (sinks.IsLoginRedirect(creation, () => Targets(creation.Syntax.SyntaxTree)))
            {
                AnalyzeRedirect(ctx, creation);
            }
        });
    }

    /// <summary>The login targets of a file's options, parsed once per file.</summary>
    private LoginTargets Targets(SyntaxTree tree) =>
        targets.Get(tree, scope, static (file, scope) => LoginTargets.Create(SessionSafetyOptions.LoginPaths.Read(scope.GetOptions(file))));

    private void AnalyzeRedirect(OperationAnalysisContext context, IOperation redirect)
    {
        var member = OutermostMember(context.ContainingSymbol);
        if (AuthenticationFlows.IsNamedForFlow(member))
        {
            return;
        }

        var root = redirect.Root();
        var configured = SessionSafetyOptions.DraftSaveMethods.Read(scope.GetOptions(redirect.Syntax.SyntaxTree));
        var facts = SurroundingMember.Collect(root, http, keeping, configured);
        var discarded = SaveFailure(redirect, facts) ?? HandlerFailure(redirect, facts, member) ?? PostedForm(root, member);
        if (discarded is not { } found || facts.KeepsInputBefore(redirect) || facts.SignsInOrOutBefore(redirect))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.SESS002LoginRedirectDiscardsInput,
            redirect.Syntax.GetLocation(),
            found.AdditionalLocations,
            found.Properties.Add(DraftKeys.Property, DraftKeys.For(member, found.SaveOrdinal)),
            found.Description));
    }

    /// <summary>(a) The redirect is on the failure path of a save call in the same member.</summary>
    private Discarded? SaveFailure(IOperation redirect, SurroundingMember facts)
    {
        if (http is null || facts.Saves.Count == 0)
        {
            return null;
        }

        var saves = facts.Saves;

        // The nearest save before the redirect first: its payload is what the user just lost.
        for (var i = saves.Count - 1; i >= 0; i--)
        {
            var save = saves[i];
            if (facts.IsGuarded(save.Invocation) || !FailurePaths.IsOnFailurePath(redirect, save.Invocation, http))
            {
                continue;
            }

            var payload = save.Payload.Value;
            var kind = save.Kind switch
            {
                SaveCallKind.Content => SESS002LoginRedirectDiscardsInputAnalyzer.PayloadKinds.Content,
                SaveCallKind.Request => SESS002LoginRedirectDiscardsInputAnalyzer.PayloadKinds.Request,
                _ => SESS002LoginRedirectDiscardsInputAnalyzer.PayloadKinds.Value,
            };
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(SESS002LoginRedirectDiscardsInputAnalyzer.PayloadKindProperty, kind);
            var locations = payload.Syntax.SyntaxTree == redirect.Syntax.SyntaxTree
                ? ImmutableArray.Create(payload.Syntax.GetLocation())
                : ImmutableArray<Location>.Empty;
            return new Discarded(Quote(payload.Syntax.ToString()), properties, locations, saveOrdinal: i + 1);
        }

        return null;
    }

    /// <summary>(b) A DelegatingHandler's SendAsync/Send redirects on the failure path of <c>base.SendAsync</c>.</summary>
    private Discarded? HandlerFailure(IOperation redirect, SurroundingMember facts, ISymbol member)
    {
        if (http?.DelegatingHandler is null
            || member is not IMethodSymbol { IsOverride: true, Name: "SendAsync" or "Send" } method
            || !method.ContainingType.DerivesFromOrIs(http.DelegatingHandler))
        {
            return null;
        }

        foreach (var baseCall in facts.BaseSends)
        {
            if (FailurePaths.IsOnFailurePath(redirect, baseCall, http))
            {
                var request = method.Parameters.Length > 0 ? method.Parameters[0].Name : "request";
                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(SESS002LoginRedirectDiscardsInputAnalyzer.PayloadKindProperty, SESS002LoginRedirectDiscardsInputAnalyzer.PayloadKinds.Handler)
                    .Add(SESS002LoginRedirectDiscardsInputAnalyzer.PayloadTextProperty, request);
                return new Discarded(Quote(request), properties, ImmutableArray<Location>.Empty, saveOrdinal: 1);
            }
        }

        return null;
    }

    /// <summary>(c) The redirect or challenge is in a POST/PUT/PATCH action or handler that received input.</summary>
    private Discarded? PostedForm(IOperation root, ISymbol member)
    {
        if (!posted.IsAvailable || member is not IMethodSymbol method || !posted.IsWriteHandler(method))
        {
            return null;
        }

        var inputs = posted.Inputs(method, root);
        if (inputs.IsEmpty)
        {
            return null;
        }

        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(SESS002LoginRedirectDiscardsInputAnalyzer.PayloadKindProperty, SESS002LoginRedirectDiscardsInputAnalyzer.PayloadKinds.Form)
            .Add(SESS002LoginRedirectDiscardsInputAnalyzer.PayloadTextProperty, string.Join(",", inputs));
        return new Discarded("the posted form", properties, ImmutableArray<Location>.Empty, saveOrdinal: 1);
    }

    private static ISymbol OutermostMember(ISymbol symbol)
    {
        var current = symbol;
        while (current is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } && current.ContainingSymbol is { } outer)
        {
            current = outer;
        }

        return current;
    }

    /// <summary>The payload's text for the message: on one line (each run of white space one blank), at most 80 characters.</summary>
    internal static string Quote(string text)
    {
        var single = new StringBuilder(Math.Min(text.Length, 81));
        var blank = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                blank = true;
                continue;
            }

            if (blank)
            {
                single.Append(' ');
                blank = false;
            }

            single.Append(c);
            if (single.Length > 80)
            {
                break;
            }
        }

        return "'" + (single.Length > 80 ? single.ToString(0, 77) + "..." : single.ToString()) + "'";
    }
}
