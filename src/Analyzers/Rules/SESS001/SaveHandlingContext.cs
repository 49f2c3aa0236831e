using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;
using SessionSafety.Analyzers.Options;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>
/// SESS001's per-compilation context: the types it looks for, and every answer it keeps between saves
/// (each file's settings, the compilation's client registrations, traced client members, handler
/// verdicts, helper verdicts, which members keep their initial text).
/// </summary>
internal sealed class SaveHandlingContext
{
    /// <summary>Endpoints besides the login pages whose requests carry credentials, not user content.</summary>
    private static readonly ImmutableArray<string> AuthenticationEndpoints = ImmutableArray.Create(
        "logout", "log-out", "signout", "sign-out", "logoff", "register", "signup", "sign-up",
        "refresh", "token", "tokens", "connect/token", "oauth/token", "oauth2/token", "authenticate", "forgotPassword", "resetPassword");

    /// <summary>OAuth endpoints: a path segment that starts with one of these (<c>oauth2</c>, <c>oauth.v2.access</c>).</summary>
    private static readonly ImmutableArray<string> AuthenticationSegmentPrefixes = ImmutableArray.Create("oauth");

    /// <summary>How many methods a response is followed into, one calling the next (SPEC: at most four deep).</summary>
    private const int MaxHelperDepth = 4;

    /// <summary>The kinds each analyzed member registers, made once rather than as a <c>params</c> array per member.</summary>
    private static readonly ImmutableArray<OperationKind> InvocationKind = ImmutableArray.Create(OperationKind.Invocation);

    private readonly Compilation compilation;
    private readonly SourceScope scope;
    private readonly INamedTypeSymbol? authenticationStateProvider;
    private readonly INamedTypeSymbol? componentBase;
    private readonly INamedTypeSymbol? hostedService;
    private readonly INamedTypeSymbol? authorizationMessageHandler;
    private readonly Memo<SyntaxTree, TreeSettings> settings = new();
    private readonly Memo<(string? LoginPaths, string? SessionHandlers, string? SaveScope), TreeSettings> settingsByText = new();
    private readonly Deferred<ClientRegistrations> registrations = new();
    private readonly Deferred<object> clientUi = new();
    private readonly Memo<ClientOrigins.TracedMember, ClientOrigin> tracedMembers = new();
    private readonly Memo<INamedTypeSymbol, bool> handlerVerdicts = new(SymbolEqualityComparer.Default);
    private readonly Memo<INamedTypeSymbol, bool> forwardingVerdicts = new(SymbolEqualityComparer.Default);
    private readonly Memo<INamedTypeSymbol, IReadOnlyList<HandlerRef>> typedClientHandlers = new(SymbolEqualityComparer.Default);
    private readonly Memo<(string HandlersKey, bool Forwarding), bool> injectedClientVerdicts = new();
    private readonly Memo<ISymbol, HeaderCredentials> memberCredentials = new(SymbolEqualityComparer.Default);
    private readonly Memo<ISymbol, bool> initialValues = new(SymbolEqualityComparer.Default);
    private readonly Memo<HelperKey, bool> helperVerdicts = new();

    /// <summary>The login paths of an operation's file, made once as a delegate (asked for every text a landing test compares).</summary>
    public SaveHandlingContext(Compilation compilation, HttpTypes types, SourceScope scope)
    {
        LoginPagesFor = operation => Settings(operation.Syntax.SyntaxTree).LoginPages;
        this.compilation = compilation;
        Types = types;
        this.scope = scope;
        authenticationStateProvider = compilation.FindType(KnownTypes.AuthenticationStateProvider);
        componentBase = compilation.FindType(KnownTypes.ComponentBase);
        hostedService = compilation.FindType(KnownTypes.IHostedService);
        authorizationMessageHandler = compilation.FindType(KnownTypes.AuthorizationMessageHandler);
    }

    public HttpTypes Types { get; }

