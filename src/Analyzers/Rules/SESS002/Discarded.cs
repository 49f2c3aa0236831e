using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;
using SessionSafety.Analyzers.Options;

namespace SessionSafety.Analyzers.Rules.SESS002;

/// <summary>What a redirect discards: the message's description and advice, and what the fix needs (properties, the payload's location).</summary>
internal readonly struct Discarded
{
    /// <summary>The advice for input in hand (contexts (a)–(c)).</summary>
    public const string StoreDraft = "store it as a draft before redirecting";

    /// <summary>The advice for a filter or middleware, which has no input in hand (context (d)).</summary>
    public const string AnswerUnauthorized = "answer 401 to requests that are not page navigations";

    public Discarded(string description, ImmutableDictionary<string, string?> properties, ImmutableArray<Location> additionalLocations, int saveOrdinal, string advice = StoreDraft)
    {
        SaveOrdinal = saveOrdinal;
        Description = description;
        Properties = properties;
        AdditionalLocations = additionalLocations;
        Advice = advice;
    }

    public string Description { get; }

    /// <summary>What to do instead, the message's second part.</summary>
    public string Advice { get; }

    public ImmutableDictionary<string, string?> Properties { get; }

    public ImmutableArray<Location> AdditionalLocations { get; }

    /// <summary>Which of the member's saves lost the input (1 when it is not a save's): the draft key's suffix.</summary>
    public int SaveOrdinal { get; }
}
