using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS002;

/// <summary>
/// SESS002's sinks (<see href="https://github.com/session-safety/SessionSafety/blob/main/docs/rules/SESS002.md">docs/rules/SESS002.md</see>, "A login redirect"): Blazor navigation to a login path, NavigateToLogin,
/// AccessTokenNotAvailableException.Redirect; MVC / Razor Pages / minimal API redirects whose constant
/// target names a login page, and challenges; MAUI Shell navigation to a login route.
/// </summary>
internal sealed class LoginRedirects
{
    private readonly INamedTypeSymbol? navigationManager;
    private readonly INamedTypeSymbol? navigationManagerExtensions;
    private readonly INamedTypeSymbol? accessTokenNotAvailableException;
    private readonly INamedTypeSymbol? controllerBase;
    private readonly INamedTypeSymbol? pageModel;
    private readonly INamedTypeSymbol? pageBase;
    private readonly INamedTypeSymbol? results;
    private readonly INamedTypeSymbol? typedResults;
    private readonly INamedTypeSymbol? httpResponse;
    private readonly INamedTypeSymbol? authenticationExtensions;
    private readonly INamedTypeSymbol? shell;
    private readonly INamedTypeSymbol? challengeResult;
    private readonly INamedTypeSymbol? redirectResult;
    private readonly INamedTypeSymbol? localRedirectResult;
    private readonly INamedTypeSymbol? redirectToActionResult;
    private readonly INamedTypeSymbol? redirectToPageResult;
    private readonly INamedTypeSymbol? redirectToRouteResult;
    private readonly INamedTypeSymbol? statusCodePagesExtensions;

    private LoginRedirects(Compilation compilation)
    {
        navigationManager = compilation.FindType(KnownTypes.NavigationManager);
        navigationManagerExtensions = compilation.FindType(KnownTypes.NavigationManagerExtensions);
        accessTokenNotAvailableException = compilation.FindType(KnownTypes.AccessTokenNotAvailableException);
        controllerBase = compilation.FindType(KnownTypes.ControllerBase);
        pageModel = compilation.FindType(KnownTypes.PageModel);
        pageBase = compilation.FindType(KnownTypes.PageBase);
        results = compilation.FindType(KnownTypes.Results);
        typedResults = compilation.FindType(KnownTypes.TypedResults);
        httpResponse = compilation.FindType(KnownTypes.HttpResponse);
        authenticationExtensions = compilation.FindType(KnownTypes.AuthenticationHttpContextExtensions);
        shell = compilation.FindType(KnownTypes.Shell);
        challengeResult = compilation.FindType(KnownTypes.ChallengeResult);
        redirectResult = compilation.FindType(KnownTypes.RedirectResult);
        localRedirectResult = compilation.FindType(KnownTypes.LocalRedirectResult);
        redirectToActionResult = compilation.FindType(KnownTypes.RedirectToActionResult);
        redirectToPageResult = compilation.FindType(KnownTypes.RedirectToPageResult);
        redirectToRouteResult = compilation.FindType(KnownTypes.RedirectToRouteResult);
        statusCodePagesExtensions = compilation.FindType(KnownTypes.StatusCodePagesExtensions);
    }

    /// <summary>The sinks of this compilation, or <see langword="null"/> when it has none of their types.</summary>
    public static LoginRedirects? Create(Compilation compilation)
    {
        var sinks = new LoginRedirects(compilation);
        return sinks.navigationManager is null && sinks.controllerBase is null && sinks.pageModel is null && sinks.results is null
            && sinks.shell is null && sinks.accessTokenNotAvailableException is null && sinks.authenticationExtensions is null
            ? null
            : sinks;
    }

    /// <summary>
    /// Text that every sink's name contains (NavigateTo/NavigateToLogin, Challenge/ChallengeAsync/ChallengeResult,
    /// GoToAsync, Redirect…/LocalRedirect…/…RedirectResult): source without any of them has no sink.
    /// </summary>
    public static readonly string[] NameParts = { "NavigateTo", "Challenge", "GoToAsync", "Redirect" };

    /// <summary>A cheap test on an invoked method's name, before any symbol comparison.</summary>

    public static bool HasSinkName(string name) => name switch
    {
        "NavigateTo" or "NavigateToLogin" or "Challenge" or "ChallengeAsync" or "GoToAsync" or "UseStatusCodePagesWithRedirects" => true,
        _ => name.StartsWith("Redirect", System.StringComparison.Ordinal) || name.StartsWith("LocalRedirect", System.StringComparison.Ordinal),
    };

