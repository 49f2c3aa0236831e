using Microsoft.CodeAnalysis;

namespace SessionSafety.Analyzers;

/// <summary>Every descriptor of the package, made by one factory that derives the help link from the ID.</summary>
public static class Descriptors
{
    public const string HelpLinkBase = "https://github.com/session-safety/SessionSafety/blob/main/docs/rules/";

    public static string HelpLink(string id) => HelpLinkBase + id + ".md";

    public static readonly DiagnosticDescriptor SESS000InvalidOption = Create(
        DiagnosticIds.InvalidOption,
        "A session_safety option has a value that cannot be read",
        "The value '{0}' of option '{1}' for '{2}' cannot be read: expected {3}; the default {4} is used instead",
        Categories.Configuration,
        "A 'session_safety.*' option in .editorconfig or .globalconfig has a value that cannot be parsed. The rules never fail because of it: they use the option's default, and this diagnostic names the option, the file it applies to and what was expected.");

    public static readonly DiagnosticDescriptor SESS001SaveWithoutSessionHandling = Create(
        DiagnosticIds.SaveWithoutSessionHandling,
        "Save request does not handle an expired session (401/403)",
        "'{0}' sends user data but nothing handles 401/403: if the session has expired, the data is lost",
        Categories.Reliability,
        "A POST, PUT or PATCH request carries the user's input. When the session or its token has expired the server answers 401 or 403, and code that only checks for success (or calls EnsureSuccessStatusCode) throws the input away. Handle 401/403 by keeping a draft and asking the user to sign in again, let the caller handle the response, or send through a session-aware message handler.");

    public static readonly DiagnosticDescriptor SESS002LoginRedirectDiscardsInput = Create(
        DiagnosticIds.LoginRedirectDiscardsInput,
        "Redirect to login discards unsaved input",
        "This redirect to the login page discards {0}: {1}",
        Categories.Reliability,
        "Sending the user to the login page while their input is in hand throws that input away. Store the input as a draft first (the SessionSafety draft store, browser storage, TempData, or a configured draft-save method), then redirect, and restore it after sign-in. A filter or middleware that redirects every request to the login page discards the input of every form post and script call: answer those with 401 and redirect page navigations only.");

    public static readonly DiagnosticDescriptor SESS003HardCodedShortLifetime = Create(
        DiagnosticIds.HardCodedShortLifetime,
        "Session lifetime is hard-coded and short",
        "{0} is a hard-coded {1} lifetime below the minimum of {2}: read it from configuration so operators can tune it, and pair a short session with draft preservation or an expiry warning",
        Categories.Reliability,
        "A session or cookie lifetime fixed in code cannot be tuned by the people who run the application, and a short one makes long-lived pages fail their saves with 401/403. Short sessions are a sound security choice; the problem is a value that cannot be changed without a rebuild and is not paired with draft preservation or an expiry warning.");

    public static readonly DiagnosticDescriptor SESS004CookieRedirectsApiCalls = Create(
        DiagnosticIds.CookieRedirectsApiCalls,
        "Cookie authentication redirects API calls to the login page",
        "Cookie scheme '{0}' redirects signed-out script calls such as {1} ({2}) to the login page, where they end as 200 OK instead of 401: answer 401/403 to requests that are not page navigations",
        Categories.Reliability,
        "Cookie authentication answers a signed-out request with a redirect to the login page. HttpClient and fetch follow it and end with 200 OK and the login page's HTML, so a save whose session has expired looks successful and the user's input is thrown away; no client-side handling can see a 401 that never comes. ASP.NET Core 10 answers 401/403 for endpoints it knows to be APIs, but still redirects plain controllers and minimal APIs that return a string or IResult. Set Events.OnRedirectToLogin (and OnRedirectToAccessDenied) so that requests that are not page navigations get 401/403 and navigations still go to the login page.",
        WellKnownDiagnosticTags.CompilationEnd);

    /// <param name="customTags"><see cref="WellKnownDiagnosticTags.CompilationEnd"/> for a rule that reports at compilation end (the IDE then shows it with full-solution analysis).</param>
    private static DiagnosticDescriptor Create(string id, string title, string message, string category, string description, params string[] customTags) =>
        new(id, title, message, category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description, HelpLink(id), customTags);

    private static class Categories
    {
        public const string Reliability = "Reliability";
        public const string Configuration = "Configuration";
    }
}
