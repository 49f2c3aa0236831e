using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS002;

/// <summary>What a condition's truth says about a response.</summary>
internal enum StatusOutcome
{
    Unknown,

    /// <summary>True means the request failed (401/403, not a success status…).</summary>
    FailureWhenTrue,

    /// <summary>True means the request succeeded (<c>IsSuccessStatusCode</c>, 2xx…), so false is the failure path.</summary>
    FailureWhenFalse,
}
