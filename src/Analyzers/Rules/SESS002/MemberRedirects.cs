using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SessionSafety.Analyzers.Rules.SESS002;

/// <summary>
/// SESS002's state for one analyzed member (made when the member passes the word filter): what the
/// rule learns about the member once and every redirect in it shares — the member's facts per operation
/// block (<see cref="SurroundingMember"/>) and whether the member is a write handler that received input.
/// A Razor component's markup lambdas all land in one generated method, so a page with hundreds of buttons
/// is one member with hundreds of redirects.
/// </summary>
internal sealed class MemberRedirects
{
    private readonly RedirectContext rule;
    private readonly object gate = new();
    private readonly Dictionary<IOperation, SurroundingMember> facts = new();
    private readonly Dictionary<IOperation, ScopeTests> scopeTests = new();
    private Discarded? postedForm;
    private bool postedFormKnown;

    public MemberRedirects(RedirectContext rule)
    {
        this.rule = rule;
        AnalyzeInvocation = context => this.rule.AnalyzeInvocation(context, this);
        AnalyzeCreation = context => this.rule.AnalyzeCreation(context, this);
    }

    public Action<OperationAnalysisContext> AnalyzeInvocation { get; }

    public Action<OperationAnalysisContext> AnalyzeCreation { get; }

    /// <summary>The facts of the operation block <paramref name="root"/>, collected on the first redirect in it.</summary>
    public SurroundingMember FactsOf<TArgument>(IOperation root, TArgument argument, Func<IOperation, TArgument, SurroundingMember> collect)
    {
        lock (gate)
        {
            if (!facts.TryGetValue(root, out var known))
            {
                facts[root] = known = collect(root, argument);
            }

            return known;
        }
    }

    /// <summary>The tests of a filter's or middleware's code (context (d)), found on the first redirect in it.</summary>
    public ScopeTests TestsOf<TArgument>(IOperation scope, TArgument argument, Func<IOperation, TArgument, ScopeTests> collect)
    {
        lock (gate)
        {
            if (!scopeTests.TryGetValue(scope, out var known))
            {
                scopeTests[scope] = known = collect(scope, argument);
            }

            return known;
        }
    }

    /// <summary>What a redirect in a write handler discards (context (c)), decided once for the member.</summary>
    public Discarded? PostedForm<TArgument>(TArgument argument, Func<TArgument, Discarded?> decide)
    {
        lock (gate)
        {
            if (!postedFormKnown)
            {
                postedForm = decide(argument);
                postedFormKnown = true;
            }

            return postedForm;
        }
    }
}
