using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS002;

/// <summary>
/// What SESS002 needs to know about the member around its redirects, gathered in one walk of its
/// operations and shared by every redirect in it: its save calls and <c>base.SendAsync</c> calls, the
/// operations that keep the user's input, its sign-in/sign-out calls, and its failure paths. Each
/// redirect then asks in about log n (see <see cref="OrderedRequests"/>, <see cref="PrecedingOperations"/>).
/// </summary>
internal sealed class SurroundingMember
{
    private readonly List<SaveCall> saves = new();
    private readonly List<IOperation> baseSends = new();
    private readonly List<IOperation> keepers = new();
    private readonly FailureRegions? failures;
    private int firstSignInOrOut = int.MaxValue;
    private OrderedRequests? orderedSaves;
    private OrderedRequests? orderedBaseSends;
    private PrecedingOperations? keeping;

    private SurroundingMember(HttpTypes? http)
    {
        failures = http is null ? null : new FailureRegions(http);
    }

    public static SurroundingMember Collect(IOperation root, HttpTypes? http, DraftKeeping keeping, DraftSaveMethods draftSaveMethods)
    {
        var facts = new SurroundingMember(http);
        foreach (var operation in root.DescendantsDepthFirst())
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    facts.AddInvocation(invocation, http, keeping, draftSaveMethods);
                    break;

                case ISimpleAssignmentOperation assignment when keeping.KeepsInput(assignment, draftSaveMethods):
                    facts.keepers.Add(assignment);
                    break;
            }
        }

        facts.saves.Sort((x, y) => x.Invocation.Syntax.SpanStart.CompareTo(y.Invocation.Syntax.SpanStart));
        facts.baseSends.Sort((x, y) => x.Syntax.SpanStart.CompareTo(y.Syntax.SpanStart));
        var invocations = new IOperation[facts.saves.Count];
        var unguarded = new bool[facts.saves.Count];
        for (var i = 0; i < invocations.Length; i++)
        {
            invocations[i] = facts.saves[i].Invocation;
            unguarded[i] = !IsGuarded(facts.saves[i].Invocation, keeping);
        }

        facts.orderedSaves = new OrderedRequests(invocations, unguarded);
        var all = new bool[facts.baseSends.Count];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = true;
        }

        facts.orderedBaseSends = new OrderedRequests(facts.baseSends, all);
        facts.keeping = facts.keepers.Count == 0 ? PrecedingOperations.None : new PrecedingOperations(facts.keepers);
        return facts;
    }

    /// <summary>
    /// The nearest save (in source order, not through the runtime's guard) on whose failure path the
    /// redirect runs, with its ordinal among the member's saves (1-based: the draft key's suffix).
    /// </summary>
    public (SaveCall Save, int Ordinal)? SaveFailure(IOperation redirect, ref List<FailureWindow>? windows)
    {
        if (failures is null || orderedSaves!.Count == 0)
        {
            return null;
        }

        var nearest = -1;
        foreach (var window in windows ??= failures.Windows(redirect))
        {
            var index = orderedSaves.Nearest(window);
            nearest = index > nearest ? index : nearest;
        }

        return nearest < 0 ? null : (saves[nearest], nearest + 1);
    }

    /// <summary>Whether the redirect runs on the failure path of a <c>base.SendAsync</c> / <c>base.Send</c> call.</summary>
    public bool IsOnBaseSendFailure(IOperation redirect, ref List<FailureWindow>? windows)
    {
        if (failures is null || orderedBaseSends!.Count == 0)
        {
            return false;
        }

        foreach (var window in windows ??= failures.Windows(redirect))
        {
            if (orderedBaseSends.Nearest(window) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Before the redirect (and not in a branch that excludes it) a draft was stored or the save went through the guard.</summary>
    public bool KeepsInputBefore(IOperation redirect) => keeping!.AnyBefore(redirect);

    /// <summary>The member signs the user in or out before the redirect: an authentication flow, not a lost form.</summary>
    public bool SignsInOrOutBefore(IOperation redirect) => firstSignInOrOut < redirect.Syntax.SpanStart;

    /// <summary>A save inside a lambda handed to <c>DraftGuard.SendAsync</c>: the guard keeps its draft.</summary>
    private static bool IsGuarded(IInvocationOperation save, DraftKeeping keeping)
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

    private void AddInvocation(IInvocationOperation invocation, HttpTypes? http, DraftKeeping keeping, DraftSaveMethods draftSaveMethods)
    {
        var name = invocation.TargetMethod.Name;
        if (http is not null && SaveCalls.HasSaveName(name))
        {
            if (SaveCalls.TryGet(invocation, http, out var call))
            {
                saves.Add(call);
            }

            if (name is "SendAsync" or "Send" && !invocation.IsVirtual && invocation.Instance is IInstanceReferenceOperation instance
                && instance.Syntax.IsKind(SyntaxKind.BaseExpression))
            {
                baseSends.Add(invocation);
            }
        }

        if (AuthenticationFlows.IsSignInOrOut(name) && invocation.Syntax.SpanStart < firstSignInOrOut)
        {
            firstSignInOrOut = invocation.Syntax.SpanStart;
        }

        if (keeping.KeepsInput(invocation, draftSaveMethods))
        {
            keepers.Add(invocation);
        }
    }
}
