using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;
using static SessionSafety.Analyzers.Internal.OperationExtensions;

namespace SessionSafety.Analyzers.Rules.SESS004;

/// <summary>
/// SESS004: the conventions a mapped endpoint gets from its builder chain and from the groups it is mapped in
/// (<c>RequireAuthorization()</c>, <c>AllowAnonymous()</c>, <c>DisableCookieRedirect()</c>,
/// <c>AllowCookieRedirect()</c>), read in the member that maps it. A group that comes in as a parameter is
/// left to the callers (<see cref="GroupParameter"/>).
/// </summary>
internal sealed class EndpointConventions
{
    /// <summary>How many builders down a chain of groups is followed.</summary>
    private const int MaxDepth = 8;

    public bool RequiresAuthorization { get; private set; }

    public bool AllowsAnonymous { get; private set; }

    public bool DisablesRedirect { get; private set; }

    public bool AllowsRedirect { get; private set; }

    /// <summary>The parameter the group the endpoint is mapped on comes from, when it does.</summary>
    public IParameterSymbol? GroupParameter { get; private set; }

    public bool IsEmpty => !RequiresAuthorization && !AllowsAnonymous && !DisablesRedirect && !AllowsRedirect;

    public static bool IsConventionName(string name) =>
        name is "RequireAuthorization" or "AllowAnonymous" or "DisableCookieRedirect" or "AllowCookieRedirect";

    /// <summary>The conventions of the builder <paramref name="mapped"/> returns and of the groups its <paramref name="receiver"/> stands for.</summary>
    public static EndpointConventions Of(IInvocationOperation mapped, IOperation? receiver, CookieTypes types)
    {
        var conventions = new EndpointConventions();
        conventions.ApplyUp(mapped, types);
        if (receiver is not null)
        {
            conventions.ApplyDown(receiver, types);
        }

        return conventions;
    }

    /// <summary>The conventions a builder expression (a group passed to a method) carries.</summary>
    public static EndpointConventions OfBuilder(IOperation builder, CookieTypes types)
    {
        var conventions = new EndpointConventions();
        conventions.ApplyDown(builder, types);
        return conventions;
    }

    public static EndpointConventions Copy(EndpointConventions other)
    {
        var copy = new EndpointConventions();
        copy.Add(other);
        return copy;
    }

    /// <summary>Adds what <paramref name="other"/> (the group a parameter receives at a call site) says.</summary>
    public void Add(EndpointConventions other)
    {
        RequiresAuthorization |= other.RequiresAuthorization;
        AllowsAnonymous |= other.AllowsAnonymous;
        DisablesRedirect |= other.DisablesRedirect;
        AllowsRedirect |= other.AllowsRedirect;
    }

    /// <summary>The receiver of a call: the instance, or an extension method's first argument.</summary>
    public static IOperation? ReceiverOf(IInvocationOperation invocation) =>
        invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? ReceiverArgument(invocation)?.Value : null);

    private static IArgumentOperation? ReceiverArgument(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == 0)
            {
                return argument;
            }
        }

        return null;
    }

    private void Apply(string name)
    {
        switch (name)
        {
            case "RequireAuthorization":
                RequiresAuthorization = true;
                break;
            case "AllowAnonymous":
                AllowsAnonymous = true;
                break;
            case "DisableCookieRedirect":
                DisablesRedirect = true;
                break;
            case "AllowCookieRedirect":
                AllowsRedirect = true;
                break;
        }
    }

    /// <summary>Calls chained on the builder (<c>MapPost(…).RequireAuthorization()</c>), and on the local it is kept in.</summary>
    private void ApplyUp(IOperation start, CookieTypes types)
    {
        var current = start;
        for (var depth = 0; depth < 32; depth++)
        {
            var parent = Up(current);
            switch (parent)
            {
                case IArgumentOperation { Parent: IInvocationOperation next } argument when argument.Parameter?.Ordinal == 0 && next.TargetMethod.IsExtensionMethod:
                    Apply(next.TargetMethod.Name);
                    current = next;
                    continue;
                case IInvocationOperation next when next.Instance is { } instance && instance.WalkDownConversions() == current:
                    Apply(next.TargetMethod.Name);
                    current = next;
                    continue;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    ApplyCallsOn(declarator.Symbol, current.Root(), types);
                    return;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local }:
                    ApplyCallsOn(local.Local, current.Root(), types);
                    return;
                default:
                    return;
            }
        }
    }

    /// <summary>The groups an endpoint is mapped on: <c>app.MapGroup("/api").RequireAuthorization().MapPost(…)</c>, or a local group.</summary>
    private void ApplyDown(IOperation receiver, CookieTypes types)
    {
        var current = receiver.WalkDownConversions();
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            switch (current)
            {
                case IInvocationOperation invocation when IsConventionName(invocation.TargetMethod.Name) || invocation.TargetMethod.Name == "MapGroup":
                    Apply(invocation.TargetMethod.Name);
                    if (ReceiverOf(invocation) is not { } inner)
                    {
                        return;
                    }

                    current = inner.WalkDownConversions();
                    continue;

                case ILocalReferenceOperation local when Implements(local.Local.Type, types.EndpointConventionBuilder):
                    var root = local.Root();
                    ApplyCallsOn(local.Local, root, types);
                    if (InitialValue(local.Local, root) is not { } initial)
                    {
                        return;
                    }

                    current = initial.WalkDownConversions();
                    continue;

                case IParameterReferenceOperation parameter when Implements(parameter.Parameter.Type, types.EndpointRouteBuilder):
                    GroupParameter = parameter.Parameter;
                    return;

                default:
                    return;
            }
        }
    }

    /// <summary>Conventions called on a local that holds a builder: <c>group.RequireAuthorization();</c>.</summary>
    private void ApplyCallsOn(ILocalSymbol local, IOperation root, CookieTypes types)
    {
        if (!Implements(local.Type, types.EndpointConventionBuilder))
        {
            return;
        }

        foreach (var operation in root.DescendantsDepthFirst())
        {
            if (operation is IInvocationOperation invocation && IsConventionName(invocation.TargetMethod.Name)
                && ReceiverOf(invocation)?.WalkDownConversions() is ILocalReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                Apply(invocation.TargetMethod.Name);
            }
        }
    }

    private static IOperation? InitialValue(ILocalSymbol local, IOperation root)
    {
        foreach (var operation in root.DescendantsDepthFirst())
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
            {
                return declarator.Initializer?.Value;
            }
        }

        return null;
    }

    private static IOperation? Up(IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

        return parent;
    }
}
