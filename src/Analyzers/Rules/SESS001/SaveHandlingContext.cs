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
/// SESS001's per-compilation context: the HTTP types, and every answer the rule keeps between saves (each
/// file's settings, the compilation's client registrations, traced client members, handler verdicts).
/// </summary>
internal sealed class SaveHandlingContext
{
    /// <summary>Endpoints besides the login pages whose requests carry credentials, not user content.</summary>
    private static readonly ImmutableArray<string> AuthenticationEndpoints = ImmutableArray.Create(
        "logout", "log-out", "signout", "sign-out", "logoff", "register", "signup", "sign-up",
        "refresh", "token", "connect/token", "oauth/token", "oauth2/token", "authenticate", "forgotPassword", "resetPassword");

    /// <summary>The kinds each analyzed member registers, made once rather than as a <c>params</c> array per member.</summary>
    private static readonly ImmutableArray<OperationKind> InvocationKind = ImmutableArray.Create(OperationKind.Invocation);

    private static readonly ImmutableArray<OperationKind> ComparisonKinds =
        ImmutableArray.Create(OperationKind.Binary, OperationKind.ConstantPattern, OperationKind.CaseClause);

    private readonly Compilation compilation;
    private readonly SourceScope scope;
    private readonly INamedTypeSymbol? authenticationStateProvider;
    private readonly Memo<SyntaxTree, TreeSettings> settings = new();
    private readonly Deferred<ClientRegistrations> registrations = new();
    private readonly Memo<ClientOrigins.TracedMember, ClientOrigin> tracedMembers = new();
    private readonly Memo<INamedTypeSymbol, bool> handlerVerdicts = new(SymbolEqualityComparer.Default);

    /// <summary>The login paths of an operation's file, made once as a delegate (asked for every text a landing test compares).</summary>
    private readonly Func<IOperation, LoginTargets> loginPagesFor;

    public SaveHandlingContext(Compilation compilation, HttpTypes types, SourceScope scope)
    {
        loginPagesFor = operation => Settings(operation.Syntax.SyntaxTree).LoginPages;
        this.compilation = compilation;
        Types = types;
        this.scope = scope;
        authenticationStateProvider = compilation.FindType(KnownTypes.AuthenticationStateProvider);
    }

    public HttpTypes Types { get; }

    /// <summary>A member that passed the scope's filter: collect its saves and status tests while the driver walks it.</summary>
    public void OnMemberStart(OperationBlockStartAnalysisContext context)
    {
        var scan = new MemberScan(this, context.OwningSymbol);
        context.RegisterOperationAction(scan.OnInvocation, InvocationKind);
        context.RegisterOperationAction(scan.OnComparison, ComparisonKinds);
        context.RegisterOperationBlockEndAction(scan.OnMemberEnd);
    }

    /// <summary>A test of whether a response landed on a login page (cookie authentication's answer to an expired session).</summary>
    public bool IsLoginLandingTest(IOperation operation) =>
        LoginLandingChecks.IsLoginLandingTest(operation, Types, loginPagesFor);

    public bool IsHandled(SaveCall call, ISymbol member, CancellationToken cancellationToken)
    {
        var invocation = call.Invocation;
        var tree = invocation.Syntax.SyntaxTree;

        // Not user content: a request to an authentication endpoint (sign-in, sign-out, register,
        // token refresh) answers 401 for bad credentials, not for an expired session.
        if (IsAuthenticationRequest(call, member, tree))
        {
            return true;
        }

        // 3. The response or its task escapes: the caller handles it.
        if (ValueEscape.Escapes(invocation))
        {
            return true;
        }

        // 2. A catch around the call for AccessTokenNotAvailableException (its body is SESS002's business).
        if (CaughtAsExpiredToken(invocation))
        {
            return true;
        }

        // (1. is decided by MemberScan before this is called.)
        // 4. The client's pipeline handles it.
        return PipelineHandles(call, member.ContainingType, tree, cancellationToken);
    }

    private bool IsAuthenticationRequest(SaveCall call, ISymbol member, SyntaxTree tree)
    {
        if (member.ContainingType.DerivesFromOrIs(authenticationStateProvider))
        {
            return true;
        }

        // LoginAsync, RegisterUserAsync, ChangePasswordAsync: whatever the URI, the member sends credentials.
        if (AuthenticationFlows.NameHasFlowWord(member.Name))
        {
            return true;
        }

        var uri = call.Invocation.ArgumentFor("requestUri");
        if (uri is null || uri.IsImplicit)
        {
            return false;
        }

        return Settings(tree).AuthenticationTargets.Matches(TargetText.Constant(uri.Value), allowPageSuffix: false);
    }

    private bool CaughtAsExpiredToken(IOperation invocation)
    {
        if (Types.AccessTokenNotAvailableException is null)
        {
            return false;
        }

        for (var current = invocation; current.Parent is { } parent; current = parent)
        {
            if (parent is ITryOperation @try && @try.Body == current)
            {
                foreach (var @catch in @try.Catches)
                {
                    if (@catch.ExceptionType.DerivesFromOrIs(Types.AccessTokenNotAvailableException))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private bool PipelineHandles(SaveCall call, INamedTypeSymbol? containingType, SyntaxTree tree, CancellationToken cancellationToken)
    {
        var configured = Settings(tree).SessionHandlers;
        var registered = registrations.Get((compilation, Types, cancellationToken), static c => ClientRegistrations.Build(c.compilation, c.Types, c.cancellationToken))!;

        // The client defaults (ConfigureHttpClientDefaults) or the type's typed-client registration (AddHttpClient<T>()).
        if (AnyHandles(registered.Defaults, configured) || (containingType is not null && AnyHandles(registered.ForType(containingType), configured)))
        {
            return true;
        }

        var origin = ClientOrigins.Find(call.Client, Types, cancellationToken, tracedMembers);
        if (AnyHandles(origin.Handlers, configured))
        {
            return true;
        }

        foreach (var name in origin.ClientNames)
        {
            if (AnyHandles(registered.ForName(name), configured))
            {
                return true;
            }
        }

        // An injected HttpClient that the app registers as a named client's instance.
        if (origin.IsInjected)
        {
            foreach (var name in registered.InjectedHttpClientNames)
            {
                if (AnyHandles(registered.ForName(name), configured))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>One of <paramref name="candidates"/> handles an expired session.</summary>
    private bool AnyHandles(IReadOnlyList<HandlerRef> candidates, ImmutableArray<string> configured)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            if (SessionAwareHandlers.IsSessionAware(candidates[i], configured, Types, handlerVerdicts))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The options a file's saves are judged by, parsed once per file.</summary>
    private TreeSettings Settings(SyntaxTree tree) => settings.Get(tree, scope, static (file, scope) =>
    {
        var options = scope.GetOptions(file);
        var loginPaths = SessionSafetyOptions.LoginPaths.Read(options);
        return new TreeSettings(
            LoginTargets.Create(loginPaths),
            LoginTargets.Create(loginPaths.AddRange(AuthenticationEndpoints)),
            SessionSafetyOptions.SessionHandlers.Read(options));
    });
}
