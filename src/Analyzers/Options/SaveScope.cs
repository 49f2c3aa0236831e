namespace SessionSafety.Analyzers.Options;

/// <summary>Which saves SESS001 looks at (<c>session_safety.save_scope</c>).</summary>
public enum SaveScope
{
    /// <summary>Saves made for a signed-in user: client UI compilations, Razor components, clients that forward the user's credentials.</summary>
    User,

    /// <summary>Every save, for servers that act for their users (a BFF proxy, Blazor Server forwarding tokens).</summary>
    All,
}
