using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;
using SessionSafety.Analyzers.Options;

namespace SessionSafety.Analyzers.Rules.SESS002;

/// <summary>
/// SESS002's per-compilation context: the redirect sinks and the types it judges by, and each file's login
/// paths and draft-save methods (each distinct option text parsed once); it decides, for each redirect,
/// what input the redirect discards, from the facts its member collected once (<see cref="MemberRedirects"/>).
/// </summary>
internal sealed class RedirectContext
{
    /// <summary>The kinds each analyzed member registers, made once rather than as a <c>params</c> array per member.</summary>
    private static readonly ImmutableArray<OperationKind> InvocationKind = ImmutableArray.Create(OperationKind.Invocation);

    private static readonly ImmutableArray<OperationKind> ObjectCreationKind = ImmutableArray.Create(OperationKind.ObjectCreation);

    private readonly LoginRedirects sinks;
    private readonly HttpTypes? http;
    private readonly DraftKeeping keeping;
    private readonly PostedInput posted;
    private readonly EndpointProtection protection;
    private readonly PipelineRedirects pipeline;
    private readonly PerFileOption<ImmutableArray<string>, LoginTargets> loginTargets;
    private readonly PerFileOption<ImmutableArray<string>, DraftSaveMethods> draftSaveMethods;

    public RedirectContext(Compilation compilation, LoginRedirects sinks, SourceScope scope)
    {
        this.sinks = sinks;
        http = HttpTypes.Create(compilation);
        keeping = new DraftKeeping(compilation);
        posted = new PostedInput(compilation);
        protection = new EndpointProtection(compilation);
        pipeline = new PipelineRedirects(compilation);
        loginTargets = new PerFileOption<ImmutableArray<string>, LoginTargets>(SessionSafetyOptions.LoginPaths, scope, static paths => LoginTargets.Create(paths));
        draftSaveMethods = new PerFileOption<ImmutableArray<string>, DraftSaveMethods>(SessionSafetyOptions.DraftSaveMethods, scope, static names => new DraftSaveMethods(names));
    }

    /// <summary>
    /// A member that is in scope and whose text names a redirect or challenge (most members do not:
    /// they register nothing, and the driver never calls this rule for them).
    /// </summary>
    public void OnMemberStart(OperationBlockStartAnalysisContext context)
    {
        var member = new MemberRedirects(this);
        context.RegisterOperationAction(member.AnalyzeInvocation, InvocationKind);
        context.RegisterOperationAction(member.AnalyzeCreation, ObjectCreationKind);
    }