    /// <summary>A cheap test on a created type's name: the MVC action results that redirect or challenge.</summary>
    public static bool HasSinkTypeName(string name) =>
        name is "ChallengeResult" or "RedirectResult" or "LocalRedirectResult" or "RedirectToActionResult" or "RedirectToPageResult" or "RedirectToRouteResult";

    public bool IsLoginRedirect(IInvocationOperation invocation, System.Func<LoginTargets> targets)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        switch (method.Name)
        {
            case "NavigateTo" when type.IsType(navigationManager):
                return targets().Matches(TargetText.Constant(invocation.ArgumentFor("uri")?.Value), allowPageSuffix: false);

            case "NavigateToLogin" when type.IsType(navigationManagerExtensions):
                return true;

            case "Redirect" when type.DerivesFromOrIs(accessTokenNotAvailableException):
                return true;

            case "Challenge" when IsMvcBase(type) || type.IsType(results) || type.IsType(typedResults):
                return true;

            case "ChallengeAsync" when type.IsType(authenticationExtensions):
                return true;

            case "GoToAsync" when type.DerivesFromOrIs(shell):
                return invocation.Arguments.Length > 0
                    && targets().Matches(TargetText.Constant(invocation.Arguments[0].Value), allowPageSuffix: true);

            case "Redirect" when type.IsType(httpResponse):
                return targets().Matches(TargetText.Constant(invocation.ArgumentFor("location")?.Value), allowPageSuffix: false);

            // app.UseStatusCodePagesWithRedirects("/Account/Login?code={0}"): every 401/403 becomes a redirect.
            case "UseStatusCodePagesWithRedirects" when type.IsType(statusCodePagesExtensions):
                return targets().Matches(TargetText.Constant(invocation.ArgumentFor("locationFormat")?.Value), allowPageSuffix: false);

            default:
                return (IsMvcBase(type) || type.IsType(results) || type.IsType(typedResults))
                    && IsLoginTarget(invocation.ArgumentFor, targets());
        }
    }

    public bool IsLoginRedirect(IObjectCreationOperation creation, System.Func<LoginTargets> targets)
    {
        var type = creation.Type;
        if (type.IsType(challengeResult))
        {
            return true;
        }

        if (type.IsType(redirectResult) || type.IsType(localRedirectResult) || type.IsType(redirectToActionResult)
            || type.IsType(redirectToPageResult) || type.IsType(redirectToRouteResult))
        {
            return IsLoginTarget(name => ArgumentFor(creation, name), targets());
        }

        return false;
    }

    private bool IsMvcBase(INamedTypeSymbol type) => type.IsType(controllerBase) || type.IsType(pageModel) || type.IsType(pageBase);

    /// <summary>
    /// Whether a Redirect*/LocalRedirect*/RedirectTo* target, found by parameter name, is a login page: the
    /// constant text of a URL, an action (<c>Account/Login</c>), a page or route values
    /// (<c>new { controller = "Account", action = "Login" }</c>) as a path; a route's name
    /// (<c>RedirectToRoute("AdminLogin")</c>) as a name (<see cref="LoginTargets.MatchesName"/>).
    /// </summary>
    private static bool IsLoginTarget(System.Func<string, IArgumentOperation?> argument, LoginTargets targets)
    {
        if ((argument("url") ?? argument("localUrl")) is { } url)
        {
            return targets.Matches(TargetText.Constant(url.Value), allowPageSuffix: false);
        }

        if (argument("actionName") is { } action)
        {
            return targets.Matches(TargetText.Action(action.Value, argument("controllerName")?.Value), allowPageSuffix: false);
        }

        if (argument("pageName") is { } page)
        {
            return targets.Matches(TargetText.Constant(page.Value), allowPageSuffix: false);
        }

        if (argument("routeName") is { Value.ConstantValue: { HasValue: true, Value: string name } } && targets.MatchesName(name))
        {
            return true;
        }

        // RedirectToAction() / RedirectToPage(): the current action or page; route values alone.
        return argument("routeValues") is { } values && targets.Matches(TargetText.Constant(values.Value), allowPageSuffix: false);
    }

    private static IArgumentOperation? ArgumentFor(IObjectCreationOperation creation, string name)
    {
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter?.Name == name)
            {
                return argument;
            }
        }

        return null;
    }
}
