using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>
/// What one member (its lambdas and local functions included), or one helper method a response is passed
/// to, does with values, gathered in one walk of its operations: every read of each local and parameter,
/// the values locals are given, the 401/403 and login-page tests and what they test, the catches that
/// inspect a status, the headers set on requests and clients, and the OAuth content markers. Every
/// question the rule then asks about the member (<see cref="Handles"/>, <see cref="SingleValue"/>, …) is
/// answered from these tables, so the member is walked once however many saves and locals it has.
/// </summary>
internal sealed class MemberFlow : IKnownValues
{
    private readonly SaveHandlingContext rule;
    private readonly int depth;
    private readonly Dictionary<ISymbol, List<IOperation>> reads = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> sortedReads = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ILocalSymbol, List<IOperation>> assigned = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ILocalSymbol> changedOtherwise = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<(ILocalSymbol Local, string Property), List<IOperation>> propertyValues = new();
    private readonly Dictionary<ILocalSymbol, ICatchClauseOperation> catchLocals = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ICatchClauseOperation> handlingCatches = new();
    private readonly HashSet<IOperation> testedBases = new();
    private readonly HashSet<IOperation> comparedReads = new();
    private readonly Dictionary<ISymbol, List<int>> overwrites = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> sortedOverwrites = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IOperation> oauthFunctions = new();
    private bool oauthInMember;

    /// <summary>Whether the walk met a <c>try</c>: without one nothing runs inside a handling catch's try.</summary>
    private bool hasTry;
    private readonly List<IOperation> testCandidates = new();
    private readonly List<HeaderWrite> headerWrites = new();
    private readonly Dictionary<IOperation, bool> inHandlingTry = new();
    private Dictionary<object, HeaderCredentials>? credentialsByOwner;

    private MemberFlow(SaveHandlingContext rule, int depth)
    {
        this.rule = rule;
        this.depth = depth;
    }

    /// <summary>Walks <paramref name="roots"/> (a member's operation blocks, or a helper's body) once.</summary>
    /// <param name="depth">0 for the analyzed member; the number of calls a response went through to reach a helper.</param>
    public static MemberFlow Build(SaveHandlingContext rule, IEnumerable<IOperation> roots, int depth, CancellationToken cancellationToken)
    {
        var flow = new MemberFlow(rule, depth);

        // From the top of each block's tree (a method body's block hangs under its IMethodBodyOperation), each once.
        var pending = new Stack<IOperation>();
        var tops = new HashSet<IOperation>();
        foreach (var root in roots)
        {
            var top = root.Root();
            if (tops.Add(top))
            {
                pending.Push(top);
            }
        }

        var visited = 0;
        while (pending.Count > 0)
        {
            if ((++visited & 0x3FF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var operation = pending.Pop();
            flow.Record(operation);
            foreach (var child in operation.ChildOperations)
            {
                pending.Push(child);
            }
        }

        flow.Resolve();
        return flow;
    }

    /// <summary>
    /// Which of <paramref name="starts"/> are handled: their value (or a value derived from it, through the
    /// locals that hold it) is tested against 401/403 or a login page, caught by a catch that inspects the
    /// status, escapes, or goes to a helper that handles it.
    /// </summary>
    public bool[] Handles(IReadOnlyList<IOperation> starts, TrackedValue value, CancellationToken cancellationToken) =>
        new FlowGraph(this, cancellationToken).Handles(starts, value);

    /// <summary>Whether the helper's parameter is handled: any of its reads (the first of them, and all after it) leads to handling.</summary>
    public bool HandlesParameter(IParameterSymbol parameter, TrackedValue value, CancellationToken cancellationToken) =>
        new FlowGraph(this, cancellationToken).HandlesReadsOf(parameter, value);

    public IOperation? SingleValue(ILocalSymbol local)
    {
        if (changedOtherwise.Contains(local) || !assigned.TryGetValue(local, out var values) || values.Count != 1)
        {
            return null;
        }

        // Only a declaration's initializer is the value everywhere (an assignment holds from where it runs).
        return values[0].Parent is IVariableInitializerOperation ? values[0] : null;
    }

    public IEnumerable<IOperation> AssignedValues(ILocalSymbol local) =>
        assigned.TryGetValue(local, out var values) ? values : Array.Empty<IOperation>();

    public IEnumerable<IOperation> PropertyValues(ILocalSymbol local, string property) =>
        propertyValues.TryGetValue((local, property), out var values) ? values : Array.Empty<IOperation>();

    public bool KeepsInitialValue(ISymbol member) => rule.KeepsInitialValue(member);

    /// <summary>The credentials the requests, contents or clients of this member carry, by what holds them (a local, a field or property, an object creation).</summary>
    public HeaderCredentials CredentialsOf(IOperation? holder)
    {
        if (holder is null)
        {
            return HeaderCredentials.None;
        }

        credentialsByOwner ??= ClassifyHeaders();
        if (credentialsByOwner.Count == 0 || HolderOf(holder) is not { } key)
        {
            return HeaderCredentials.None;
        }

        var credentials = credentialsByOwner.TryGetValue(key, out var found) ? found : HeaderCredentials.None;

        // A local request made with its headers in the initializer: var request = new HttpRequestMessage { Headers = { … } }.
        if (key is ILocalSymbol local)
        {
            foreach (var value in AssignedValues(local))
            {
                if (value.WalkDownConversions() is IObjectCreationOperation creation && credentialsByOwner.TryGetValue(creation, out var made))
                {
                    credentials |= made;
                }
            }
        }

        return credentials;
    }

    /// <summary>Whether the function body (lambda, local function or member) around <paramref name="operation"/> sends OAuth client credentials (<c>client_secret</c>, <c>grant_type</c>).</summary>
    public bool SendsClientCredentials(IOperation operation)
    {
        if (!oauthInMember && oauthFunctions.Count == 0)
        {
            return false;
        }

        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return oauthFunctions.Contains(current);
            }
        }

        return oauthInMember;
    }

