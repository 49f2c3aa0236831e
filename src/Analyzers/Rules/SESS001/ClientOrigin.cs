using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>Where an HttpClient came from: the handlers it was built with, the named client it was made from, or DI.</summary>
internal sealed class ClientOrigin
{
    public List<HandlerRef> Handlers { get; } = new();

    public List<string> ClientNames { get; } = new();

    /// <summary>The fields and properties the client was traced through (their headers are the client's).</summary>
    public List<ISymbol> Members { get; } = new();

    /// <summary>The client was handed in (a parameter, or a field or property this type never creates).</summary>
    public bool IsInjected { get; set; }

    public void Add(ClientOrigin other)
    {
        Handlers.AddRange(other.Handlers);
        ClientNames.AddRange(other.ClientNames);
        Members.AddRange(other.Members);
        IsInjected |= other.IsInjected;
    }
}
