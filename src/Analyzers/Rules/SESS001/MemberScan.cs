using System;
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

        foreach (var call in saves)
        {
            AnalyzerException.Guard(DiagnosticIds.SaveWithoutSessionHandling, call.Invocation.Syntax, (context, call, this), static arguments =>
            {
                var (ctx, save, scan) = arguments;
                if (!scan.state.IsHandled(save, scan.member, ctx.CancellationToken))
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.SESS001SaveWithoutSessionHandling,
                        NameLocation(save.Invocation),
                        save.Invocation.TargetMethod.Name));
                }
            });
        }
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