    /// <summary>The reads of a local or parameter, in source order.</summary>
    internal IReadOnlyList<IOperation> Reads(ISymbol symbol)
    {
        if (!reads.TryGetValue(symbol, out var list))
        {
            return Array.Empty<IOperation>();
        }

        if (sortedReads.Add(symbol))
        {
            list.Sort(static (x, y) => x.Syntax.SpanStart.CompareTo(y.Syntax.SpanStart));
        }

        return list;
    }

    /// <summary>Whether a test against 401/403 or a login page reads <paramref name="operation"/> (the response, its task, a local that holds it or its status).</summary>
    internal bool IsTested(IOperation operation) => testedBases.Contains(operation);

    /// <summary>Whether a read of a local or parameter is compared with 401 or 403 (it tests a status when the local holds one).</summary>
    internal bool IsComparedWithSessionCode(IOperation read) => comparedReads.Contains(read);

    /// <summary>
    /// Whether a store to <paramref name="symbol"/> that always runs (not in a branch, loop, try or lambda)
    /// ends after <paramref name="from"/> and at or before <paramref name="to"/>: reads after it see that
    /// store's value, not an earlier one's.
    /// </summary>
    internal bool OverwrittenBetween(ISymbol symbol, int from, int to)
    {
        if (!overwrites.TryGetValue(symbol, out var ends))
        {
            return false;
        }

        // The ends were recorded in walk order: sorted on first use (the list is then only read).
        if (sortedOverwrites.Add(symbol))
        {
            ends.Sort();
        }

        int low = 0, high = ends.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (ends[middle] <= from)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low < ends.Count && ends[low] <= to;
    }

    /// <summary>
    /// Whether <paramref name="operation"/> runs inside a <c>try</c> (in its own function body) with a catch
    /// that inspects the status of the exception against 401/403 or catches <c>AccessTokenNotAvailableException</c>.
    /// Answers are kept for every operation on the way up, so the question costs the member's size once in all.
    /// </summary>
    internal bool InHandlingTry(IOperation operation)
    {
        if (!hasTry || (handlingCatches.Count == 0 && rule.Types.AccessTokenNotAvailableException is null))
        {
            return false;
        }

        var path = new List<IOperation>();
        var result = false;
        for (var current = operation; current.Parent is { } parent; current = parent)
        {
            if (inHandlingTry.TryGetValue(current, out var known))
            {
                result = known;
                break;
            }

            path.Add(current);
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                break;
            }

            if (parent is ITryOperation @try && @try.Body == current && CatchesHandle(@try))
            {
                result = true;
                break;
            }
        }

