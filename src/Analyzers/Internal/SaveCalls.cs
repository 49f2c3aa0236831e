using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SessionSafety.Analyzers.Internal;

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

    /// <summary>
    /// The name and declaring type of a save method (HttpClient's, or the JSON extensions'): the calls
    /// <see cref="TryGet"/> goes on to judge. A symbol comparison, no look at the arguments.
    /// </summary>
    public static bool IsSaveMethod(IMethodSymbol method, HttpTypes types) => method.Name switch
    {
        "PostAsync" or "PutAsync" or "PatchAsync" or "Send" or "SendAsync" => method.ContainingType.IsType(types.HttpClient),
        "PostAsJsonAsync" or "PutAsJsonAsync" or "PatchAsJsonAsync" => method.ContainingType.IsType(types.HttpClientJsonExtensions),
        _ => false,
    };

    /// <param name="values">What the caller knows of the member's locals (a request held in a local); without it they are looked up in the member.</param>
    public static bool TryGet(IInvocationOperation invocation, HttpTypes types, out SaveCall call, IKnownValues? values = null)
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
                    && RequestMethods.IsProvablySave(request.Value, types, values)
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

    /// <summary>
    /// Whether the call is a Send/SendAsync whose request is held in a local: recognising it means looking
    /// the local up in the member, which a caller that gathers the member's locals in one walk does later.
    /// </summary>
    public static bool SendsLocalRequest(IInvocationOperation invocation) =>
        invocation.TargetMethod.Name is "Send" or "SendAsync"
        && invocation.ArgumentFor("request")?.Value.WalkDownConversions() is ILocalReferenceOperation;

    /// <summary>A <c>null</c> content sends no user data (a bodiless POST such as "log out").</summary>
    private static bool CarriesData(IArgumentOperation content)
    {
        var value = content.Value.WalkDownConversions();
        return !(value.ConstantValue.HasValue && value.ConstantValue.Value is null) && value is not IDefaultValueOperation;
    }
}
