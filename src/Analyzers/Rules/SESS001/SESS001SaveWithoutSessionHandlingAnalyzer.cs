using System;
using System.Collections.Concurrent;
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
/// SESS001: an HttpClient save call (POST/PUT/PATCH) whose 401/403 answer nothing handles, so the
/// user's data is lost when the session has expired (SPEC §3.1).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SESS001SaveWithoutSessionHandlingAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The rule's words in the shared word index: a member without any of them is skipped.</summary>
    private static readonly WordSet Words = SourceWords.Register(SaveCalls.NameParts);

    /// <summary>Endpoints besides the login pages whose requests carry credentials, not user content.</summary>
    private static readonly ImmutableArray<string> AuthenticationEndpoints = ImmutableArray.Create(
        "logout", "log-out", "signout", "sign-out", "logoff", "register", "signup", "sign-up",
        "refresh", "token", "connect/token", "oauth/token", "oauth2/token", "authenticate", "forgotPassword", "resetPassword");

    /// <summary>
    /// The kinds each analyzed member registers, made once: a <c>params</c> array would be allocated and
    /// copied into an immutable array on every member.
    /// </summary>
    private static readonly ImmutableArray<OperationKind> InvocationKind = ImmutableArray.Create(OperationKind.Invocation);

    private static readonly ImmutableArray<OperationKind> ComparisonKinds =
        ImmutableArray.Create(OperationKind.Binary, OperationKind.ConstantPattern, OperationKind.CaseClause);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.SESS001SaveWithoutSessionHandling);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    /// <summary>
    /// The HTTP types are looked up when the first member passes the text filter, not here
    /// (<see cref="SourceScope.RegisterMemberStartAction"/>); a compilation without HttpClient gets no member analyzed.
    /// </summary>
    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var compilation = context.Compilation;
        var scope = SourceScope.Create(compilation, context.Options, Words);
        scope.RegisterMemberStartAction(
            context,
            () => HttpTypes.Create(compilation) is { } types ? new State(compilation, types, scope) : null,
            static (state, member) => state.OnMemberStart(member));
    }

    /// <summary>
    /// What one member (its operation blocks, lambdas and local functions included) holds, collected
    /// while the analyzer driver walks it: the save calls, and whether any status is tested against
    /// 401/403. The decision is made once at the member's end, so nothing walks the member again.
    /// </summary>
    private sealed class MemberScan
    {
        private readonly State state;
        private readonly ISymbol member;
        private List<SaveCall>? saves;
        private bool statusTested;

        public MemberScan(State state, ISymbol member)
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

    private sealed class State
    {
        private readonly Compilation compilation;
        private readonly SourceScope scope;
        private readonly SessionAwareHandlers handlers;
        private readonly INamedTypeSymbol? authenticationStateProvider;
        private readonly ClientOriginCache origins = new();
        private readonly OptionTextCache<TreeSettings> settings = new(
            SessionSafetyOptions.LoginPaths,
            SessionSafetyOptions.SessionHandlers,
            static options =>
            {
                var loginPaths = SessionSafetyOptions.LoginPaths.Read(options);
                return new TreeSettings(
                    LoginTargets.Create(loginPaths),
                    LoginTargets.Create(loginPaths.AddRange(AuthenticationEndpoints)),
                    SessionSafetyOptions.SessionHandlers.Read(options));
            });

        /// <summary>The login paths of an operation's file, made once as a delegate (asked for every text a landing test compares).</summary>
        private readonly Func<IOperation, LoginTargets> loginPagesFor;
        private ClientRegistrations? registrations;

        public State(Compilation compilation, HttpTypes types, SourceScope scope)
        {
            loginPagesFor = operation => Settings(operation.Syntax.SyntaxTree).LoginPages;
            this.compilation = compilation;
            Types = types;
            this.scope = scope;
            handlers = new SessionAwareHandlers(types);
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

            return Settings(tree).AuthenticationTargets.Matches(LoginTargets.ConstantText(uri.Value), allowPageSuffix: false);
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
            var settings = Settings(tree);
            var configured = settings.SessionHandlers;
            var registered = Registrations(cancellationToken);

            // The defaults and the typed-client registrations depend on the type, not the call: decided
            // once per type (and option text), then shared by the type's saves.
            if (containingType is null ? AnyHandles(registered.Defaults, configured) : TypeHandles(containingType, settings, registered))
            {
                return true;
            }

            var origin = ClientOrigins.Find(call.Client, Types, cancellationToken, origins);
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

        /// <summary>
        /// The client defaults (<c>ConfigureHttpClientDefaults</c>) or the type's typed-client registration
        /// (<c>AddHttpClient&lt;T&gt;()</c>) add a session-aware handler.
        /// </summary>
        private bool TypeHandles(INamedTypeSymbol type, TreeSettings settings, ClientRegistrations registered)
        {
            if (!settings.TypeVerdicts.TryGetValue(type, out var handled))
            {
                // A race decides twice, to the same answer.
                handled = AnyHandles(registered.Defaults, settings.SessionHandlers) || AnyHandles(registered.ForType(type), settings.SessionHandlers);
                settings.TypeVerdicts.TryAdd(type, handled);
            }

            return handled;
        }

        /// <summary>One of <paramref name="candidates"/> handles an expired session.</summary>
        private bool AnyHandles(IReadOnlyList<HandlerRef> candidates, ImmutableArray<string> configured)
        {
            for (var i = 0; i < candidates.Count; i++)
            {
                if (handlers.IsSessionAware(candidates[i], configured))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The options a tree's saves are judged by, parsed once per distinct option text (files with the same settings share them).</summary>
        private TreeSettings Settings(SyntaxTree tree) => settings.Get(scope.GetOptions(tree));

        private ClientRegistrations Registrations(CancellationToken cancellationToken)
        {
            var current = Volatile.Read(ref registrations);
            if (current is null)
            {
                // Computing twice under a race is harmless: the result is the same.
                current = ClientRegistrations.Build(compilation, Types, cancellationToken);
                Interlocked.CompareExchange(ref registrations, current, null);
            }

            return current;
        }
    }

    private sealed class TreeSettings
    {
        public TreeSettings(LoginTargets loginPages, LoginTargets authenticationTargets, ImmutableArray<string> sessionHandlers)
        {
            LoginPages = loginPages;
            AuthenticationTargets = authenticationTargets;
            SessionHandlers = sessionHandlers;
        }

        /// <summary>The login paths alone: where cookie authentication sends a request whose session has expired.</summary>
        public LoginTargets LoginPages { get; }

        /// <summary>The login paths and the authentication endpoints: requests that carry credentials, not user content.</summary>
        public LoginTargets AuthenticationTargets { get; }

        public ImmutableArray<string> SessionHandlers { get; }

        /// <summary>Per containing type: whether the client defaults or its typed-client registration handle the session (see <c>State.TypeHandles</c>).</summary>
        public ConcurrentDictionary<INamedTypeSymbol, bool> TypeVerdicts { get; } = new(SymbolEqualityComparer.Default);
    }
}
