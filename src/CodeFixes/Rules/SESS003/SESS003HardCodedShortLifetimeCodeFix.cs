using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using SessionSafety.Analyzers;
using SessionSafety.Analyzers.Internal;
using SessionSafety.Analyzers.Rules.SESS003;
using SessionSafety.CodeFixes.Internal;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace SessionSafety.CodeFixes.Rules.SESS003;

/// <summary>
/// SESS003 fixes. "Read the lifetime from configuration" keeps the value as the default of
/// <c>config.GetValue("Section:Setting", value)</c>, so nothing changes until an operator sets the key;
/// offered only when an <c>IConfiguration</c> is in reach. "Raise to the minimum" writes the minimum
/// in the same form (<c>TimeSpan.FromHours(1)</c>, <c>DateTimeOffset.UtcNow.AddDays(7)</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SESS003HardCodedShortLifetimeCodeFix)), Shared]
public sealed class SESS003HardCodedShortLifetimeCodeFix : SessionSafetyCodeFix<SESS003HardCodedShortLifetimeCodeFix.Edit>
{
    private const string ConfigurationNamespace = "Microsoft.Extensions.Configuration";

    public SESS003HardCodedShortLifetimeCodeFix()
        : base(
            DiagnosticIds.HardCodedShortLifetime,
            ("Read the lifetime from configuration", FixEquivalenceKeys.ReadLifetimeFromConfiguration),
            ("Raise to the minimum", FixEquivalenceKeys.RaiseLifetimeToMinimum))
    {
    }

    /// <summary>All edits of one kind in one document, in one pass (they share the <c>using</c> they may add); an edit inside another's span is left out.</summary>
    private protected override void Apply(DocumentEditor editor, IReadOnlyList<Edit> plans)
    {
        var made = new List<Edit>();
        foreach (var edit in plans)
        {
            if (!made.Any(e => e.Original.Span.IntersectsWith(edit.Original.Span)))
            {
                made.Add(edit);
                editor.ReplaceNode(edit.Original, (original, _) => edit.Replacement.WithTriviaFrom(original).WithAdditionalAnnotations(Formatter.Annotation));
            }
        }
    }

    private protected override string? NamespaceToImport(Edit plan) => plan.NeedsConfigurationImport ? ConfigurationNamespace : null;

    /// <summary>One lifetime to rewrite: the node replaced and its replacement.</summary>
    public sealed record Edit(SyntaxNode Original, ExpressionSyntax Replacement, bool NeedsConfigurationImport);

    /// <summary>The edit for one diagnostic, or null when this fix does not apply to it.</summary>
    private protected override Edit? Plan(SemanticModel model, Diagnostic diagnostic, string key, CancellationToken cancellationToken)
    {
        var root = model.SyntaxTree.GetRoot(cancellationToken);
        if (diagnostic.Location.SourceTree != root.SyntaxTree
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: false) is not ExpressionSyntax node
            || node.Span != diagnostic.Location.SourceSpan
            || !diagnostic.Properties.TryGetValue(SESS003HardCodedShortLifetimeAnalyzer.ShapeProperty, out var shape)
            || !diagnostic.Properties.TryGetValue(SESS003HardCodedShortLifetimeAnalyzer.MinimumProperty, out var minimumText)
            || !TimeSpan.TryParseExact(minimumText, "c", CultureInfo.InvariantCulture, out var minimum)
            || TimeTypes.Create(model.Compilation) is not { } types
            || model.GetOperation(Unparenthesized(node), cancellationToken) is not { } operation)
        {
            return null;
        }

        var value = LifetimeEvaluator.Evaluate(operation, types, shape == SESS003HardCodedShortLifetimeAnalyzer.PointInTimeShape, cancellationToken);
        if (value is null)
        {
            return null;
        }

        var timeSpan = TypeNames.Shortest(model, node.SpanStart, types.TimeSpan);
        if (key == FixEquivalenceKeys.RaiseLifetimeToMinimum)
        {
            return RaiseToMinimum(node, value, minimum, timeSpan);
        }

        if (key == FixEquivalenceKeys.ReadLifetimeFromConfiguration
            && diagnostic.Properties.TryGetValue(SESS003HardCodedShortLifetimeAnalyzer.ConfigurationKeyProperty, out var configurationKey)
            && configurationKey is not null)
        {
            return ReadFromConfiguration(model, node, value, configurationKey, types, timeSpan, cancellationToken);
        }

