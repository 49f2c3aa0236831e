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

/// <summary>What a redirect discards: the message's description, and what the fix needs (properties, the payload's location).</summary>
internal readonly struct Discarded
{
    public Discarded(string description, ImmutableDictionary<string, string?> properties, ImmutableArray<Location> additionalLocations, int saveOrdinal)
    {
        SaveOrdinal = saveOrdinal;
        Description = description;
        Properties = properties;
        AdditionalLocations = additionalLocations;
    }

    public string Description { get; }

    public ImmutableDictionary<string, string?> Properties { get; }

    public ImmutableArray<Location> AdditionalLocations { get; }

    /// <summary>Which of the member's saves lost the input (1 when it is not a save's): the draft key's suffix.</summary>
    public int SaveOrdinal { get; }
}
