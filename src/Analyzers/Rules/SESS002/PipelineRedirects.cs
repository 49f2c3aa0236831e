using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;
using static SessionSafety.Analyzers.Internal.OperationExtensions;

namespace SessionSafety.Analyzers.Rules.SESS002;

/// <summary>
/// SESS002 context (d): a login redirect that the request pipeline gives every request that reaches it,
/// form posts and script calls included — an MVC filter that sets <c>context.Result</c> (of any
/// <c>FilterContext</c>: authorization, resource, action, page, result or exception filters) to a redirect
/// to a login target, or a middleware (an <c>app.Use…(…)</c> lambda, an <c>IMiddleware</c>, a class with
/// <c>Invoke</c>/<c>InvokeAsync(HttpContext)</c> and a <c>RequestDelegate</c> constructor, a
/// <c>UseStatusCodePages</c> handler) that turns a 401/403 response or a signed-out user into
/// <c>Response.Redirect</c> to a login target, or <c>UseStatusCodePagesWithRedirects</c> to one — with no
/// test before it that tells page navigations from other requests (<see cref="NavigationTests"/>).
/// </summary>
/// <remarks>
/// A <c>ChallengeResult</c> is not such a redirect: a challenge goes through the authentication scheme,
/// which answers per request (cookie authentication redirects page navigations; whether it answers script
/// calls with 401 is configured on the scheme, which SESS004 checks).
/// </remarks>
internal sealed class PipelineRedirects
{
    private readonly INamedTypeSymbol? filterContext;
    private readonly INamedTypeSymbol? httpResponse;
    private readonly INamedTypeSymbol? httpContext;
    private readonly INamedTypeSymbol? middleware;
    private readonly INamedTypeSymbol? requestDelegate;
    private readonly INamedTypeSymbol? applicationBuilder;
    private readonly INamedTypeSymbol? statusCodePagesExtensions;
    private readonly INamedTypeSymbol? challengeResult;

    public PipelineRedirects(Compilation compilation)
    {
        filterContext = compilation.FindType(KnownTypes.FilterContext);
        httpResponse = compilation.FindType(KnownTypes.HttpResponse);
        httpContext = compilation.FindType(KnownTypes.HttpContext);
        middleware = compilation.FindType(KnownTypes.IMiddleware);
        requestDelegate = compilation.FindType(KnownTypes.RequestDelegate);
        applicationBuilder = compilation.FindType(KnownTypes.IApplicationBuilder);
        statusCodePagesExtensions = compilation.FindType(KnownTypes.StatusCodePagesExtensions);
        challengeResult = compilation.FindType(KnownTypes.ChallengeResult);
        Tests = new NavigationTests(compilation);
    }

    public NavigationTests Tests { get; }

    /// <summary>
    /// Where the redirect stands in the pipeline: in a filter or a middleware, with the code (the filter's
    /// member, the middleware's lambda or method) whose tests run before it; none for any other redirect.
    /// </summary>
    public (PipelineKind Kind, IOperation Scope) Classify(IOperation redirect, ISymbol member, IOperation root)
    {
        if (httpContext is null)
        {
            return (PipelineKind.None, root);
        }

        if (IsFilterResult(redirect))
        {
            return (PipelineKind.Filter, root);
        }

        if (redirect is not IInvocationOperation invocation)
        {
            return (PipelineKind.None, root);
        }

        if (invocation.TargetMethod.Name == "UseStatusCodePagesWithRedirects")
        {
            return (PipelineKind.StatusCodePages, root);
        }

        if (invocation.TargetMethod.Name != "Redirect" || !invocation.TargetMethod.ContainingType.DerivesFromOrIs(httpResponse))
        {
            return (PipelineKind.None, root);
        }

        IOperation? innermost = null;
        for (var current = redirect.Parent; current is not null; current = current.Parent)
        {
            if (current is not IAnonymousFunctionOperation lambda)
            {
                continue;
            }

            innermost ??= lambda;
            if (PipelineCall(lambda) is { } call)
            {
                var statusPages = call.TargetMethod.ContainingType.IsType(statusCodePagesExtensions);
                return (statusPages ? PipelineKind.StatusCodePages : PipelineKind.Middleware, innermost);
            }
        }

        return IsMiddlewareMethod(member) ? (PipelineKind.Middleware, innermost ?? root) : (PipelineKind.None, root);
    }

    /// <summary>Whether <paramref name="operation"/> reads the response's status or whether the user is signed in (what a middleware's login redirect answers).</summary>
    public bool IsAuthenticationTest(IOperation operation) =>
        operation is IPropertyReferenceOperation property
        && (property.Property.Name == "IsAuthenticated"
            || (property.Property.Name == "StatusCode" && property.Property.ContainingType.DerivesFromOrIs(httpResponse)));

    /// <summary><c>context.Result = new RedirectToRouteResult(…)</c>, through conversions and the arms of a conditional.</summary>
    private bool IsFilterResult(IOperation redirect)
    {
        if (redirect.Type.DerivesFromOrIs(challengeResult) || redirect is IInvocationOperation { TargetMethod.Name: "Challenge" })
        {
            return false;
        }

        var child = redirect;
        for (var parent = redirect.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IConversionOperation or IParenthesizedOperation:
                case IConditionalOperation conditional when child != conditional.Condition:
                case ICoalesceOperation:
                case ISwitchExpressionArmOperation arm when child == arm.Value:
                case ISwitchExpressionOperation switchExpression when child != switchExpression.Value:
                    continue;

                case IAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Result", Instance: { } instance } } assignment
                    when child == assignment.Value:
                    return instance.Type.DerivesFromOrIs(filterContext);

                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>The call that hands <paramref name="lambda"/> to the request pipeline (<c>app.Use(…)</c>, <c>app.UseStatusCodePages(…)</c>, <c>app.Run(…)</c>).</summary>
    private IInvocationOperation? PipelineCall(IAnonymousFunctionOperation lambda)
    {
        var current = lambda.Parent;
        while (current is IDelegateCreationOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        if (current is not IArgumentOperation { Parent: IInvocationOperation call })
        {
            return null;
        }

        var method = call.TargetMethod.ReducedFrom ?? call.TargetMethod;
        var builder = method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type : call.Instance?.Type;
        return builder is not null && Implements(builder, applicationBuilder) ? call : null;
    }

    /// <summary><c>IMiddleware.InvokeAsync</c>, or a conventional middleware's <c>Invoke</c>/<c>InvokeAsync(HttpContext, …)</c>.</summary>
    private bool IsMiddlewareMethod(ISymbol member)
    {
        if (member is not IMethodSymbol { Name: "Invoke" or "InvokeAsync", Parameters.Length: > 0 } method
            || !method.Parameters[0].Type.DerivesFromOrIs(httpContext))
        {
            return false;
        }

        var type = method.ContainingType;
        if (Implements(type, middleware))
        {
            return true;
        }

        foreach (var constructor in type.InstanceConstructors)
        {
            foreach (var parameter in constructor.Parameters)
            {
                if (parameter.Type.IsType(requestDelegate))
                {
                    return true;
                }
            }
        }

        return false;
    }

}