    public void AnalyzeInvocation(OperationAnalysisContext context, MemberRedirects member)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!LoginRedirects.HasSinkName(invocation.TargetMethod.Name))
        {
            return;
        }

        AnalyzerException.Guard(DiagnosticIds.LoginRedirectDiscardsInput, invocation.Syntax, context, ctx =>
        {
            if (sinks.IsLoginRedirect(invocation, () => loginTargets.For(invocation.Syntax.SyntaxTree)))
            {
                AnalyzeRedirect(ctx, invocation, member);
            }
        });
    }

    public void AnalyzeCreation(OperationAnalysisContext context, MemberRedirects member)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is null || !LoginRedirects.HasSinkTypeName(creation.Type.Name))
        {
            return;
        }

        AnalyzerException.Guard(DiagnosticIds.LoginRedirectDiscardsInput, creation.Syntax, context, ctx =>
        {
            if (sinks.IsLoginRedirect(creation, () => loginTargets.For(creation.Syntax.SyntaxTree)))
            {
                AnalyzeRedirect(ctx, creation, member);
            }
        });
    }

    private void AnalyzeRedirect(OperationAnalysisContext context, IOperation redirect, MemberRedirects state)
    {
        var member = OutermostMember(context.ContainingSymbol);

        // A login or registration flow is supposed to end on the login page; a filter or middleware is not such a flow.
        var isFlow = AuthenticationFlows.IsNamedForFlow(member);
        var root = redirect.Root();
        var facts = state.FactsOf(root, this, static (block, rule) => SurroundingMember.Collect(
            block, rule.http, rule.keeping, rule.draftSaveMethods.For(block.Syntax.SyntaxTree)));
        List<FailureWindow>? windows = null;
        var discarded = isFlow ? null : SaveFailure(redirect, facts, ref windows) ?? HandlerFailure(redirect, facts, member, ref windows);
        discarded ??= PipelineFailure(redirect, member, root, state, context.CancellationToken);
        if (!isFlow)
        {
            discarded ??= state.PostedForm(
                (Rule: this, Root: root, Member: member, Token: context.CancellationToken),
                static input => input.Rule.PostedForm(input.Root, input.Member, input.Token));
        }

        if (discarded is not { } found || facts.KeepsInputBefore(redirect) || facts.SignsInOrOutBefore(redirect))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.SESS002LoginRedirectDiscardsInput,
            redirect.Syntax.GetLocation(),
            found.AdditionalLocations,
            found.Properties.Add(DraftKeys.Property, DraftKeys.For(member, found.SaveOrdinal)),
            found.Description,
            found.Advice));
    }

    /// <summary>
    /// (d) A filter or middleware redirects every request that reaches it to the login page, form posts and
    /// script calls included, without first telling page navigations from other requests.
    /// </summary>
    private Discarded? PipelineFailure(IOperation redirect, ISymbol member, IOperation root, MemberRedirects state, CancellationToken cancellationToken)
    {
        var (kind, scope) = pipeline.Classify(redirect, member, root);
        if (kind == PipelineKind.None)
        {
            return null;
        }

        // UseStatusCodePagesWithRedirects has no code of the app's to test anything in.
        if (redirect is not IInvocationOperation { TargetMethod.Name: "UseStatusCodePagesWithRedirects" })
        {
            var tests = state.TestsOf(scope, (Pipeline: pipeline, Token: cancellationToken), static (code, input) => ScopeTests.Collect(code, input.Pipeline, input.Token));
            if (tests.Navigation.AnyBefore(redirect)
                || (kind == PipelineKind.Middleware && !tests.Authentication.AnyBefore(redirect)))
            {
                return null;
            }
        }

        var payloadKind = kind switch
        {
            PipelineKind.Filter => SESS002LoginRedirectDiscardsInputAnalyzer.PayloadKinds.Filter,
            PipelineKind.Middleware => SESS002LoginRedirectDiscardsInputAnalyzer.PayloadKinds.Middleware,
            _ => SESS002LoginRedirectDiscardsInputAnalyzer.PayloadKinds.StatusCodePages,
        };
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(SESS002LoginRedirectDiscardsInputAnalyzer.PayloadKindProperty, payloadKind);
        return new Discarded(
            "the input of every form post and script call that reaches it",
            properties,
            ImmutableArray<Location>.Empty,
            saveOrdinal: 1,
            Discarded.AnswerUnauthorized);
    }

    /// <summary>(a) The redirect is on the failure path of a save call in the same member.</summary>
    private static Discarded? SaveFailure(IOperation redirect, SurroundingMember facts, ref List<FailureWindow>? windows)
    {
        // The nearest save before the redirect: its payload is what the user just lost.
        if (facts.SaveFailure(redirect, ref windows) is not { } failed)
        {
            return null;
        }

        var (save, ordinal) = failed;
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
        return new Discarded(Quote(payload.Syntax.ToString()), properties, locations, saveOrdinal: ordinal);
    }

    /// <summary>(b) A DelegatingHandler's SendAsync/Send redirects on the failure path of <c>base.SendAsync</c>.</summary>
    private Discarded? HandlerFailure(IOperation redirect, SurroundingMember facts, ISymbol member, ref List<FailureWindow>? windows)
    {
        if (http?.DelegatingHandler is null
            || member is not IMethodSymbol { IsOverride: true, Name: "SendAsync" or "Send" } method
            || !method.ContainingType.DerivesFromOrIs(http.DelegatingHandler)
            || !facts.IsOnBaseSendFailure(redirect, ref windows))
        {
            return null;
        }

        var request = method.Parameters.Length > 0 ? method.Parameters[0].Name : "request";
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(SESS002LoginRedirectDiscardsInputAnalyzer.PayloadKindProperty, SESS002LoginRedirectDiscardsInputAnalyzer.PayloadKinds.Handler)
            .Add(SESS002LoginRedirectDiscardsInputAnalyzer.PayloadTextProperty, request);
        return new Discarded(Quote(request), properties, ImmutableArray<Location>.Empty, saveOrdinal: 1);
    }

    /// <summary>
    /// (c) The redirect or challenge is in a POST/PUT/PATCH action or handler that received input and that
    /// an expired session can reach (no authorization or antiforgery validation runs first).
    /// </summary>
    private Discarded? PostedForm(IOperation root, ISymbol member, CancellationToken cancellationToken)
    {
        if (!posted.IsAvailable || member is not IMethodSymbol method || !posted.IsWriteHandler(method))
        {
            return null;
        }

        var inputs = posted.Inputs(method, root);
        if (inputs.IsEmpty || protection.RunsFirst(method, cancellationToken))
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
