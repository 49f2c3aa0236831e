using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS002;

/// <summary>
/// Recognises the operations that keep the user's input somewhere it survives a trip to the login
/// page: the runtime's draft store and guard, browser storage through <c>IJSRuntime</c>,
/// <c>ProtectedLocalStorage</c>/<c>ProtectedSessionStorage</c>, TempData, MAUI preferences and secure
/// storage, and the methods listed in <c>session_safety.draft_save_methods</c>. Types resolved once
/// per compilation.
/// </summary>
internal sealed class DraftKeeping
{
    private readonly INamedTypeSymbol? draftStore;
    private readonly INamedTypeSymbol? draftStoreExtensions;
    private readonly INamedTypeSymbol? draftGuard;
    private readonly INamedTypeSymbol? jsRuntime;
    private readonly INamedTypeSymbol? jsInProcessRuntime;
    private readonly INamedTypeSymbol? jsRuntimeExtensions;
    private readonly INamedTypeSymbol? jsInProcessRuntimeExtensions;
    private readonly INamedTypeSymbol? protectedBrowserStorage;
    private readonly INamedTypeSymbol? tempDataDictionary;
    private readonly INamedTypeSymbol? tempDataAttribute;
    private readonly INamedTypeSymbol? preferences;
    private readonly INamedTypeSymbol? preferencesInterface;
    private readonly INamedTypeSymbol? secureStorage;
    private readonly INamedTypeSymbol? secureStorageInterface;

    public DraftKeeping(Compilation compilation)
    {
        draftStore = compilation.FindType(KnownTypes.IDraftStore);
        draftStoreExtensions = compilation.FindType(KnownTypes.DraftStoreExtensions);
        draftGuard = compilation.FindType(KnownTypes.DraftGuard);
        jsRuntime = compilation.FindType(KnownTypes.IJSRuntime);
        jsInProcessRuntime = compilation.FindType(KnownTypes.IJSInProcessRuntime);
        jsRuntimeExtensions = compilation.FindType(KnownTypes.JSRuntimeExtensions);
        jsInProcessRuntimeExtensions = compilation.FindType(KnownTypes.JSInProcessRuntimeExtensions);
        protectedBrowserStorage = compilation.FindType(KnownTypes.ProtectedBrowserStorage);
        tempDataDictionary = compilation.FindType(KnownTypes.ITempDataDictionary);
        tempDataAttribute = compilation.FindType(KnownTypes.TempDataAttribute);
        preferences = compilation.FindType(KnownTypes.Preferences);
        preferencesInterface = compilation.FindType(KnownTypes.IPreferences);
        secureStorage = compilation.FindType(KnownTypes.SecureStorage);
        secureStorageInterface = compilation.FindType(KnownTypes.ISecureStorage);
    }

    /// <summary>The runtime's guard, through which a save keeps its draft.</summary>
    public INamedTypeSymbol? DraftGuard => draftGuard;

    /// <summary>Whether <paramref name="operation"/> stores a draft (or sends through the runtime's guard).</summary>
    public bool KeepsInput(IOperation operation, DraftSaveMethods draftSaveMethods)
    {
        switch (operation)
        {
            case IInvocationOperation invocation:
                return IsKeepingCall(invocation, draftSaveMethods);

            case ISimpleAssignmentOperation assignment:
                return IsTempDataWrite(assignment.Target);

            default:
                return false;
        }
    }

    /// <summary>Whether the invocation is a call to the runtime guard's <c>SendAsync</c>.</summary>
    public bool IsGuardCall(IInvocationOperation invocation) =>
        draftGuard is not null && invocation.TargetMethod.Name == "SendAsync" && invocation.TargetMethod.ContainingType.IsType(draftGuard);

