using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SessionSafety.Analyzers.Internal;

/// <summary>What kind of save call an invocation is.</summary>
internal enum SaveCallKind
{
    /// <summary><c>HttpClient.PostAsync/PutAsync/PatchAsync(uri, content, …)</c>: the payload is the content.</summary>
    Content,

    /// <summary><c>PostAsJsonAsync/PutAsJsonAsync/PatchAsJsonAsync(client, uri, value, …)</c>: the payload is the value.</summary>
    Json,

    /// <summary><c>HttpClient.Send/SendAsync(request, …)</c> with a POST/PUT/PATCH request: the payload is the request.</summary>
    Request,
}

/// <summary>A recognised save call (SPEC §3.1 "A save call").</summary>
internal readonly struct SaveCall
{
    public SaveCall(IInvocationOperation invocation, SaveCallKind kind, IArgumentOperation payload, IOperation? client)
    {
        Invocation = invocation;
        Kind = kind;
        Payload = payload;
        Client = client;
    }

    public IInvocationOperation Invocation { get; }

    public SaveCallKind Kind { get; }

    /// <summary>The argument that carries the user's data.</summary>
    public IArgumentOperation Payload { get; }

    /// <summary>The HttpClient the call goes through (the instance, or the extension's first argument).</summary>
    public IOperation? Client { get; }
}

/// <summary>
/// Recognises save calls: HTTP requests that carry user input (POST, PUT, PATCH). GET and DELETE carry
/// none; a request whose method is not provably a save method in the same member is not a save.
/// </summary>
internal static class SaveCalls
{
    /// <summary>
    /// Text that every save method's name contains (PostAsync/PostAsJsonAsync, PutAsync/PutAsJsonAsync,
    /// PatchAsync/PatchAsJsonAsync, Send/SendAsync): source without any of them calls no save method.
    /// </summary>
    public static readonly string[] NameParts = { "PostAs", "PutAs", "PatchAs", "Send" };

    /// <summary>A cheap test on the method name, before any symbol comparison.</summary>
    public static bool HasSaveName(string name) => name switch
    {
        "PostAsync" or "PutAsync" or "PatchAsync" => true,
        "PostAsJsonAsync" or "PutAsJsonAsync" or "PatchAsJsonAsync" => true,
        "Send" or "SendAsync" => true,
        _ => false,
    };

    public static bool TryGet(IInvocationOperation invocation, HttpTypes types, out SaveCall call)
    {
        call = default;
        var method = invocation.TargetMethod;
        if (!HasSaveName(method.Name))
        {
            return false;
        }

        var containing = method.ContainingType;
        switch (method.Name)
        {
            case "PostAsync" or "PutAsync" or "PatchAsync" when containing.IsType(types.HttpClient):
                return invocation.ArgumentFor("content") is { } content && CarriesData(content)
                    && Create(invocation, SaveCallKind.Content, content, invocation.Instance, out call);

            case "PostAsJsonAsync" or "PutAsJsonAsync" or "PatchAsJsonAsync" when containing.IsType(types.HttpClientJsonExtensions):
                return invocation.ArgumentFor("value") is { } value
                    && Create(invocation, SaveCallKind.Json, value, ClientArgument(invocation), out call);

            case "Send" or "SendAsync" when containing.IsType(types.HttpClient):
                return invocation.ArgumentFor("request") is { } request
                    && RequestMethods.IsProvablySave(request.Value, types)
                    && Create(invocation, SaveCallKind.Request, request, invocation.Instance, out call);

            default:
                return false;
        }
    }

    private static bool Create(IInvocationOperation invocation, SaveCallKind kind, IArgumentOperation payload, IOperation? client, out SaveCall call)
    {
        call = new SaveCall(invocation, kind, payload, client);
        return true;
    }

    private static IOperation? ClientArgument(IInvocationOperation invocation) =>
        invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null;

    /// <summary>A <c>null</c> content sends no user data (a bodiless POST such as "log out").</summary>
    private static bool CarriesData(IArgumentOperation content)
    {
        var value = content.Value.WalkDownConversions();
        return !(value.ConstantValue.HasValue && value.ConstantValue.Value is null) && value is not IDefaultValueOperation;
    }
}

/// <summary>Finds out whether an <c>HttpRequestMessage</c> is provably POST, PUT or PATCH within the member.</summary>
internal static class RequestMethods
{
    public static bool IsProvablySave(IOperation request, HttpTypes types)
    {
        var value = request.WalkDownConversions();
        switch (value)
        {
            case IObjectCreationOperation creation:
                return CreationIsSave(creation, types);

            case ILocalReferenceOperation local:
                return LocalIsSave(local.Local, value.Root(), types);

            default:
                return false;
        }
    }

    private static bool LocalIsSave(ILocalSymbol local, IOperation root, HttpTypes types)
    {
        foreach (var operation in root.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    var initializer = declarator.Initializer?.Value ?? declarator.GetVariableInitializer()?.Value;
                    if (initializer?.WalkDownConversions() is IObjectCreationOperation created && CreationIsSave(created, types))
                    {
                        return true;
                    }

                    break;

                case ISimpleAssignmentOperation assignment:
                    // request = new HttpRequestMessage(HttpMethod.Post, …)
                    if (assignment.Target is ILocalReferenceOperation target
                        && SymbolEqualityComparer.Default.Equals(target.Local, local)
                        && assignment.Value.WalkDownConversions() is IObjectCreationOperation assigned
                        && CreationIsSave(assigned, types))
                    {
                        return true;
                    }

                    // request.Method = HttpMethod.Put
                    if (assignment.Target is IPropertyReferenceOperation { Property.Name: "Method" } property
                        && property.Instance?.WalkDownConversions() is ILocalReferenceOperation owner
                        && SymbolEqualityComparer.Default.Equals(owner.Local, local)
                        && IsSaveMethod(assignment.Value, types))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    private static bool CreationIsSave(IObjectCreationOperation creation, HttpTypes types)
    {
        if (!creation.Type.IsType(types.HttpRequestMessage))
        {
            return false;
        }

        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter?.Name == "method" && IsSaveMethod(argument.Value, types))
            {
                return true;
            }
        }

        if (creation.Initializer is { } initializer)
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Method" } } assignment
                    && IsSaveMethod(assignment.Value, types))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary><c>HttpMethod.Post/Put/Patch</c> or <c>new HttpMethod("PATCH")</c>.</summary>
    public static bool IsSaveMethod(IOperation value, HttpTypes types)
    {
        switch (value.WalkDownConversions())
        {
            case IPropertyReferenceOperation property when property.Property.ContainingType.IsType(types.HttpMethod):
                return IsSaveVerb(property.Property.Name);
            case IFieldReferenceOperation field when field.Field.ContainingType.IsType(types.HttpMethod):
                return IsSaveVerb(field.Field.Name);
            case IObjectCreationOperation creation when creation.Type.IsType(types.HttpMethod):
                return creation.Arguments.Length == 1
                    && creation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string verb }
                    && IsSaveVerb(verb);
            default:
                return false;
        }
    }

    private static bool IsSaveVerb(string verb) =>
        verb.Equals("Post", StringComparison.OrdinalIgnoreCase)
        || verb.Equals("Put", StringComparison.OrdinalIgnoreCase)
        || verb.Equals("Patch", StringComparison.OrdinalIgnoreCase);
}
