using System;
using System.Collections.Generic;
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
            () => LifetimeTargets.Create(compilation) is { } targets ? new LifetimeContext(targets, scope) : null,
            static (rule, member) => member.RegisterOperationAction(rule.AnalyzeAssignment, AssignmentKind));
    }

    /// <summary>
    /// A compilation's targets and each file's options (each distinct option text parsed once), with the
    /// one callback every analyzed member registers (not a new closure per member).
    /// </summary>
    private sealed class LifetimeContext
    {
        public LifetimeContext(LifetimeTargets targets, SourceScope scope)
        {
            Targets = targets;
            MinIdle = new PerFileOption<TimeSpan, TimeSpan>(SessionSafetyOptions.MinIdleLifetime, scope, static value => value);
            MinAbsolute = new PerFileOption<TimeSpan, TimeSpan>(SessionSafetyOptions.MinAbsoluteLifetime, scope, static value => value);
            SessionCookies = new PerFileOption<ImmutableArray<string>, SessionCookieNames>(
                SessionSafetyOptions.SessionCookieNames, scope, static markers => new SessionCookieNames(markers));
            AnalyzeAssignment = context => SESS003HardCodedShortLifetimeAnalyzer.AnalyzeAssignment(context, this);
        }

        public LifetimeTargets Targets { get; }

        public PerFileOption<TimeSpan, TimeSpan> MinIdle { get; }

        public PerFileOption<TimeSpan, TimeSpan> MinAbsolute { get; }

        public PerFileOption<ImmutableArray<string>, SessionCookieNames> SessionCookies { get; }

        public Action<OperationAnalysisContext> AnalyzeAssignment { get; }
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, LifetimeContext rule)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation target)
        {
            return;
        }

        var kind = rule.Targets.Classify(target.Property);
        if (kind == LifetimeTargetKind.None)
        {
            return;
        }

        AnalyzerException.Guard(DiagnosticIds.HardCodedShortLifetime, assignment.Syntax, context, c =>
            Analyze(c, assignment, target, kind, rule));
    }

    private static void Analyze(
        OperationAnalysisContext context,
        ISimpleAssignmentOperation assignment,
        IPropertyReferenceOperation target,
        LifetimeTargetKind kind,
        LifetimeContext rule)
    {
        var pointInTime = kind is LifetimeTargetKind.AuthenticationPropertiesExpiresUtc
            or LifetimeTargetKind.CookieOptionsExpires or LifetimeTargetKind.NetCookieExpires;

        // Each arm of a conditional is judged on its own: `limited ? UtcNow.AddMinutes(15) : configured`
        // is hard-coded and short in its first arm.
        var arms = ConditionalArms.Of(assignment.Value);
        List<(IOperation Arm, TimeSpan Duration)>? found = null;
        foreach (var arm in arms)
        {
            var value = LifetimeEvaluator.Evaluate(arm, rule.Targets.Time, pointInTime, context.CancellationToken);

            // Zero and negative lifetimes delete the cookie (Expires = DateTime.UtcNow.AddDays(-1)).
            if (value is not null && value.Duration > TimeSpan.Zero)
            {
                (found ??= new()).Add((arm, value.Duration));
            }
        }

        if (found is null)
        {
            return;
        }

        var tree = assignment.Syntax.SyntaxTree;
        var minIdle = rule.MinIdle.For(tree);
        var minAbsolute = rule.MinAbsolute.For(tree);
        bool? idleKnown = null;
        string? key = null;
        foreach (var (arm, duration) in found)
        {
            bool idle;
            switch (kind)
            {
                case LifetimeTargetKind.CookieAuthenticationExpireTimeSpan:
                    if (duration >= minIdle && duration >= minAbsolute)
                    {
                        continue;
                    }

                    idle = idleKnown ??= !LifetimeOwners.IsSlidingExpirationDisabled(assignment, target, rule.Targets);
                    break;
                case LifetimeTargetKind.SessionIdleTimeout:
                    idle = true;
                    break;
                default:
                    idle = false;
                    break;
            }

            var minimum = idle ? minIdle : minAbsolute;
            if (duration >= minimum)
            {
                continue;
            }

            key ??= ConfigurationKey(kind, assignment, target, rule);
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
                (arms.Count == 1 ? ValueSyntax(assignment) : ConditionalArms.Syntax(arm)).GetLocation(),
                properties.ToImmutable(),
                LifetimeEvaluator.Format(duration),
                idle ? "idle" : "absolute",
                LifetimeEvaluator.Format(minimum)));
        }
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
        LifetimeContext rule)
    {
        var targets = rule.Targets;
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
        var sessionCookies = rule.SessionCookies.For(assignment.Syntax.SyntaxTree);
        foreach (var name in names)
        {
            if (sessionCookies.IsSessionCookie(name))
            {
                return "Cookies:" + name.Replace(':', '_') + ":" + setting;
            }
        }

        return null;
    }
}
