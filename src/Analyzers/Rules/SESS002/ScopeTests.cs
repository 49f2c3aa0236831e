using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS002;

/// <summary>
/// SESS002 context (d): the tests in a filter's or middleware's code, found in one walk of it and shared by
/// every redirect in it — those that tell page navigations from other requests, and those that read the
/// response's status or whether the user is signed in.
/// </summary>
internal sealed class ScopeTests
{
    private ScopeTests(PrecedingOperations navigation, PrecedingOperations authentication)
    {
        Navigation = navigation;
        Authentication = authentication;
    }

    /// <summary>Reads of the request's method, <c>X-Requested-With</c>, <c>Accept</c> or <c>Content-Type</c>, or helpers that make them.</summary>
    public PrecedingOperations Navigation { get; }

    /// <summary>Reads of <c>Response.StatusCode</c> or <c>Identity.IsAuthenticated</c>.</summary>
    public PrecedingOperations Authentication { get; }

    public static ScopeTests Collect(IOperation scope, PipelineRedirects pipeline, CancellationToken cancellationToken)
    {
        var navigation = new List<IOperation>();
        var authentication = new List<IOperation>();
        foreach (var operation in scope.DescendantsDepthFirst())
        {
            if (pipeline.Tests.IsTest(operation, cancellationToken))
            {
                navigation.Add(operation);
            }
            else if (pipeline.IsAuthenticationTest(operation))
            {
                authentication.Add(operation);
            }
        }

        return new ScopeTests(
            navigation.Count == 0 ? PrecedingOperations.None : new PrecedingOperations(navigation),
            authentication.Count == 0 ? PrecedingOperations.None : new PrecedingOperations(authentication));
    }
}
