using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;
using SessionSafety.Analyzers.Options;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>
/// One member (its operation blocks, lambdas and local functions included): the calls that may be saves
/// are collected while the analyzer driver walks it, and decided once at its end. Only a member with a
/// save is walked again, once (<see cref="MemberFlow"/>), and every save of it is judged from that walk.
/// </summary>
internal sealed class MemberScan
{
    private readonly SaveHandlingContext rule;
    private readonly ISymbol member;
    private List<IInvocationOperation>? candidates;

    public MemberScan(SaveHandlingContext rule, ISymbol member)
    {
        this.rule = rule;
        this.member = member;
    }

    public void OnInvocation(OperationAnalysisContext context)
    {
        // Name and declaring type: a member whose only "Send" is a mailer's or a hub's is never decided.
        var invocation = (IInvocationOperation)context.Operation;
        if (SaveCalls.IsSaveMethod(invocation.TargetMethod, rule.Types))
        {
            (candidates ??= new List<IInvocationOperation>()).Add(invocation);
        }
    }

    public void OnMemberEnd(OperationBlockAnalysisContext context)
    {
        if (candidates is null)
        {
            return;
        }

        AnalyzerException.Guard(DiagnosticIds.SaveWithoutSessionHandling, candidates[0].Syntax, (context, this), static arguments =>
        {
            var (ctx, scan) = arguments;
            scan.Decide(ctx);
        });
    }

    private void Decide(OperationBlockAnalysisContext context)
    {
        var cancellationToken = context.CancellationToken;
        MemberFlow? flow = null;
        MemberFlow Flow() => flow ??= MemberFlow.Build(rule, context.OperationBlocks, depth: 0, cancellationToken);

        var saves = new List<SaveCall>(candidates!.Count);
        foreach (var invocation in candidates!)
        {
            // A request held in a local is recognised from the member's walk, not by searching the member again.
            var values = SaveCalls.SendsLocalRequest(invocation) ? Flow() : null;
            if (SaveCalls.TryGet(invocation, rule.Types, out var call, values))
            {
                saves.Add(call);
            }
        }

        if (saves.Count == 0)
        {
            return;
        }

        // In source order: a save's draft key counts the member's saves before it.
        saves.Sort(static (x, y) => x.Invocation.Syntax.SpanStart.CompareTo(y.Invocation.Syntax.SpanStart));
        var file = rule.Settings(saves[0].Invocation.Syntax.SyntaxTree);
        var clientUi = rule.IsClientUi;
        var memberInScope = clientUi || file.SaveScope == SaveScope.All || rule.IsComponent(member);

        // The member's own facts first, the compilation's (registrations, handlers in other files) only
        // for what they still decide. Outside the user's scope a save needs a pipeline that forwards the
        // user's credentials, which is asked first there: most of a server's saves stop at it.
        var judged = new List<(SaveCall Call, int Ordinal, SavePipeline? Pipeline)>(saves.Count);
        for (var i = 0; i < saves.Count; i++)
        {
            SavePipeline? pipeline = null;
            if (!memberInScope)
            {
                pipeline = rule.Pipeline(saves[i], member, Flow(), cancellationToken);
                if (!rule.PipelineForwardsUser(pipeline, file, cancellationToken))
                {
                    continue;
                }
            }

            judged.Add((saves[i], i + 1, pipeline));
        }

        if (judged.Count == 0)
        {
            return;
        }

        var starts = new IOperation[judged.Count];
        for (var i = 0; i < judged.Count; i++)
        {
            starts[i] = judged[i].Call.Invocation;
        }

        var handled = Flow().Handles(starts, TrackedValue.Response, cancellationToken);
        for (var i = 0; i < judged.Count; i++)
        {
            var (call, ordinal, pipeline) = judged[i];
            if (handled[i] || rule.IsAuthenticationRequest(call, member, Flow()))
            {
                continue;
            }

            pipeline ??= rule.Pipeline(call, member, Flow(), cancellationToken);
            if (CarriesServiceCredentials(call, pipeline, clientUi, Flow(), cancellationToken) || rule.PipelineHandles(pipeline, file, cancellationToken))
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SESS001SaveWithoutSessionHandling,
                NameLocation(call.Invocation),
                FixProperties(call, member, ordinal),
                call.Invocation.TargetMethod.Name));
        }
    }

    /// <summary>
    /// Never in scope: a request that carries the service's own credentials (an API key, OAuth client
    /// credentials) anywhere; outside client UI code, also an <c>Authorization</c> header from a constant,
    /// configuration, options or a field, and the work of hosted services.
    /// </summary>
    private bool CarriesServiceCredentials(SaveCall call, SavePipeline pipeline, bool clientUi, MemberFlow flow, CancellationToken cancellationToken)
    {
        if (flow.SendsClientCredentials(call.Invocation))
        {
            return true;
        }

        var credentials = flow.CredentialsOf(call.Client)
            | flow.CredentialsOf(call.Payload.Value)
            | rule.ClientCredentials(pipeline, member, cancellationToken);
        if ((credentials & HeaderCredentials.ApiKey) != 0)
        {
            return true;
        }

        return !clientUi && ((credentials & HeaderCredentials.ServiceAuthorization) != 0 || rule.IsHostedService(member));
    }

    /// <summary>
    /// What the fix needs to wrap the save in the guard: the draft key and which argument is the payload.
    /// None when the save cannot be wrapped (it does not return a task, or its payload is not written out).
    /// </summary>
    private static ImmutableDictionary<string, string?> FixProperties(SaveCall save, ISymbol member, int ordinal)
    {
        if (!save.Invocation.TargetMethod.ReturnType.Name.StartsWith("Task", StringComparison.Ordinal)
            || save.Payload.IsImplicit
            || save.Payload.Syntax is not ArgumentSyntax payload
            || save.Invocation.Syntax is not InvocationExpressionSyntax invocation)
        {
            return ImmutableDictionary<string, string?>.Empty;
        }

        var index = invocation.ArgumentList.Arguments.IndexOf(payload);
        return index < 0
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty
                .Add(DraftKeys.Property, DraftKeys.For(member, ordinal))
                .Add(SESS001SaveWithoutSessionHandlingAnalyzer.PayloadArgumentProperty, index.ToString(CultureInfo.InvariantCulture));
    }

    private static Location NameLocation(IInvocationOperation invocation)
    {
        var syntax = (InvocationExpressionSyntax)invocation.Syntax;
        return syntax.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.GetLocation(),
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.GetLocation(),
            SimpleNameSyntax simple => simple.Identifier.GetLocation(),
            _ => syntax.GetLocation(),
        };
    }
}