    /// <summary>The login paths that apply to an operation (its file's options).</summary>
    public Func<IOperation, LoginTargets> LoginPagesFor { get; }

    /// <summary>
    /// Whether the compilation knows a client UI framework's types (Blazor WebAssembly, MAUI, WPF,
    /// WinForms, Avalonia, Uno, WinUI, Xamarin.Forms): then every save is made for the signed-in user.
    /// </summary>
    public bool IsClientUi => clientUi.Get(compilation, static c => KnownTypes.ClientUiTypes.Any(name => c.FindType(name) is not null) ? c : null) is not null;

    /// <summary>A member that passed the scope's filter: collect its save calls while the driver walks it, decide at its end.</summary>
    public void OnMemberStart(OperationBlockStartAnalysisContext context)
    {
        var scan = new MemberScan(this, context.OwningSymbol);
        context.RegisterOperationAction(scan.OnInvocation, InvocationKind);
        context.RegisterOperationBlockEndAction(scan.OnMemberEnd);
    }

    /// <summary>
    /// The options a file's saves are judged by: looked up once per file, parsed once per distinct text
    /// (most files of a project share one <c>.editorconfig</c> section, and so one parse).
    /// </summary>
    public TreeSettings Settings(SyntaxTree tree) => settings.Get(tree, this, static (file, rule) =>
    {
        var options = rule.scope.GetOptions(file);
        var texts = (
            SessionSafetyOptions.LoginPaths.Text(options),
            SessionSafetyOptions.SessionHandlers.Text(options),
            SessionSafetyOptions.SaveScope.Text(options));
        return rule.settingsByText.Get(texts, 0, static (text, _) =>
        {
            var loginPaths = SessionSafetyOptions.LoginPaths.Parse(text.LoginPaths);
            return new TreeSettings(
                LoginTargets.Create(loginPaths),
                LoginTargets.Create(loginPaths.AddRange(AuthenticationEndpoints), AuthenticationSegmentPrefixes),
                SessionSafetyOptions.SessionHandlers.Parse(text.SessionHandlers),
                SessionSafetyOptions.SaveScope.Parse(text.SaveScope));
        });
    });

    /// <summary>A Razor component (its type, or a type it is nested in, derives from <c>ComponentBase</c>): its saves are the signed-in user's.</summary>
    public bool IsComponent(ISymbol member) => InTypeDerivedFrom(member, componentBase, interfaces: false);

    /// <summary>An <c>IHostedService</c> (a <c>BackgroundService</c>): work of the server, with no user session.</summary>
    public bool IsHostedService(ISymbol member) => InTypeDerivedFrom(member, hostedService, interfaces: true);

    /// <summary>Whether a field or property is assigned nowhere in the compilation but in its declaration (asked once per member).</summary>
    public bool KeepsInitialValue(ISymbol member) =>
        initialValues.Get(member.OriginalDefinition, compilation, static (symbol, c) => InitialValues.KeepsInitialValue(c, symbol, CancellationToken.None));

    /// <summary>Whether a method has code in the compilation that a response passed to it can be followed into.</summary>
    public bool HasBody(IMethodSymbol method) => HelperBodies.Find(method, compilation) is not null;

    /// <summary>
    /// Whether a method of the compilation handles the value passed as its parameter <paramref name="ordinal"/>
    /// by the rule's own tests (it tests 401/403, rethrows inside a catch that does, or lets it escape),
    /// <paramref name="depth"/> calls away from the save. Beyond <see cref="MaxHelperDepth"/> nothing is
    /// proven: not handled. Each answer is computed once per compilation, and a call cycle ends at the depth.
    /// </summary>
    public bool HelperHandles(IMethodSymbol method, int ordinal, TrackedValue value, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxHelperDepth)
        {
            return false;
        }