        return null;
    }

    private static ExpressionSyntax Unparenthesized(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression;
    }

    private static Edit? RaiseToMinimum(ExpressionSyntax node, HardCodedLifetime value, TimeSpan minimum, string timeSpan)
    {
        if (!value.IsPointInTime)
        {
            return new Edit(node, Duration(node, minimum, timeSpan), NeedsConfigurationImport: false);
        }

        // now + d, now.Add(d): only the duration changes.
        if (value.AddedDuration?.Syntax is ExpressionSyntax added)
        {
            return new Edit(added, Duration(added, minimum, timeSpan), NeedsConfigurationImport: false);
        }

        if (value.Now?.Syntax is not ExpressionSyntax now)
        {
            return null;
        }

        var (unit, amount) = NaturalUnit(minimum);
        return new Edit(node, Call(now, "Add" + unit, Number(amount)), NeedsConfigurationImport: false);
    }

    private static Edit? ReadFromConfiguration(
        SemanticModel model,
        ExpressionSyntax node,
        HardCodedLifetime value,
        string configurationKey,
        TimeTypes types,
        string timeSpan,
        CancellationToken cancellationToken)
    {
        var binder = model.Compilation.GetTypeByMetadataName(KnownTypes.ConfigurationBinder);
        var configurationType = model.Compilation.GetTypeByMetadataName(KnownTypes.IConfiguration);
        if (binder is null || configurationType is null
            || FindConfiguration(model, node, configurationType, cancellationToken) is not { } configuration)
        {
            return null;
        }

        var needsImport = !BinderInScope(model, node.SpanStart, configuration.Type, binder);
        if (!value.IsPointInTime)
        {
            return new Edit(node, GetValue(model, configuration.Expression, configurationKey, node, types, timeSpan, cancellationToken), needsImport);
        }

        if (value.AddedDuration?.Syntax is ExpressionSyntax added)
        {
            return new Edit(added, GetValue(model, configuration.Expression, configurationKey, added, types, timeSpan, cancellationToken), needsImport);
        }

        if (value.Now?.Syntax is not ExpressionSyntax now)
        {
            return null;
        }

        ExpressionSyntax duration;
        if (value.AddUnit is { } unit && value.AddArgument?.Syntax is ExpressionSyntax amount)
        {
            // now.AddMinutes(20) → now.Add(config.GetValue("…", TimeSpan.FromMinutes(20)))
            duration = Call(ParseExpression(timeSpan), "From" + unit, amount.WithoutTrivia());
        }
        else if (value.Exact)
        {
            var (naturalUnit, naturalAmount) = NaturalUnit(value.Duration);
            duration = Call(ParseExpression(timeSpan), "From" + naturalUnit, Number(naturalAmount));
        }
        else
        {
            // AddMonths/AddYears have no exact TimeSpan: reading them from configuration would change behaviour.
            return null;
        }

        var read = GetValueCall(configuration.Expression, configurationKey, duration, typeArgument: null);
        return new Edit(node, Call(now, "Add", read), needsImport);
    }

    private static ExpressionSyntax GetValue(
        SemanticModel model,
        ExpressionSyntax configuration,
        string key,
        ExpressionSyntax original,
        TimeTypes types,
        string timeSpan,
        CancellationToken cancellationToken)
    {
        // A target-typed value (new(0, 20, 0)) cannot infer GetValue's T: then name it. The inference is
        // tried on the static form of the call, which binds whether or not the using is there yet.
        var staticCall = InvocationExpression(
            MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                ParseTypeName("global::" + KnownTypes.ConfigurationBinder),
                IdentifierName("GetValue")),
            ArgumentList(SeparatedList(new[]
            {
                Argument(configuration),
                Argument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(key))),
                Argument(original.WithoutTrivia()),
            })));
        var binding = model.GetSpeculativeSymbolInfo(original.SpanStart, staticCall, SpeculativeBindingOption.BindAsExpression);
        var typeArgument = binding.Symbol is IMethodSymbol method && types.IsTimeSpan(method.ReturnType) ? null : ParseTypeName(timeSpan);
        return GetValueCall(configuration, key, original.WithoutTrivia(), typeArgument);
    }

    private static InvocationExpressionSyntax GetValueCall(ExpressionSyntax configuration, string key, ExpressionSyntax defaultValue, TypeSyntax? typeArgument)
    {
        SimpleNameSyntax name = typeArgument is null
            ? IdentifierName("GetValue")
            : GenericName(Identifier("GetValue"), TypeArgumentList(SingletonSeparatedList(typeArgument)));
        return InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, configuration, name),
            ArgumentList(SeparatedList(new[]
            {
                Argument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(key))),
                Argument(defaultValue),
            })));
    }

    /// <summary>A TimeSpan of <paramref name="minimum"/> in the form of <paramref name="original"/>.</summary>
    private static ExpressionSyntax Duration(ExpressionSyntax original, TimeSpan minimum, string timeSpan)
    {
        var bare = Unparenthesized(original);

        // new TimeSpan(0, 20, 0) → new TimeSpan(1, 0, 0)
        if (bare is BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: >= 3 and <= 6, Initializer: null } creation
            && creation.ArgumentList.Arguments.All(a => a.NameColon is null)
            && ConstructorArguments(minimum, creation.ArgumentList.Arguments.Count) is { } parts)
        {
            return creation.WithArgumentList(ArgumentList(SeparatedList(parts.Select(p => Argument(Number(p))))));
        }

        // TimeSpan.FromMinutes(20) → TimeSpan.FromHours(1), keeping how the type was written.
        var receiver = bare is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
            && access.Name.Identifier.ValueText.StartsWith("From", StringComparison.Ordinal)
            ? access.Expression.WithoutTrivia()
            : ParseExpression(timeSpan);
        var (unit, amount) = NaturalUnit(minimum);
        return Call(receiver, "From" + unit, Number(amount));
    }

    private static long[]? ConstructorArguments(TimeSpan value, int arity)
    {
        var ticks = value.Ticks;
        var microseconds = ticks / 10 % 1000;
        var milliseconds = ticks / TimeSpan.TicksPerMillisecond % 1000;
        var seconds = ticks / TimeSpan.TicksPerSecond % 60;
        var minutes = ticks / TimeSpan.TicksPerMinute % 60;
        var hours = ticks / TimeSpan.TicksPerHour % 24;
        var days = ticks / TimeSpan.TicksPerDay;
        var exactTo = arity switch
        {
            3 or 4 => TimeSpan.TicksPerSecond,
            5 => TimeSpan.TicksPerMillisecond,
            _ => 10,
        };
        if (ticks % exactTo != 0 || ticks / TimeSpan.TicksPerHour > int.MaxValue)
        {
            return null;
        }

        return arity switch
        {
            3 => new[] { ticks / TimeSpan.TicksPerHour, minutes, seconds },
            4 => new[] { days, hours, minutes, seconds },
            5 => new[] { days, hours, minutes, seconds, milliseconds },
            _ => new[] { days, hours, minutes, seconds, milliseconds, microseconds },
        };
    }

    private static (string Unit, long Amount) NaturalUnit(TimeSpan value)
    {
        var ticks = value.Ticks;
        if (ticks % TimeSpan.TicksPerDay == 0)
        {
            return ("Days", ticks / TimeSpan.TicksPerDay);
        }

        if (ticks % TimeSpan.TicksPerHour == 0)
        {
            return ("Hours", ticks / TimeSpan.TicksPerHour);
        }

        if (ticks % TimeSpan.TicksPerMinute == 0)
        {
            return ("Minutes", ticks / TimeSpan.TicksPerMinute);
        }

        if (ticks % TimeSpan.TicksPerSecond == 0)
        {
            return ("Seconds", ticks / TimeSpan.TicksPerSecond);
        }

        return ticks % TimeSpan.TicksPerMillisecond == 0
            ? ("Milliseconds", ticks / TimeSpan.TicksPerMillisecond)
            : ("Ticks", ticks);
    }

    private static LiteralExpressionSyntax Number(long value) =>
        LiteralExpression(SyntaxKind.NumericLiteralExpression, value is >= int.MinValue and <= int.MaxValue ? Literal((int)value) : Literal(value));

    private static InvocationExpressionSyntax Call(ExpressionSyntax receiver, string method, ExpressionSyntax argument) =>
        InvocationExpression(FixSyntax.MemberAccess(receiver.WithoutTrivia(), method), ArgumentList(SingletonSeparatedList(Argument(argument))));

    private sealed class Configuration
    {
        public Configuration(ExpressionSyntax expression, ITypeSymbol type)
        {
            Expression = expression;
            Type = type;
        }

        public ExpressionSyntax Expression { get; }

        public ITypeSymbol Type { get; }
    }

    /// <summary>
    /// An <c>IConfiguration</c> the code can reach at <paramref name="node"/>: a local or parameter
    /// (primary-constructor parameters included), a field or property of the type, or the
    /// <c>Configuration</c> property of one (<c>builder.Configuration</c>, <c>context.Configuration</c>).
    /// </summary>
    private static Configuration? FindConfiguration(SemanticModel model, ExpressionSyntax node, INamedTypeSymbol configurationType, CancellationToken cancellationToken)
    {
        var position = node.SpanStart;
        var staticLambda = node.Ancestors().FirstOrDefault(a =>
            a is AnonymousFunctionExpressionSyntax function && function.Modifiers.Any(SyntaxKind.StaticKeyword));
        var staticContext = IsStaticContext(model.GetEnclosingSymbol(position, cancellationToken));

        var direct = new List<(ISymbol Symbol, ITypeSymbol Type, int Rank, int Position)>();
        var indirect = new List<(ISymbol Symbol, IPropertySymbol Configuration, int Rank, int Position)>();
        foreach (var symbol in model.LookupSymbols(position))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (type, rank) = symbol switch
            {
                ILocalSymbol local => (local.Type, 0),
                IParameterSymbol parameter => (parameter.Type, 0),
                IFieldSymbol field when field.IsStatic || !staticContext => (field.Type, 1),
                IPropertySymbol { GetMethod: not null, Parameters.IsEmpty: true } property when property.IsStatic || !staticContext => (property.Type, 1),
                _ => ((ITypeSymbol?)null, 0),
            };
            if (type is null || !IsUsableHere(symbol, node, position, staticLambda, staticContext))
            {
                continue;
            }

            var declaredAt = symbol.DeclaringSyntaxReferences.FirstOrDefault()?.Span.Start ?? 0;
            if (Implements(type, configurationType))
            {
                direct.Add((symbol, type, rank, declaredAt));
            }
            else if (Property(type, "Configuration") is { } property && Implements(property.Type, configurationType))
            {
                indirect.Add((symbol, property, rank, declaredAt));
            }
        }

        // Nearest first: locals and parameters, the latest declared, then members.
        var best = direct.OrderBy(c => c.Rank).ThenByDescending(c => c.Position).ThenBy(c => c.Symbol.Name, StringComparer.Ordinal).FirstOrDefault();
        if (best.Symbol is not null)
        {
            return new Configuration(IdentifierName(best.Symbol.Name), best.Type);
        }

        var via = indirect.OrderBy(c => c.Rank).ThenByDescending(c => c.Position).ThenBy(c => c.Symbol.Name, StringComparer.Ordinal).FirstOrDefault();
        return via.Symbol is null
            ? null
            : new Configuration(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(via.Symbol.Name), IdentifierName(via.Configuration.Name)),
                via.Configuration.Type);
    }

    private static bool IsUsableHere(ISymbol symbol, ExpressionSyntax node, int position, SyntaxNode? staticLambda, bool staticContext)
    {
        if (symbol is IParameterSymbol parameter && IsPrimaryConstructorParameter(parameter))
        {
            // Captured by instance members only, possibly declared in another file of a partial type.
            return !staticContext && staticLambda is null;
        }

        if (symbol is ILocalSymbol or IParameterSymbol)
        {
            var declaration = symbol.DeclaringSyntaxReferences.FirstOrDefault();
            if (declaration is null || declaration.SyntaxTree != node.SyntaxTree)
            {
                return false;
            }

            var span = declaration.Span;

            // A local is usable after its declaration, not inside its own initializer.
            if (symbol is ILocalSymbol && span.End > position)
            {
                return false;
            }

            // A static lambda cannot capture what is declared outside it.
            if (staticLambda is not null && !staticLambda.Span.Contains(span))
            {
                return false;
            }

            return true;
        }

        return staticLambda is null || symbol.IsStatic;
    }

    private static bool IsPrimaryConstructorParameter(IParameterSymbol parameter) =>
        parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
        && constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax);

    private static bool IsStaticContext(ISymbol? symbol)
    {
        for (var current = symbol; current is not null; current = current.ContainingSymbol)
        {
            switch (current)
            {
                case IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction }:
                    continue;
                case IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol:
                    return current.IsStatic;
                case INamedTypeSymbol:
                    return true;
            }
        }

        return true;
    }

    private static bool Implements(ITypeSymbol type, INamedTypeSymbol configurationType) =>
        SymbolEqualityComparer.Default.Equals(type, configurationType)
        || type.AllInterfaces.Contains(configurationType, SymbolEqualityComparer.Default);

    private static IPropertySymbol? Property(ITypeSymbol type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(name))
            {
                if (member is IPropertySymbol { IsStatic: false, GetMethod: not null, Parameters.IsEmpty: true, DeclaredAccessibility: Accessibility.Public } property)
                {
                    return property;
                }
            }
        }

        return null;
    }

    /// <summary>Whether <c>GetValue</c> already binds as an extension at <paramref name="position"/>.</summary>
    private static bool BinderInScope(SemanticModel model, int position, ITypeSymbol configurationType, INamedTypeSymbol binder) =>
        model.LookupSymbols(position, configurationType, "GetValue", includeReducedExtensionMethods: true)
            .OfType<IMethodSymbol>()
            .Any(m => SymbolEqualityComparer.Default.Equals((m.ReducedFrom ?? m).ContainingType, binder));
}
