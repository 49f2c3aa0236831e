using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>
/// SESS001: an HttpClient save call (POST/PUT/PATCH) whose 401/403 answer nothing handles, so the user's
/// data is lost when the session has expired
/// (<see href="https://github.com/session-safety/SessionSafety/blob/main/docs/rules/SESS001.md">docs/rules/SESS001.md</see>).
/// Each member is decided once, at its end, from what the driver's walk collected (<see cref="MemberScan"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SESS001SaveWithoutSessionHandlingAnalyzer : SessionSafetyAnalyzer
{
    /// <summary>Diagnostic property for the fix: the index of the payload among the call's arguments (with <see cref="DraftKeys.Property"/>).</summary>
    public const string PayloadArgumentProperty = "PayloadArgument";

    public SESS001SaveWithoutSessionHandlingAnalyzer()
        : base(Descriptors.SESS001SaveWithoutSessionHandling, SaveCalls.NameParts)
    {
        ClientRegistrations.RegisterMarkers();
    }

    /// <summary>The HTTP types are looked up when the first member passes the text filter; without HttpClient no member is analyzed.</summary>
    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, SourceScope scope)
    {
        var compilation = context.Compilation;
        scope.RegisterMemberStartAction(
            context,
            () => HttpTypes.Create(compilation) is { } types ? new SaveHandlingContext(compilation, types, scope) : null,
            static (rule, member) => rule.OnMemberStart(member));
    }
}
