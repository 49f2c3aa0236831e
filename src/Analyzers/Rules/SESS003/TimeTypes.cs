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

/// <summary>
/// SESS003: the types a hard-coded lifetime is written with, resolved once per compilation.
/// </summary>
internal sealed class TimeTypes
{
    private TimeTypes(INamedTypeSymbol timeSpan, INamedTypeSymbol dateTime, INamedTypeSymbol? dateTimeOffset, INamedTypeSymbol? timeProvider)
    {
        TimeSpan = timeSpan;
        DateTime = dateTime;
        DateTimeOffset = dateTimeOffset;
        TimeProvider = timeProvider;
    }

    public INamedTypeSymbol TimeSpan { get; }

    public INamedTypeSymbol DateTime { get; }

    public INamedTypeSymbol? DateTimeOffset { get; }

    public INamedTypeSymbol? TimeProvider { get; }

    public static TimeTypes? Create(Compilation compilation)
    {
        var timeSpan = compilation.FindType(KnownTypes.TimeSpan);
        var dateTime = compilation.GetSpecialType(SpecialType.System_DateTime);
        if (timeSpan is null || dateTime.TypeKind == TypeKind.Error)
        {
            return null;
        }

        return new TimeTypes(
            timeSpan,
            dateTime,
            compilation.FindType(KnownTypes.DateTimeOffset),
            compilation.FindType(KnownTypes.TimeProvider));
    }

    public bool IsTimeSpan(ITypeSymbol? type) => SymbolEqualityComparer.Default.Equals(type, TimeSpan);

    public bool IsPointInTime(ITypeSymbol? type) =>
        SymbolEqualityComparer.Default.Equals(type, DateTime) || SymbolEqualityComparer.Default.Equals(type, DateTimeOffset);

    public bool IsTimeProvider(ITypeSymbol? type)
    {
        for (var current = type; current is not null && TimeProvider is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, TimeProvider))
            {
                return true;
            }
        }

        return false;
    }
}
