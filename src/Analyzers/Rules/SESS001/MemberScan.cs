using System;
using System.Globalization;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;
using SessionSafety.Analyzers.Options;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>
/// What one member (its operation blocks, lambdas and local functions included) holds, collected
/// while the analyzer driver walks it: the save calls, and whether any status is tested against
/// 401/403. The decision is made once at the member's end, so nothing walks the member again.
/// </summary>
internal sealed class MemberScan
{
    private readonly SaveHandlingContext state;
    private readonly ISymbol member;
    private List<SaveCall>? saves;
    private bool statusTested;

    public MemberScan(SaveHandlingContext state, ISymbol member)
    {
        this.state = state;
        this.member = member;
    }

    public void OnInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var name = invocation.TargetMethod.Name;
        if (SaveCalls.HasSaveName(name))
        {
            if (SaveCalls.TryGet(invocation, state.Types, out var call))
            {
                (saves ??= new List<SaveCall>()).Add(call);
            }
        }
        else if (!statusTested && LoginLandingChecks.IsTestName(name))
        {
            statusTested = (name == "Equals" && StatusChecks.IsSessionStatusTest(invocation, state.Types))
                || state.IsLoginLandingTest(invocation);
        }
    }

    /// <summary>Binary operators, constant patterns and case clauses: the shapes of a status test.</summary>
    public void OnComparison(OperationAnalysisContext context)
    {
        if (!statusTested)
        {
            statusTested = StatusChecks.IsSessionStatusTest(context.Operation, state.Types)
                || state.IsLoginLandingTest(context.Operation);
        }
    }

    public void OnMemberEnd(OperationBlockAnalysisContext context)
    {
        if (saves is null || statusTested)
        {
            return;
        }

        // In source order: a save's draft key counts the member's saves before it.
        saves.Sort(static (x, y) => x.Invocation.Syntax.SpanStart.CompareTo(y.Invocation.Syntax.SpanStart));
        for (var i = 0; i < saves.Count; i++)
        {
            var call = saves[i];
            AnalyzerException.Guard(DiagnosticIds.SaveWithoutSessionHandling, call.Invocation.Syntax, (context, call, ordinal: i + 1, this), static arguments =>
            {
                var (ctx, save, ordinal, scan) = arguments;
                if (!scan.state.IsHandled(save, scan.member, ctx.CancellationToken))
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.SESS001SaveWithoutSessionHandling,
                        NameLocation(save.Invocation),
                        FixProperties(save, scan.member, ordinal),
                        save.Invocation.TargetMethod.Name));
                }
            });
        }
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
