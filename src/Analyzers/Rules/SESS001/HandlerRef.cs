using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>A message handler in a client's pipeline: a type, or the runtime's recovery handler added by its extension.</summary>
internal readonly struct HandlerRef
{
    public HandlerRef(INamedTypeSymbol type)
    {
        Type = type;
    }

    /// <summary>The runtime's recovery handler, added by <c>AddSessionRecovery()</c>.</summary>
    public static HandlerRef SessionSafety => default;

    public INamedTypeSymbol? Type { get; }
}
