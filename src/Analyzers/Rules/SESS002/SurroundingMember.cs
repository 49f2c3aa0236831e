using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS002;

/// <summary>
/// What SESS002 needs to know about the member around a login redirect, gathered in one walk of its
/// operations: its save calls, its <c>base.SendAsync</c> calls, the operations that keep the user's
/// input, and its sign-in/sign-out calls.
/// </summary>
internal sealed class SurroundingMember
{
    private readonly DraftKeeping keeping;
    private readonly List<IOperation> keepers = new();
    private readonly List<IOperation> signInOrOut = new();

    private SurroundingMember(DraftKeeping keeping)
    {
        this.keeping = keeping;
    }

    /// <summary>The member's save calls, in source order.</summary>
    public List<SaveCall> Saves { get; } = new();

    /// <summary><c>base.SendAsync(…)</c> / <c>base.Send(…)</c> calls (a message handler's own request).</summary>
    public List<IInvocationOperation> BaseSends { get; } = new();

    public static SurroundingMember Collect(IOperation root, HttpTypes? http, DraftKeeping keeping, ImmutableArray<string> draftSaveMethods)
    {
        var facts = new SurroundingMember(keeping);
        foreach (var operation in root.DescendantsDepthFirst())
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    facts.AddInvocation(invocation, http, draftSaveMethods);
                    break;

                case ISimpleAssignmentOperation assignment when keeping.KeepsInput(assignment, draftSaveMethods):
                    facts.keepers.Add(assignment);
                    break;
            }
        }

        facts.Saves.Sort((x, y) => x.Invocation.Syntax.SpanStart.CompareTo(y.Invocation.Syntax.SpanStart));
        return facts;
    }

    /// <summary>Before the redirect (and not in a branch that excludes it) a draft was stored or the save went through the guard.</summary>
    public bool KeepsInputBefore(IOperation redirect)
    {
        foreach (var keeper in keepers)
        {
            if (FailurePaths.Precedes(keeper, redirect))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The member signs the user in or out before the redirect: an authentication flow, not a lost form.</summary>
    public bool SignsInOrOutBefore(IOperation redirect)
    {
        foreach (var call in signInOrOut)
        {
            if (call.Syntax.SpanStart < redirect.Syntax.SpanStart)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A save inside a lambda handed to <c>DraftGuard.SendAsync</c>: the guard keeps its draft.</summary>
    public bool IsGuarded(IInvocationOperation save)
    {
        for (var current = save.Parent; current is not null; current = current.Parent)
        {
            if (current is IInvocationOperation invocation && keeping.IsGuardCall(invocation))
            {
                return true;
            }
        }

        return false;
    }

    private void AddInvocation(IInvocationOperation invocation, HttpTypes? http, ImmutableArray<string> draftSaveMethods)
    {
        var name = invocation.TargetMethod.Name;
        if (http is not null && SaveCalls.HasSaveName(name))
        {
            if (SaveCalls.TryGet(invocation, http, out var call))
            {
                Saves.Add(call);
            }

            if (name is "SendAsync" or "Send" && !invocation.IsVirtual && invocation.Instance is IInstanceReferenceOperation instance
                && instance.Syntax.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.BaseExpression))
            {
                BaseSends.Add(invocation);
            }
        }

        if (AuthenticationFlows.IsSignInOrOut(name))
        {
            signInOrOut.Add(invocation);
        }

        if (keeping.KeepsInput(invocation, draftSaveMethods))
        {
            keepers.Add(invocation);
        }
    }
}
