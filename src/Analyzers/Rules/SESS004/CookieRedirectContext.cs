using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;
using static SessionSafety.Analyzers.Internal.OperationExtensions;

namespace SessionSafety.Analyzers.Rules.SESS004;

/// <summary>
/// SESS004's per-compilation context. While the members are analyzed it collects the facts the rule decides
/// by, wherever they are: the calls that create and configure cookie schemes, the default schemes, the minimal
/// APIs that take writes and their conventions, the services the app registers, global authorization. At
/// compilation end it decides per scheme (<see cref="Report"/>), reading controllers, helpers and options
/// classes only for a scheme that nothing handles.
/// </summary>
internal sealed class CookieRedirectContext
{
    private static readonly ImmutableArray<OperationKind> InvocationKind = ImmutableArray.Create(OperationKind.Invocation);
    private static readonly ImmutableArray<OperationKind> AssignmentKind = ImmutableArray.Create(OperationKind.SimpleAssignment);
    private static readonly ImmutableArray<OperationKind> ObjectCreationKind = ImmutableArray.Create(OperationKind.ObjectCreation);

    private readonly Compilation compilation;
    private readonly CookieTypes types;
    private readonly ConcurrentQueue<CookieConfiguration> configurations = new();
    private readonly ConcurrentQueue<SchemeDefault> defaults = new();
    private readonly ConcurrentQueue<MinimalEndpoint> endpoints = new();
    private readonly ConcurrentQueue<(IMethodSymbol Method, int Ordinal, EndpointConventions Conventions)> groupsPassed = new();
    private readonly ConcurrentDictionary<ITypeSymbol, byte> services = new(SymbolEqualityComparer.Default);
    private readonly Action<OperationAnalysisContext> analyzeInvocation;
    private readonly Action<OperationAnalysisContext> analyzeAssignment;
    private readonly Action<OperationAnalysisContext> analyzeCreation;
    private int otherSchemes;
    private int fallbackPolicy;
    private int globalAuthorizeFilter;
    private int controllersRequireAuthorization;

    private CookieRedirectContext(Compilation compilation, CookieTypes types)
    {
        this.compilation = compilation;
        this.types = types;
        analyzeInvocation = AnalyzeInvocation;
        analyzeAssignment = AnalyzeAssignment;
        analyzeCreation = AnalyzeCreation;
    }

    /// <summary>The context, or null when the compilation has no cookie authentication.</summary>
    public static CookieRedirectContext? Create(Compilation compilation) =>
        CookieTypes.Create(compilation) is { } types ? new CookieRedirectContext(compilation, types) : null;

    public void OnMemberStart(OperationBlockStartAnalysisContext context)
    {
        context.RegisterOperationAction(analyzeInvocation, InvocationKind);
        context.RegisterOperationAction(analyzeAssignment, AssignmentKind);
        context.RegisterOperationAction(analyzeCreation, ObjectCreationKind);
    }

