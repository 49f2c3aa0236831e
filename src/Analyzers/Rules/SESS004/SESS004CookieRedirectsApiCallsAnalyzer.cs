using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS004;

/// <summary>
/// SESS004 (<see href="https://github.com/session-safety/SessionSafety/blob/main/docs/rules/SESS004.md">docs/rules/SESS004.md</see>):
/// a cookie scheme that challenges endpoints taking script writes which ASP.NET Core would redirect to the
/// login page — a signed-out <c>HttpClient</c> or <c>fetch</c> follows the redirect and ends with 200 OK, so the
/// save looks successful and the input is gone — and that no configuration of the scheme handles
/// (<c>Events.OnRedirectToLogin</c>). The facts are spread over the compilation (start-up code, endpoints,
/// controllers), so the rule decides at compilation end.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SESS004CookieRedirectsApiCallsAnalyzer : SessionSafetyAnalyzer
{
    /// <summary>Diagnostic property: the scheme's name.</summary>
    public const string SchemeProperty = "Scheme";

    /// <summary>Diagnostic property: "true" when some configuration of the scheme already sets <c>OnRedirectToAccessDenied</c>.</summary>
    public const string AccessDeniedHandledProperty = "AccessDeniedHandled";

    /// <summary>Text that the code the rule collects contains: a member without any of it is not analyzed.</summary>
    private static readonly string[] Words =
    {
        "AddCookie", "ApplicationCookie", "AddIdentity", "AddDefaultIdentity", "CookieAuthenticationOptions",
        "ConfigureOptions", "ConfigureNamedOptions", "PostConfigure", "AddAuthentication", "DefaultScheme",
        "DefaultChallengeScheme", "MapPost", "MapPut", "MapPatch", "MapMethods", "RequireAuthorization",
        "FallbackPolicy", "AuthorizeFilter", "AddSingleton", "AddScoped", "AddTransient", "TryAdd",
    };

    public SESS004CookieRedirectsApiCallsAnalyzer()
        : base(Descriptors.SESS004CookieRedirectsApiCalls, Words)
    {
    }

    /// <summary>
    /// Members that pass the text filter collect facts into the compilation's context (made on the first one,
    /// none without cookie authentication); the compilation-end action decides.
    /// </summary>
    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, SourceScope scope)
    {
        var compilation = context.Compilation;
        scope.RegisterMemberStartAction(
            context,
            () => CookieRedirectContext.Create(compilation),
            static (rule, member) => rule.OnMemberStart(member),
            static (rule, end) => rule.Report(end));
    }
}
