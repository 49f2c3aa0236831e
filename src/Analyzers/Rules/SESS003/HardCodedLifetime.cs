using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS003;

/// <summary>SESS003: a lifetime written in code, as the analyzer found it and the code fix rewrites it.</summary>
internal sealed class HardCodedLifetime
{
    public HardCodedLifetime(TimeSpan duration, bool exact, IOperation? now, IOperation? addedDuration, string? addUnit, IOperation? addArgument)
    {
        Duration = duration;
        Exact = exact;
        Now = now;
        AddedDuration = addedDuration;
        AddUnit = addUnit;
        AddArgument = addArgument;
    }

    /// <summary>The lifetime: the duration itself, or what is added to "now" for a point in time.</summary>
    public TimeSpan Duration { get; }

    /// <summary>False when months or years were counted as 30 and 365 days.</summary>
    public bool Exact { get; }

    /// <summary>For a point in time: the <c>DateTime.UtcNow</c>-like expression the duration is added to.</summary>
    public IOperation? Now { get; }

    /// <summary>For <c>now + d</c>, <c>now.Add(d)</c>: the duration operand <c>d</c>.</summary>
    public IOperation? AddedDuration { get; }

    /// <summary>For a single <c>now.AddX(c)</c>: the unit X (Days, Hours…), else null.</summary>
    public string? AddUnit { get; }

    /// <summary>For a single <c>now.AddX(c)</c>: the argument c.</summary>
    public IOperation? AddArgument { get; }

    public bool IsPointInTime => Now is not null;
}