        foreach (var step in path)
        {
            inHandlingTry[step] = result;
        }

        return result;
    }

    /// <summary>Where a read of the value leads, with arguments to the compilation's methods followed into them.</summary>
    internal ValueUse Follow(IOperation read, TrackedValue value) => ValueUses.Follow(read, value);

    /// <summary>Whether a value passed as <paramref name="argument"/> is handled by the callee (followed into the compilation's methods, <see cref="SaveHandlingContext.HelperHandles"/>).</summary>
    internal bool ArgumentHandled(IArgumentOperation argument, TrackedValue value, CancellationToken cancellationToken)
    {
        if (argument.Parameter is not { } parameter)
        {
            return value == TrackedValue.Response;
        }

        var callee = argument.Parent switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            _ => null,
        };

        if (callee is null || !rule.HasBody(callee))
        {
            return ValueUses.ExternalArgument(argument, value);
        }

        return rule.HelperHandles(callee, parameter.Ordinal, value, depth + 1, cancellationToken);
    }

    private bool CatchesHandle(ITryOperation @try)
    {
        foreach (var @catch in @try.Catches)
        {
            if (handlingCatches.Contains(@catch) || @catch.ExceptionType.DerivesFromOrIs(rule.Types.AccessTokenNotAvailableException))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Notes what one operation tells (called once per operation, in no particular order).</summary>
    private void Record(IOperation operation)
    {
        // The kind first: one virtual call, where a type pattern per case tested every interface in turn.
        switch (operation.Kind)
        {
            case OperationKind.LocalReference:
                var local = (ILocalReferenceOperation)operation;
                Add(reads, local.Local, operation);
                if (local.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out }
                    || local.Parent is ICompoundAssignmentOperation or IIncrementOrDecrementOperation or IDeconstructionAssignmentOperation)
                {
                    changedOtherwise.Add(local.Local);
                }

                break;

            case OperationKind.ParameterReference:
                Add(reads, ((IParameterReferenceOperation)operation).Parameter, operation);
                break;

            case OperationKind.VariableDeclarator:
                var declarator = (IVariableDeclaratorOperation)operation;
                if (declarator.GetVariableInitializer() is { } initializer)
                {
                    Add(assigned, declarator.Symbol, initializer.Value);
                    RecordOverwrite(declarator.Symbol, operation);
                }

                break;

            case OperationKind.SimpleAssignment:
                var assignment = (ISimpleAssignmentOperation)operation;
                RecordAssignment(assignment.Target, assignment.Value);
                switch (assignment.Target)
                {
                    case ILocalReferenceOperation target:
                        RecordOverwrite(target.Local, operation);
                        break;
                    case IParameterReferenceOperation parameter:
                        RecordOverwrite(parameter.Parameter, operation);
                        break;
                }

                break;

            case OperationKind.CoalesceAssignment:
                var coalesce = (ICoalesceAssignmentOperation)operation;
                if (coalesce.Target is ILocalReferenceOperation coalesced)
                {
                    Add(assigned, coalesced.Local, coalesce.Value);
                }

                break;

            case OperationKind.Binary when ((IBinaryOperation)operation).OperatorKind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals:
            case OperationKind.ConstantPattern:
            case OperationKind.CaseClause when operation is ISingleValueCaseClauseOperation:
                testCandidates.Add(operation);
                break;

            case OperationKind.Invocation:
                var invocation = (IInvocationOperation)operation;
                if (LoginLandingChecks.IsTestName(invocation.TargetMethod.Name))
                {
                    testCandidates.Add(operation);
                }
                else if (invocation.TargetMethod.Name is "Add" or "TryAddWithoutValidation" && invocation.Arguments.Length == 2
                    && HeadersOwner(invocation.Instance) is { } owner)
                {
                    headerWrites.Add(new HeaderWrite(owner, invocation.Arguments[0].Value, invocation.Arguments[1].Value));
                }

                break;

            case OperationKind.Try:
                hasTry = true;
                break;

            case OperationKind.CatchClause:
                var @catch = (ICatchClauseOperation)operation;
                if (@catch.ExceptionDeclarationOrExpression is IVariableDeclaratorOperation exception)
                {
                    catchLocals[exception.Symbol] = @catch;
                }

                break;

            // Strings only, read off the token where there is one: a constant value is computed and boxed on first read.
            case OperationKind.Literal when StringLiteralText(operation) is { } text && MachineCredentials.IsClientCredentialText(text):
                SendsClientCredentialsIn(operation);
                break;

            case OperationKind.FieldReference when ((IFieldReferenceOperation)operation).Field is { IsConst: true, Type.SpecialType: SpecialType.System_String, ConstantValue: string text }
                && MachineCredentials.IsClientCredentialText(text):
                SendsClientCredentialsIn(operation);
                break;

            case OperationKind.AnonymousObjectCreation:
                foreach (var property in ((IAnonymousObjectCreationOperation)operation).Initializers)
                {
                    if (property is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } && MachineCredentials.IsClientCredentialText(target.Property.Name))
                    {
                        SendsClientCredentialsIn(operation);
                    }
                }

                break;
        }
    }

    /// <summary>The value of a string literal, or of an interpolated string's text part; null for any other literal.</summary>
    private static string? StringLiteralText(IOperation literal) =>
        literal.Syntax is LiteralExpressionSyntax syntax && syntax.IsKind(SyntaxKind.StringLiteralExpression)
            ? syntax.Token.ValueText
            : literal.Type is { SpecialType: SpecialType.System_String } ? literal.ConstantValue.Value as string : null;

    /// <summary>A store that always runs once its function runs: only blocks and statements between it and the function's body.</summary>
    private void RecordOverwrite(ISymbol symbol, IOperation store)
    {
        for (var current = store.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IBlockOperation:
                case IExpressionStatementOperation:
                case IVariableDeclarationOperation:
                case IVariableDeclarationGroupOperation:
                case IUsingDeclarationOperation:
                    continue;
                case IMethodBodyOperation:
                case IConstructorBodyOperation:
                case IAnonymousFunctionOperation:
                case ILocalFunctionOperation:
                    break;
                default:
                    if (current.Parent is not null)
                    {
                        return;
                    }

                    break;
            }

            break;
        }

        if (!overwrites.TryGetValue(symbol, out var ends))
        {
            ends = new List<int>(2);
            overwrites[symbol] = ends;
        }

        ends.Add(store.Syntax.Span.End);
    }

    /// <summary>Notes the lambda, local function or member whose code holds <paramref name="marker"/> (rare: found by walking up from it).</summary>
    private void SendsClientCredentialsIn(IOperation marker)
    {
        for (var current = marker.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                oauthFunctions.Add(current);
                return;
            }
        }

        oauthInMember = true;
    }

    private void RecordAssignment(IOperation target, IOperation value)
    {
        switch (target)
        {
            case ILocalReferenceOperation local:
                Add(assigned, local.Local, value);
                break;

            // request.Method = …, request.RequestUri = …, handler.InnerHandler = …
            case IPropertyReferenceOperation { Instance: ILocalReferenceOperation owner } property:
                Add(propertyValues, (owner.Local, property.Property.Name), value);
                break;

            // request.Headers.Authorization = …, client.DefaultRequestHeaders.Authorization = …
            case IPropertyReferenceOperation { Property.Name: "Authorization" } property when HeadersOwner(property.Instance) is { } headersOwner:
                headerWrites.Add(new HeaderWrite(headersOwner, null, value));
                break;
        }
    }

    /// <summary>After the walk: which tests test what, and which catches inspect a status.</summary>
    private void Resolve()
    {
        foreach (var candidate in testCandidates)
        {
            var subject = StatusChecks.SessionStatusSubject(candidate, rule.Types)
                ?? LoginLandingChecks.LandingSubject(candidate, rule.Types, rule.LoginPagesFor, this);
            if (subject is null)
            {
                // code == 401 on an int: a test if the local holds a status (the flow knows).
                if (StatusChecks.SessionCodeOperand(candidate)?.WalkDownConversions() is { Kind: OperationKind.LocalReference or OperationKind.ParameterReference } compared)
                {
                    comparedReads.Add(compared);
                }

                continue;
            }

            var tested = TestedValues.Base(subject);
            testedBases.Add(tested);
            if (tested is ILocalReferenceOperation local && catchLocals.TryGetValue(local.Local, out var @catch))
            {
                handlingCatches.Add(@catch);
            }
        }
    }

    private Dictionary<object, HeaderCredentials> ClassifyHeaders()
    {
        var result = new Dictionary<object, HeaderCredentials>();
        foreach (var write in headerWrites)
        {
            var credentials = MachineCredentials.Classify(write.Name, write.Value, this);
            if (credentials != HeaderCredentials.None && HolderOf(write.Owner) is { } key)
            {
                result[key] = (result.TryGetValue(key, out var known) ? known : HeaderCredentials.None) | credentials;
            }
        }

        return result;
    }

    /// <summary>
    /// What holds a request, content or client, as a key: its local, parameter, field or property, or the
    /// object creation it is made by (<c>new HttpRequestMessage { Headers = { … } }</c>).
    /// </summary>
    private static object? HolderOf(IOperation operation)
    {
        var value = TestedValues.Base(operation);
        return value switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            IObjectCreationOperation creation => creation,
            IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } receiver => CreationAround(receiver),
            _ => null,
        };
    }

    /// <summary>The object creation whose initializer an implicit receiver stands for.</summary>
    private static IOperation? CreationAround(IOperation receiver)
    {
        for (var current = receiver.Parent; current is not null; current = current.Parent)
        {
            if (current is IObjectCreationOperation creation)
            {
                return creation;
            }
        }

        return null;
    }

    /// <summary>For <c>x.Headers</c> or <c>x.DefaultRequestHeaders</c> (an <c>HttpHeaders</c>): <c>x</c>; in an initializer (<c>Headers = { … }</c>), the receiver that stands for the object made.</summary>
    private static IOperation? HeadersOwner(IOperation? headers)
    {
        switch (headers?.WalkDownConversions())
        {
            case IPropertyReferenceOperation { Property.Name: "Headers" or "DefaultRequestHeaders", Instance: { } owner } property when IsHttpHeaders(property.Type):
                return owner;

            // new HttpRequestMessage { Headers = { { "X-Api-Key", key }, Authorization = … } }
            case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } receiver:
                for (var current = receiver.Parent; current is not null; current = current.Parent)
                {
                    switch (current)
                    {
                        case IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property.Name: "Headers" or "DefaultRequestHeaders", Instance: { } owner } property }
                            when IsHttpHeaders(property.Type):
                            return owner;
                        case IMemberInitializerOperation:
                        case IObjectCreationOperation:
                            return null;
                    }
                }

                return null;

            default:
                return null;
        }
    }

    private static bool IsHttpHeaders(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.HasMetadataName(KnownTypes.HttpHeaders))
            {
                return true;
            }
        }

        return false;
    }

    private static void Add<TKey>(Dictionary<TKey, List<IOperation>> map, TKey key, IOperation value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = new List<IOperation>(2);
            map[key] = list;
        }

        list.Add(value);
    }

    /// <summary>A header set in the member: on whose headers, which name (null for the <c>Authorization</c> property), with which value.</summary>
    private readonly struct HeaderWrite
    {
        public HeaderWrite(IOperation owner, IOperation? name, IOperation value)
        {
            Owner = owner;
            Name = name;
            Value = value;
        }

        public IOperation Owner { get; }

        public IOperation? Name { get; }

        public IOperation Value { get; }
    }
}