    private void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        AnalyzerException.Guard(DiagnosticIds.CookieRedirectsApiCalls, invocation.Syntax, invocation, Collect);
    }

    private void Collect(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var name = method.Name;
        switch (name)
        {
            case "AddCookie" or "AddIdentity" or "AddDefaultIdentity" or "AddIdentityCookies" or "ConfigureApplicationCookie"
                or "Configure" or "PostConfigure" or "ConfigureAll" or "PostConfigureAll":
                if (CookieConfigurations.Read(invocation, types) is { } configuration)
                {
                    configurations.Enqueue(configuration);
                    if (name == "AddIdentity")
                    {
                        defaults.Enqueue(new SchemeDefault(challenge: true, known: true, SchemeNames.IdentityApplication, implicitly: true));
                    }
                    else if (name == "AddDefaultIdentity")
                    {
                        defaults.Enqueue(new SchemeDefault(challenge: false, known: true, SchemeNames.IdentityApplication, implicitly: true));
                    }

                    return;
                }

                break;

            case "AddAuthentication" when invocation.ArgumentFor("defaultScheme") is { } scheme:
                defaults.Enqueue(Default(challenge: false, scheme.Value));
                return;

            case "MapPost" or "MapPut" or "MapPatch" or "MapMethods":
                if (MinimalEndpoints.Read(invocation, types) is { } endpoint)
                {
                    endpoints.Enqueue(endpoint);
                }

                return;

            case "MapControllers" or "MapControllerRoute" or "MapDefaultControllerRoute" or "MapAreaControllerRoute":
                if (EndpointConventions.Of(invocation, receiver: null, types).RequiresAuthorization)
                {
                    Volatile.Write(ref controllersRequireAuthorization, 1);
                }

                return;

            case "SetFallbackPolicy" when method.ContainingType.IsType(types.AuthorizationBuilder) && invocation.Arguments.Length > 0 && !IsNull(invocation.Arguments[invocation.Arguments.Length - 1].Value):
                Volatile.Write(ref fallbackPolicy, 1);
                return;
        }

        if (method.IsExtensionMethod && method.Parameters.Length > 0)
        {
            var receiverType = method.Parameters[0].Type;
            if (receiverType.IsType(types.ServiceCollection))
            {
                CollectServiceRegistration(invocation);
            }
            else if (receiverType.IsType(types.AuthenticationBuilder) && name.StartsWith("Add", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref otherSchemes);
            }
        }

        if (!method.DeclaringSyntaxReferences.IsEmpty)
        {
            CollectGroupPassed(invocation);
        }
    }

    /// <summary>A service type the app registers (a handler parameter of that type is not a JSON body), or an options class of cookie options.</summary>
    private void CollectServiceRegistration(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.TargetMethod.TypeArguments)
        {
            services.TryAdd(argument, 0);
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value.WalkDownConversions() is ITypeOfOperation typeOf)
            {
                services.TryAdd(typeOf.TypeOperand, 0);
            }
        }

        if (CookieConfigurations.ReadOptionsClassRegistration(invocation, types) is { } registration)
        {
            configurations.Enqueue(registration);
        }
    }

    /// <summary>A group handed to a method of the compilation (<c>api.MapTodos()</c>): its conventions reach the endpoints mapped there.</summary>
    private void CollectGroupPassed(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter && Implements(argument.Value.WalkDownConversions().Type, types.EndpointRouteBuilder))
            {
                var conventions = EndpointConventions.OfBuilder(argument.Value, types);
                if (!conventions.IsEmpty || conventions.GroupParameter is not null)
                {
                    groupsPassed.Enqueue((invocation.TargetMethod.OriginalDefinition, parameter.Ordinal, conventions));
                }
            }
        }
    }

    private void AnalyzeAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: var property })
        {
            return;
        }

        switch (property.Name)
        {
            case "DefaultScheme" or "DefaultChallengeScheme" when property.ContainingType.IsType(types.AuthenticationOptions):
                defaults.Enqueue(Default(property.Name == "DefaultChallengeScheme", assignment.Value));
                break;
            case "FallbackPolicy" when property.ContainingType.IsType(types.AuthorizationOptions) && !IsNull(assignment.Value):
                Volatile.Write(ref fallbackPolicy, 1);
                break;
        }
    }

    private void AnalyzeCreation(OperationAnalysisContext context)
    {
        if (context.Operation.Type.DerivesFromOrIs(types.AuthorizeFilter))
        {
            Volatile.Write(ref globalAuthorizeFilter, 1);
        }
    }

    private SchemeDefault Default(bool challenge, IOperation value)
    {
        if (IsNull(value))
        {
            return new SchemeDefault(challenge, known: true, null, implicitly: false);
        }

        var scheme = SchemeNames.Evaluate(value, types);
        return new SchemeDefault(challenge, scheme is not null, scheme, implicitly: false);
    }

    private static bool IsNull(IOperation value) => value.WalkDownConversions().ConstantValue is { HasValue: true, Value: null };

    /// <summary>Decides per scheme and reports each scheme that challenges redirected endpoints and that nothing handles.</summary>
    public void Report(CompilationAnalysisContext context)
    {
        try
        {
            Decide(context);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // As AnalyzerException does for the member actions: the AD0001 names the rule and where it was.
            throw new InvalidOperationException($"{DiagnosticIds.CookieRedirectsApiCalls} failed at compilation end: {exception.Message}", exception);
        }
    }

    private void Decide(CompilationAnalysisContext context)
    {
        var all = configurations.ToArray();
        if (!all.Any(c => c.Creates))
        {
            return;
        }

        var order = TreeOrder();
        Array.Sort(all, (a, b) => Compare(order, a.Call.SyntaxTree, a.Call.SpanStart, b.Call.SyntaxTree, b.Call.SpanStart));
        var challengers = ChallengeSchemes.Decide(defaults.ToArray(), OnlyScheme(all));
        RedirectedEndpoints? redirected = null;

        // Each scheme's own calls, and the ones that apply to every scheme, looked up instead of searched for each scheme:
        // indexes into `all`, ascending, so that a scheme's applicable calls are a merge of two lists.
        var naming = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var general = new List<int>();
        for (var i = 0; i < all.Length; i++)
        {
            if (all[i].Scheme is { } name)
            {
                if (!naming.TryGetValue(name, out var own))
                {
                    naming[name] = own = new List<int>();
                }

                own.Add(i);
            }

            if (all[i].AllSchemes || all[i].Scheme is null)
            {
                general.Add(i);
            }
        }

        var applicable = new List<CookieConfiguration>();
        foreach (var scheme in all.Where(c => c.Creates && c.Scheme is not null).Select(c => c.Scheme!).Distinct())
        {
            var own = naming[scheme];
            var anchor = FirstCall(all, own, creates: false) ?? FirstCall(all, own, creates: true)!;
            Applicable(all, own, general, anchor, applicable);
            var handled = Handled(applicable, context.CancellationToken);
            if ((handled & HandledRedirects.Login) != 0)
            {
                continue;
            }

            redirected ??= new RedirectedEndpoints(MinimalRedirected(order), new ControllerActions(compilation, types, GloballyAuthorized).Redirected(context.CancellationToken));
            var endpoint = redirected.FirstChallengedBy(scheme, challengers);
            if (endpoint is null)
            {
                continue;
            }

            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(SESS004CookieRedirectsApiCallsAnalyzer.SchemeProperty, scheme)
                .Add(SESS004CookieRedirectsApiCallsAnalyzer.AccessDeniedHandledProperty, (handled & HandledRedirects.AccessDenied) != 0 ? "true" : "false");
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SESS004CookieRedirectsApiCalls,
                anchor.Location,
                ImmutableArray.Create(endpoint.Location),
                properties,
                scheme,
                endpoint.Description,
                Where(endpoint.Location)));
        }
    }

    /// <summary>The first of a scheme's calls that configures it (or, with <paramref name="creates"/>, that creates it).</summary>
    private static CookieConfiguration? FirstCall(CookieConfiguration[] all, List<int> own, bool creates)
    {
        foreach (var i in own)
        {
            if (creates ? all[i].Creates : all[i].Configures)
            {
                return all[i];
            }
        }

        return null;
    }

    /// <summary>
    /// Into <paramref name="applicable"/> (cleared first): the scheme's own calls and the general ones, in the order of
    /// <paramref name="all"/>, each once, that hold whenever the <paramref name="anchor"/> does. Written out rather than
    /// as a query because it runs once per scheme and a query's garbage adds up over thousands of schemes.
    /// </summary>
    private static void Applicable(CookieConfiguration[] all, List<int> own, List<int> general, CookieConfiguration anchor, List<CookieConfiguration> applicable)
    {
        applicable.Clear();
        int o = 0, g = 0;
        while (o < own.Count || g < general.Count)
        {
            int next;
            if (g == general.Count || (o < own.Count && own[o] <= general[g]))
            {
                next = own[o++];
                if (g < general.Count && general[g] == next)
                {
                    g++;
                }
            }
            else
            {
                next = general[g++];
            }

            if (all[next].HoldsWhenever(anchor))
            {
                applicable.Add(all[next]);
            }
        }
    }

    private HandledRedirects Handled(List<CookieConfiguration> applicable, CancellationToken cancellationToken)
    {
        var handled = HandledRedirects.None;
        foreach (var configuration in applicable)
        {
            handled |= configuration.Handled;
        }

        if ((handled & HandledRedirects.Login) != 0)
        {
            return handled;
        }

        // Only now the bodies of helpers and options classes (other members, often other files) are read.
        List<IMethodSymbol>? methods = null;
        foreach (var configuration in applicable)
        {
            if (configuration.Helpers.Count > 0)
            {
                (methods ??= new List<IMethodSymbol>()).AddRange(configuration.Helpers);
            }

            if (configuration.OptionsClass is { } optionsClass)
            {
                (methods ??= new List<IMethodSymbol>()).AddRange(ConfigureMethods(optionsClass));
            }
        }

        return methods is null || methods.Count == 0 ? handled : handled | EventHandlers.OfMethods(compilation, methods, types, cancellationToken);
    }

    /// <summary>The <c>Configure</c>/<c>PostConfigure</c> methods of an options class that take cookie options.</summary>
    private IEnumerable<IMethodSymbol> ConfigureMethods(INamedTypeSymbol optionsClass)
    {
        for (var type = optionsClass; type is not null && !type.DeclaringSyntaxReferences.IsEmpty; type = type.BaseType)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol method && method.Name.EndsWith("Configure", StringComparison.Ordinal)
                    && method.Parameters.Any(p => p.Type.IsType(types.CookieOptions)))
                {
                    yield return method;
                }
            }
        }
    }

    private bool GloballyAuthorized =>
        Volatile.Read(ref fallbackPolicy) != 0 || Volatile.Read(ref globalAuthorizeFilter) != 0 || Volatile.Read(ref controllersRequireAuthorization) != 0;

    /// <summary>The minimal APIs that require authorization and would be redirected, in the compilation's order.</summary>
    private List<RedirectedEndpoint> MinimalRedirected(Dictionary<SyntaxTree, int> order)
    {
        var fallback = Volatile.Read(ref fallbackPolicy) != 0;
        var found = new List<RedirectedEndpoint>();
        var serviceTypes = new HashSet<ITypeSymbol>(services.Keys, SymbolEqualityComparer.Default);
        foreach (var endpoint in endpoints)
        {
            var conventions = Effective(endpoint.Conventions, depth: 0);
            var handler = endpoint.Handler;
            var attributed = endpoint.HandlerHasAttributes;
            var anonymous = conventions.AllowsAnonymous || (attributed && CookieTypes.HasAttribute(handler, types.AllowAnonymous));
            var authorized = conventions.RequiresAuthorization || fallback || (attributed && CookieTypes.HasAttribute(handler, types.AuthorizeData));
            if (anonymous || !authorized || !MinimalEndpoints.IsRedirected(endpoint, types, serviceTypes))
            {
                continue;
            }

            found.Add(new RedirectedEndpoint(endpoint.Description, endpoint.Node.GetLocation(), attributed ? Schemes(handler) : ImmutableArray<string>.Empty));
        }

        found.Sort((a, b) => Compare(order, a.Location.SourceTree, a.Location.SourceSpan.Start, b.Location.SourceTree, b.Location.SourceSpan.Start));
        return found;
    }

    /// <summary>An endpoint's own conventions and those of the groups its method's callers pass it.</summary>
    private EndpointConventions Effective(EndpointConventions own, int depth)
    {
        if (own.GroupParameter is not { ContainingSymbol: IMethodSymbol method } parameter || depth > 4)
        {
            return own;
        }

        var effective = EndpointConventions.Copy(own);
        foreach (var (target, ordinal, conventions) in groupsPassed)
        {
            if (ordinal == parameter.Ordinal && SymbolEqualityComparer.Default.Equals(target, method.OriginalDefinition))
            {
                effective.Add(Effective(conventions, depth + 1));
            }
        }

        return effective;
    }

    private ImmutableArray<string> Schemes(IMethodSymbol handler)
    {
        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var attribute in handler.GetAttributes())
        {
            if (Implements(attribute.AttributeClass, types.AuthorizeData))
            {
                foreach (var argument in attribute.NamedArguments)
                {
                    if (argument.Key == "AuthenticationSchemes")
                    {
                        builder.AddRange(SchemeNames.Split(argument.Value.Value as string));
                    }
                }
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>The one scheme the app adds, when it adds exactly one (ASP.NET Core then makes it the default).</summary>
    private string? OnlyScheme(CookieConfiguration[] all)
    {
        if (Volatile.Read(ref otherSchemes) != 0)
        {
            return null;
        }

        string? only = null;
        foreach (var configuration in all)
        {
            if (!configuration.Creates)
            {
                continue;
            }

            // Identity adds four cookie schemes at once.
            if (configuration.Scheme is null || configuration.Scheme == SchemeNames.IdentityApplication || (only is not null && only != configuration.Scheme))
            {
                return null;
            }

            only = configuration.Scheme;
        }

        return only;
    }

    private Dictionary<SyntaxTree, int> TreeOrder()
    {
        var order = new Dictionary<SyntaxTree, int>();
        var index = 0;
        foreach (var tree in compilation.SyntaxTrees)
        {
            order[tree] = index++;
        }

        return order;
    }

    private static int Compare(Dictionary<SyntaxTree, int> order, SyntaxTree? a, int positionA, SyntaxTree? b, int positionB)
    {
        var treeA = a is not null && order.TryGetValue(a, out var i) ? i : int.MaxValue;
        var treeB = b is not null && order.TryGetValue(b, out var j) ? j : int.MaxValue;
        return treeA != treeB ? treeA.CompareTo(treeB) : positionA.CompareTo(positionB);
    }

    /// <summary>The endpoint's file name and line, as the message gives them (<c>MessageEndpoints.cs:22</c>).</summary>
    private static string Where(Location location)
    {
        var span = location.GetMappedLineSpan();
        var path = span.Path ?? string.Empty;
        var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return path.Substring(slash + 1) + ":" + (span.StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