    private bool IsKeepingCall(IInvocationOperation invocation, DraftSaveMethods draftSaveMethods)
    {
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "SaveAsync" or "Save":
                if (method.ContainingType.IsType(draftStoreExtensions) || IsDraftStoreMember(method))
                {
                    return true;
                }

                break;

            case "SendAsync" when IsGuardCall(invocation):
                return true;

            case "InvokeVoidAsync" or "InvokeAsync" or "InvokeVoid" or "Invoke":
                if (IsJsInterop(method) && IsBrowserStorageWrite(invocation))
                {
                    return true;
                }

                break;

            case "SetAsync":
                if (method.ContainingType.DerivesFromOrIs(protectedBrowserStorage)
                    || method.ContainingType.IsType(secureStorage)
                    || ImplementsInterfaceMember(method, secureStorageInterface))
                {
                    return true;
                }

                break;

            case "Set":
                if (method.ContainingType.IsType(preferences) || ImplementsInterfaceMember(method, preferencesInterface))
                {
                    return true;
                }

                break;

            case "Add" or "Put":
                // TempData.Add(key, value); TempData.Put(key, value) (a common app extension).
                if (method.Name == "Add" && (method.ContainingType.IsType(tempDataDictionary) || IsTempDataInstance(invocation.Instance)))
                {
                    return true;
                }

                if (method.Name == "Put" && method.IsExtensionMethod && invocation.Arguments.Length > 0 && IsTempDataInstance(invocation.Arguments[0].Value))
                {
                    return true;
                }

                break;
        }

        return !draftSaveMethods.IsEmpty && draftSaveMethods.Contains(method);
    }

    private bool IsDraftStoreMember(IMethodSymbol method)
    {
        if (draftStore is null || method.Name != "SaveAsync")
        {
            return false;
        }

        return method.ContainingType.IsType(draftStore) || ImplementsInterfaceMember(method, draftStore);
    }

    private static bool ImplementsInterfaceMember(IMethodSymbol method, INamedTypeSymbol? @interface)
    {
        if (@interface is null)
        {
            return false;
        }

        if (method.ContainingType.IsType(@interface))
        {
            return true;
        }

        foreach (var implemented in method.ContainingType.AllInterfaces)
        {
            if (implemented.IsType(@interface))
            {
                foreach (var member in implemented.GetMembers(method.Name))
                {
                    if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private bool IsJsInterop(IMethodSymbol method)
    {
        var type = method.ContainingType;
        return type.IsType(jsRuntime) || type.IsType(jsInProcessRuntime) || type.IsType(jsRuntimeExtensions) || type.IsType(jsInProcessRuntimeExtensions)
            || ImplementsInterfaceMember(method, jsRuntime);
    }

    /// <summary><c>"localStorage.setItem"</c> or <c>"sessionStorage.setItem"</c> (with or without <c>window.</c>).</summary>
    private static bool IsBrowserStorageWrite(IInvocationOperation invocation)
    {
        var identifier = invocation.ArgumentFor("identifier")?.Value;
        if (identifier?.ConstantValue is not { HasValue: true, Value: string name })
        {
            return false;
        }

        name = name.Trim();
        if (name.StartsWith("window.", StringComparison.Ordinal))
        {
            name = name.Substring("window.".Length);
        }

        return name is "localStorage.setItem" or "sessionStorage.setItem";
    }

    /// <summary><c>TempData["key"] = value</c>, or a <c>[TempData]</c> property set.</summary>
    private bool IsTempDataWrite(IOperation target)
    {
        switch (target)
        {
            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                return indexer.Property.ContainingType.IsType(tempDataDictionary) || IsTempDataInstance(indexer.Instance);

            case IPropertyReferenceOperation property when tempDataAttribute is not null:
                foreach (var attribute in property.Property.GetAttributes())
                {
                    if (attribute.AttributeClass.IsType(tempDataAttribute))
                    {
                        return true;
                    }
                }

                return false;

            default:
                return false;
        }
    }

    private bool IsTempDataInstance(IOperation? instance)
    {
        var type = instance?.WalkDownConversions().Type;
        if (type is null || tempDataDictionary is null)
        {
            return false;
        }

        if (type.IsType(tempDataDictionary))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.IsType(tempDataDictionary))
            {
                return true;
            }
        }

        return false;
    }
}
