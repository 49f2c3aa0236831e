using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;
using SessionSafety.Analyzers.Options;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>The options a file's saves are judged by, parsed once per file.</summary>
internal sealed class TreeSettings
{
    public TreeSettings(LoginTargets loginPages, LoginTargets authenticationTargets, ImmutableArray<string> sessionHandlers)
    {
        LoginPages = loginPages;
        AuthenticationTargets = authenticationTargets;
        SessionHandlers = sessionHandlers;
    }

    /// <summary>The login paths alone: where cookie authentication sends a request whose session has expired.</summary>
    public LoginTargets LoginPages { get; }

    /// <summary>The login paths and the authentication endpoints: requests that carry credentials, not user content.</summary>
    public LoginTargets AuthenticationTargets { get; }

    public ImmutableArray<string> SessionHandlers { get; }
}
