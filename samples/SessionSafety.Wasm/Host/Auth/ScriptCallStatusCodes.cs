using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace SessionSafety.Wasm.Host.Auth;

/// <summary>
/// What SESS004's fix does, as an options class: a script call (anything but a page navigation) gets 401
/// or 403, which the client can tell from a success; a navigation still goes to the login page.
/// </summary>
public sealed class ScriptCallStatusCodes : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        var redirectToLogin = options.Events.OnRedirectToLogin;
        var redirectToAccessDenied = options.Events.OnRedirectToAccessDenied;
        options.Events.OnRedirectToLogin = context =>
            IsNavigation(context.Request) ? redirectToLogin(context) : Answer(context.Response, StatusCodes.Status401Unauthorized);
        options.Events.OnRedirectToAccessDenied = context =>
            IsNavigation(context.Request) ? redirectToAccessDenied(context) : Answer(context.Response, StatusCodes.Status403Forbidden);
    }

    /// <summary>A page the browser navigates to: a GET that says so (Sec-Fetch-Mode) or asks for HTML.</summary>
    public static bool IsNavigation(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && (request.Headers["Sec-Fetch-Mode"] == "navigate" || request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase));

    private static Task Answer(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
