using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;
using SessionSafety.Analyzers.Options;

namespace SessionSafety.Analyzers.Rules.SESS003;

/// <summary>
/// SESS003 (<see href="https://github.com/session-safety/SessionSafety/blob/main/docs/rules/SESS003.md">docs/rules/SESS003.md</see>): a session or session-cookie lifetime written in code as a constant that is
/// shorter than the configured minimum. A page left open longer than that fails every save with
/// 401/403, and nobody running the app can lengthen it without a rebuild.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SESS003HardCodedShortLifetimeAnalyzer : SessionSafetyAnalyzer
{
    /// <summary>Diagnostic property: <c>Duration</c> (a TimeSpan) or <c>PointInTime</c> ("now" plus a duration).</summary>
    public const string ShapeProperty = "Shape";

    /// <summary>Diagnostic property: the minimum for this kind of lifetime, TimeSpan text ("c" format).</summary>
    public const string MinimumProperty = "Minimum";

    /// <summary>Diagnostic property: the configuration key the "read from configuration" fix uses.</summary>
    public const string ConfigurationKeyProperty = "ConfigurationKey";

    public const string DurationShape = "Duration";
    public const string PointInTimeShape = "PointInTime";

    /// <summary>The kind each analyzed member registers, made once rather than as a <c>params</c> array per member.</summary>
    private static readonly ImmutableArray<OperationKind> AssignmentKind = ImmutableArray.Create(OperationKind.SimpleAssignment);

    public SESS003HardCodedShortLifetimeAnalyzer()
        : base(Descriptors.SESS003HardCodedShortLifetime, LifetimeTargets.NameParts)
    {
    }

    /// <summary>The target properties are looked up when the first member passes the text filter; without any, no member is analyzed.</summary>
    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, SourceScope scope)
    {
        var compilation = context.Compilation;
        scope.RegisterMemberStartAction(
            context,
            () => LifetimeTargets.Create(compilation) is { } targets ? new State(targets, scope) : null,
            static (state, member) => member.RegisterOperationAction(state.AnalyzeAssignment, AssignmentKind));
    }

    /// <summary>A compilation's targets and scope, with the one callback every analyzed member registers (not a new closure per member).</summary>
    private sealed class State
    {
        public State(LifetimeTargets targets, SourceScope scope) =>
            AnalyzeAssignment = context => SESS003HardCodedShortLifetimeAnalyzer.AnalyzeAssignment(context, targets, scope);

        public Action<OperationAnalysisContext> AnalyzeAssignment { get; }
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, LifetimeTargets targets, SourceScope scope)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation target)
        {
            return;
        }

        var kind = targets.Classify(target.Property);
        if (kind == LifetimeTargetKind.None)
        {
            return;
        }

        AnalyzerException.Guard(DiagnosticIds.HardCodedShortLifetime, assignment.Syntax, context, c =>
            Analyze(c, assignment, target, kind, targets, scope));
    }

    private static void Analyze(
        OperationAnalysisContext context,
        ISimpleAssignmentOperation assignment,
        IPropertyReferenceOperation target,
        LifetimeTargetKind kind,
        LifetimeTargets targets,
        SourceScope scope)
    {
        var pointInTime = kind is LifetimeTargetKind.AuthenticationPropertiesExpiresUtc
            or LifetimeTargetKind.CookieOptionsExpires or LifetimeTargetKind.NetCookieExpires;
        var value = LifetimeEvaluator.Evaluate(assignment.Value, targets.Time, pointInTime, context.CancellationToken);

        // Zero and negative lifetimes delete the cookie (Expires = DateTime.UtcNow.AddDays(-1)).
        if (value is null || value.Duration <= TimeSpan.Zero)
        {
            return;
        }

        var options = scope.GetOptions(assignment.Syntax.SyntaxTree);
        var minIdle = SessionSafetyOptions.MinIdleLifetime.Read(options);
        var minAbsolute = SessionSafetyOptions.MinAbsoluteLifetime.Read(options);
        bool idle;
        switch (kind)
        {
            case LifetimeTargetKind.CookieAuthenticationExpireTimeSpan:
                if (value.Duration >= minIdle && value.Duration >= minAbsolute)
                {
                    return;
                }

                idle = !LifetimeOwners.IsSlidingExpirationDisabled(assignment, target, targets);
                break;
            case LifetimeTargetKind.SessionIdleTimeout:
                idle = true;
                break;
            default:
                idle = false;
                break;
        }

        var minimum = idle ? minIdle : minAbsolute;
        if (value.Duration >= minimum)
        {
            return;
        }

        var key = ConfigurationKey(kind, assignment, target, targets, options);
        if (key is null)
        {
            return;
        }

        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties.Add(ShapeProperty, pointInTime ? PointInTimeShape : DurationShape);
        properties.Add(MinimumProperty, LifetimeEvaluator.Format(minimum));
        properties.Add(ConfigurationKeyProperty, key);

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.SESS003HardCodedShortLifetime,
            ValueSyntax(assignment).GetLocation(),
            properties.ToImmutable(),
            LifetimeEvaluator.Format(value.Duration),
            idle ? "idle" : "absolute",
            LifetimeEvaluator.Format(minimum)));
    }

    /// <summary>The value as written, parentheses included (the operation tree drops them).</summary>
    private static SyntaxNode ValueSyntax(ISimpleAssignmentOperation assignment) =>
        assignment.Syntax is AssignmentExpressionSyntax { Right: { } right } ? right : assignment.Value.Syntax;

    /// <summary>
    /// The configuration key for the lifetime, derived from what is set; null when the cookie is not a
    /// session cookie (then nothing is reported).
    /// </summary>
    private static string? ConfigurationKey(
        LifetimeTargetKind kind,
        ISimpleAssignmentOperation assignment,
        IPropertyReferenceOperation target,
        LifetimeTargets targets,
        AnalyzerConfigOptions options)
    {
        switch (kind)
        {
            case LifetimeTargetKind.CookieAuthenticationExpireTimeSpan:
                return "Authentication:Cookie:ExpireTimeSpan";
            case LifetimeTargetKind.SessionIdleTimeout:
                return "Session:IdleTimeout";
            case LifetimeTargetKind.AuthenticationPropertiesExpiresUtc:
                return "Authentication:Properties:Lifetime";
        }

        var origin = LifetimeOwners.FindOrigin(assignment, target);
        var setting = kind switch
        {
            LifetimeTargetKind.CookieBuilderMaxAge or LifetimeTargetKind.CookieOptionsMaxAge => "MaxAge",
            LifetimeTargetKind.CookieBuilderExpiration => "Expiration",
            _ => "Lifetime",
        };

        if (kind is LifetimeTargetKind.CookieBuilderMaxAge or LifetimeTargetKind.CookieBuilderExpiration
            && targets.CookieOwnerSection(origin.SourceProperty) is { } section)
        {
            return section + ":Cookie:" + setting;
        }

        var names = kind is LifetimeTargetKind.CookieOptionsExpires or LifetimeTargetKind.CookieOptionsMaxAge
            ? origin.AppendedNames(targets)
            : origin.ConstructedNames(targets);
        var markers = SessionSafetyOptions.SessionCookieNames.Read(options);
        foreach (var name in names)
        {
            if (SessionCookieNames.IsSessionCookie(name, markers))
            {
                return "Cookies:" + name.Replace(':', '_') + ":" + setting;
            }
        }

        return null;
    }
}
