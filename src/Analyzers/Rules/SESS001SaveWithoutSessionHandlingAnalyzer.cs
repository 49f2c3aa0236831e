using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;
using SessionSafety.Analyzers.Options;

namespace SessionSafety.Analyzers.Rules;

/// <summary>
/// SESS001: an HttpClient save call (POST/PUT/PATCH) whose 401/403 answer nothing handles, so the
/// user's data is lost when the session has expired (SPEC §3.1).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SESS001SaveWithoutSessionHandlingAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Endpoints besides the login pages whose requests carry credentials, not user content.</summary>
    private static readonly ImmutableArray<string> AuthenticationEndpoints = ImmutableArray.Create(
        "logout", "log-out", "signout", "sign-out", "logoff", "register", "signup", "sign-up",
        "refresh", "token", "connect/token", "oauth/token", "oauth2/token", "forgotPassword", "resetPassword");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.SESS001SaveWithoutSessionHandling);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        if (HttpTypes.Create(context.Compilation) is not { } types)
        {
            return;
        }

        var state = new State(context.Compilation, types, SourceScope.Create(context.Compilation, context.Options));
        context.RegisterOperationAction(state.AnalyzeInvocation, OperationKind.Invocation);
    }

    private sealed class State
    {
        private readonly Compilation compilation;
        private readonly HttpTypes types;
        private readonly SourceScope scope;
        private readonly SessionAwareHandlers handlers;
        private readonly INamedTypeSymbol? authenticationStateProvider;
        private readonly ClientOriginCache origins = new();
        private ClientRegistrations? registrations;

        public State(Compilation compilation, HttpTypes types, SourceScope scope)
        {
            this.compilation = compilation;
            this.types = types;
            this.scope = scope;
            handlers = new SessionAwareHandlers(types);
            authenticationStateProvider = compilation.GetTypeByMetadataName(KnownTypes.AuthenticationStateProvider);
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!SaveCalls.HasSaveName(invocation.TargetMethod.Name))
            {
                return;
            }

            var tree = invocation.Syntax.SyntaxTree;
            if (!scope.ShouldAnalyze(tree))
            {
                return;
            }

            AnalyzerException.Guard(DiagnosticIds.SaveWithoutSessionHandling, invocation.Syntax.GetLocation(), context, ctx =>
            {
                if (!SaveCalls.TryGet(invocation, types, out var call) || IsHandled(call, ctx.ContainingSymbol, tree, ctx.CancellationToken))
                {
                    return;
                }

                ctx.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.SESS001SaveWithoutSessionHandling,
                    NameLocation(invocation),
                    invocation.TargetMethod.Name));
            });
        }

        private bool IsHandled(SaveCall call, ISymbol member, SyntaxTree tree, CancellationToken cancellationToken)
        {
            var invocation = call.Invocation;

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

            // 1. (and 2.) The member compares a status with 401/403: the response's, or an
            //    HttpRequestException's in a catch or filter.
            if (StatusChecks.AnyInside(invocation.Root(), types))
            {
                return true;
            }

            // 4. The client's pipeline handles it.
            return PipelineHandles(call, member.ContainingType, tree, cancellationToken);
        }

        private bool IsAuthenticationRequest(SaveCall call, ISymbol member, SyntaxTree tree)
        {
            if (member.ContainingType.DerivesFromOrIs(authenticationStateProvider))
            {
                return true;
            }

            var uri = call.Invocation.ArgumentFor("requestUri");
            if (uri is null || uri.IsImplicit)
            {
                return false;
            }

            var loginPaths = SessionSafetyOptions.LoginPaths.Read(scope.GetOptions(tree));
            return LoginTargets.Create(loginPaths.AddRange(AuthenticationEndpoints)).Matches(LoginTargets.ConstantText(uri.Value), allowPageSuffix: false);
        }

        private bool CaughtAsExpiredToken(IOperation invocation)
        {
            if (types.AccessTokenNotAvailableException is null)
            {
                return false;
            }

            for (var current = invocation; current.Parent is { } parent; current = parent)
            {
                if (parent is ITryOperation @try && @try.Body == current)
                {
                    foreach (var @catch in @try.Catches)
                    {
                        if (@catch.ExceptionType.DerivesFromOrIs(types.AccessTokenNotAvailableException))
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
            var configured = SessionSafetyOptions.SessionHandlers.Read(scope.GetOptions(tree));
            var registered = Registrations(cancellationToken);

            foreach (var handler in registered.Defaults)
            {
                if (handlers.IsSessionAware(handler, configured))
                {
                    return true;
                }
            }

            // A typed client: the containing type is registered with AddHttpClient<T>().
            if (containingType is not null)
            {
                foreach (var handler in registered.ForType(containingType))
                {
                    if (handlers.IsSessionAware(handler, configured))
                    {
                        return true;
                    }
                }
            }

            var origin = ClientOrigins.Find(call.Client, types, cancellationToken, origins);
            foreach (var handler in origin.Handlers)
            {
                if (handlers.IsSessionAware(handler, configured))
                {
                    return true;
                }
            }

            foreach (var name in origin.ClientNames)
            {
                foreach (var handler in registered.ForName(name))
                {
                    if (handlers.IsSessionAware(handler, configured))
                    {
                        return true;
                    }
                }
            }

            // An injected HttpClient that the app registers as a named client's instance.
            if (origin.IsInjected)
            {
                foreach (var name in registered.InjectedHttpClientNames)
                {
                    foreach (var handler in registered.ForName(name))
                    {
                        if (handlers.IsSessionAware(handler, configured))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private ClientRegistrations Registrations(CancellationToken cancellationToken)
        {
            var current = Volatile.Read(ref registrations);
            if (current is null)
            {
                // Computing twice under a race is harmless: the result is the same.
                current = ClientRegistrations.Build(compilation, types, cancellationToken);
                Interlocked.CompareExchange(ref registrations, current, null);
            }

            return current;
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
}
