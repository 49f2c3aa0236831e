using System.Collections.Immutable;
using SessionSafety.Analyzers.Internal;
using SessionSafety.Analyzers.Options;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>The options a file's saves are judged by, parsed once per file.</summary>
internal sealed class TreeSettings
{
    public TreeSettings(LoginTargets loginPages, LoginTargets authenticationTargets, ImmutableArray<string> sessionHandlers, SaveScope saveScope)
    {
        LoginPages = loginPages;
        AuthenticationTargets = authenticationTargets;
        SessionHandlers = sessionHandlers;
        SaveScope = saveScope;
        SessionHandlersKey = string.Join("|", sessionHandlers);
    }

    /// <summary>The login paths alone: where cookie authentication sends a request whose session has expired.</summary>
    public LoginTargets LoginPages { get; }

    /// <summary>The login paths, the authentication endpoints and the OAuth segments: requests that carry credentials, not user content.</summary>
    public LoginTargets AuthenticationTargets { get; }

    public ImmutableArray<string> SessionHandlers { get; }

    /// <summary>The handler list as one text: files with the same list share answers that depend on it.</summary>
    public string SessionHandlersKey { get; }

    public SaveScope SaveScope { get; }
}