        var definition = HelperBodies.Definition(method);
        return helperVerdicts.Get(new HelperKey(definition, ordinal, value, depth), (this, cancellationToken), static (key, context) =>
        {
            var (rule, token) = context;
            if (HelperBodies.Find(key.Method, rule.compilation) is not { } body || key.Ordinal >= key.Method.Parameters.Length)
            {
                return false;
            }

#pragma warning disable RS1030 // The helper lives in another member, often another file; each is bound once per compilation.
            var model = rule.compilation.GetSemanticModel(body.SyntaxTree);
#pragma warning restore RS1030
            if (model.GetOperation(body, token) is not { } operation)
            {
                return true;
            }

            var flow = MemberFlow.Build(rule, new[] { operation }, key.Depth, token);
            return flow.HandlesParameter(key.Method.Parameters[key.Ordinal], key.Value, token);
        });
    }

    /// <summary>The handlers a save's client sends through, and where the client came from.</summary>
    public SavePipeline Pipeline(SaveCall call, ISymbol member, IKnownValues values, CancellationToken cancellationToken)
    {
        var registered = Registrations(cancellationToken);
        var handlers = new List<HandlerRef>(registered.Defaults);
        if (member.ContainingType is { } containingType)
        {
            handlers.AddRange(typedClientHandlers.Get(containingType, registered, static (type, r) => r.ForType(type)));
        }

        var origin = ClientOrigins.Find(call.Client, Types, cancellationToken, tracedMembers, values);
        handlers.AddRange(origin.Handlers);
        foreach (var name in origin.ClientNames)
        {
            handlers.AddRange(registered.ForName(name));
        }

        return new SavePipeline(handlers, origin);
    }

    /// <summary>Rule 4: the pipeline holds a session-aware handler (the runtime's, a configured one, or one that tests 401/403).</summary>
    public bool PipelineHandles(SavePipeline pipeline, TreeSettings file, CancellationToken cancellationToken) =>
        AnyHandler(pipeline, file, forwarding: false, cancellationToken);

    /// <summary>Scope: the pipeline forwards the signed-in user's credentials.</summary>
    public bool PipelineForwardsUser(SavePipeline pipeline, TreeSettings file, CancellationToken cancellationToken) =>
        AnyHandler(pipeline, file, forwarding: true, cancellationToken);

    /// <summary>What the client's registrations and its fields' or properties' code put in its default headers.</summary>
    public HeaderCredentials ClientCredentials(SavePipeline pipeline, ISymbol member, CancellationToken cancellationToken)
    {
        var registered = Registrations(cancellationToken);
        var credentials = registered.DefaultCredentials;
        if (member.ContainingType is { } containingType)
        {
            credentials |= registered.CredentialsForType(containingType);
        }

        foreach (var name in pipeline.Origin.ClientNames)
        {
            credentials |= registered.CredentialsForName(name);
        }

        foreach (var clientMember in pipeline.Origin.Members)
        {
            credentials |= memberCredentials.Get(clientMember, compilation, static (symbol, c) => CredentialsSetInType(c, symbol));
        }

        return credentials;
    }

    /// <summary>
    /// A request to an authentication endpoint (sign-in, sign-out, register, token refresh, OAuth) answers
    /// 401 for bad credentials, not for an expired session: its URI wherever it is given (the call's
    /// argument, the request's constructor or <c>RequestUri</c>), the member's name, or an
    /// <c>AuthenticationStateProvider</c>.
    /// </summary>
    public bool IsAuthenticationRequest(SaveCall call, ISymbol member, MemberFlow flow)
    {
        if (member.ContainingType.DerivesFromOrIs(authenticationStateProvider) || AuthenticationFlows.NameHasFlowWord(member.Name))
        {
            return true;
        }

        var targets = Settings(call.Invocation.Syntax.SyntaxTree).AuthenticationTargets;
        foreach (var uri in RequestTargets.Of(call, flow))
        {
            if (targets.Matches(TargetText.Constant(uri, flow), allowPageSuffix: false))
            {
                return true;
            }
        }

        return false;
    }

    private bool AnyHandler(SavePipeline pipeline, TreeSettings file, bool forwarding, CancellationToken cancellationToken)
    {
        if (AnyOf(pipeline.Handlers, file.SessionHandlers, forwarding))
        {
            return true;
        }

        // An injected HttpClient that the app registers as a named client's instance: one answer per handler list.
        if (!pipeline.Origin.IsInjected)
        {
            return false;
        }

        var registered = Registrations(cancellationToken);
        return registered.InjectedClientHandlers.Count > 0
            && injectedClientVerdicts.Get((file.SessionHandlersKey, forwarding), (this, registered, file.SessionHandlers), static (key, context) =>
                context.Item1.AnyOf(context.registered.InjectedClientHandlers, context.SessionHandlers, key.Forwarding));
    }

    private bool AnyOf(IReadOnlyList<HandlerRef> handlers, ImmutableArray<string> configured, bool forwarding)
    {
        for (var i = 0; i < handlers.Count; i++)
        {
            var handles = forwarding
                ? CredentialForwardingHandlers.Forwards(handlers[i], authorizationMessageHandler, compilation, forwardingVerdicts)
                : SessionAwareHandlers.IsSessionAware(handlers[i], configured, Types, compilation, handlerVerdicts);
            if (handles)
            {
                return true;
            }
        }

        return false;
    }

    private ClientRegistrations Registrations(CancellationToken cancellationToken) =>
        registrations.Get((compilation, Types, cancellationToken), static c => ClientRegistrations.Build(c.compilation, c.Types, c.cancellationToken))!;

    /// <summary>The headers the member's own type sets on a client field or property (<c>_http.DefaultRequestHeaders…</c> in a constructor).</summary>
    private static HeaderCredentials CredentialsSetInType(Compilation compilation, ISymbol member)
    {
        var credentials = HeaderCredentials.None;
        var declarations = member.ContainingType is { } type ? CompilationSource.Declarations(compilation, type) : ImmutableArray<SyntaxReference>.Empty;
        foreach (var reference in declarations)
        {
            var declaration = reference.GetSyntax();
            var chars = NameOccurrences.Read(reference.SyntaxTree.GetText(), declaration.Span);
            if (NameOccurrences.IndexOfWholeWord(chars, ConfiguredHeaders.Word, 0) < 0 && !NameOccurrences.HasUnicodeEscape(chars))
            {
                continue;
            }

#pragma warning disable RS1030 // The client is configured in its type's constructor, often another file; once per member and compilation.
            var model = compilation.GetSemanticModel(reference.SyntaxTree);
#pragma warning restore RS1030
            credentials |= ConfiguredHeaders.In(declaration, model, member.Name, CancellationToken.None);
        }

        return credentials;
    }

    private static bool InTypeDerivedFrom(ISymbol member, INamedTypeSymbol? baseType, bool interfaces)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var type = member.ContainingType; type is not null; type = type.ContainingType)
        {
            if (interfaces ? type.AllInterfaces.Contains(baseType, SymbolEqualityComparer.Default) || type.DerivesFromOrIs(baseType) : type.DerivesFromOrIs(baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A helper verdict's key: the method (its definition), which parameter, what is passed, and how deep.</summary>
    private readonly struct HelperKey : IEquatable<HelperKey>
    {
        public HelperKey(IMethodSymbol method, int ordinal, TrackedValue value, int depth)
        {
            Method = method;
            Ordinal = ordinal;
            Value = value;
            Depth = depth;
        }

        public IMethodSymbol Method { get; }

        public int Ordinal { get; }

        public TrackedValue Value { get; }

        public int Depth { get; }

        public bool Equals(HelperKey other) =>
            SymbolEqualityComparer.Default.Equals(Method, other.Method) && Ordinal == other.Ordinal && Value == other.Value && Depth == other.Depth;

        public override bool Equals(object? obj) => obj is HelperKey other && Equals(other);

        public override int GetHashCode() =>
            (((SymbolEqualityComparer.Default.GetHashCode(Method) * 31) + Ordinal) * 31 + (int)Value) * 31 + Depth;
    }
}
