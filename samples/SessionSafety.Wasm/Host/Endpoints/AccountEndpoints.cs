using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SessionSafety.Wasm.Host.Auth;

namespace SessionSafety.Wasm.Host.Endpoints;

/// <summary>A sign-in request from the client's "sign in again" dialog.</summary>
public sealed record SignInRequest(string UserName, string Password);

/// <summary>The sign-in page, the dialog's sign-in, sign-out and "who am I".</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        // The page the cookie scheme redirects to (and that a second tab can open).
        app.MapGet("/login", (HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? error) =>
            Results.Content(LoginPage(antiforgery.GetAndStoreTokens(context), LocalOrHome(returnUrl), error is not null), "text/html; charset=utf-8"));

        app.MapPost("/login", async (HttpContext context, IAntiforgery antiforgery, SampleUsers users) =>
        {
            var form = await context.Request.ReadFormAsync();
            var returnUrl = LocalOrHome(form["returnUrl"]);
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                // A sign-in page left open past the token's lifetime: show a fresh one.
                return Results.Redirect("/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
            }

            if (!users.Verify(form["userName"], form["password"]))
            {
                return Results.Redirect("/login?error=1&returnUrl=" + Uri.EscapeDataString(returnUrl));
            }

            await SignInAsync(context, form["userName"]!);
            return Results.LocalRedirect(returnUrl);
        });

        // The dialog signs in without leaving the page, so the text on it stays where it is.
        app.MapPost("/api/account/signin", async (HttpContext context, SignInRequest request, SampleUsers users) =>
        {
            if (!users.Verify(request.UserName, request.Password))
            {
                return Results.Unauthorized();
            }

            await SignInAsync(context, request.UserName);
            return Results.NoContent();
        });

        app.MapPost("/api/account/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        });

        // Anonymous: a signed-out client gets a null name, not a redirect.
        app.MapGet("/api/account/me", (ClaimsPrincipal user) => Results.Json(new { name = user.Identity?.IsAuthenticated == true ? user.Identity.Name : null }));
    }

    private static Task SignInAsync(HttpContext context, string userName) =>
        context.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, userName)], CookieAuthenticationDefaults.AuthenticationScheme)));

    private static string LocalOrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";

    private static string LoginPage(AntiforgeryTokenSet tokens, string returnUrl, bool failed) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8" /><title>Sign in</title><link rel="stylesheet" href="/css/app.css" /></head>
        <body>
        <main class="signin">
          <h1>Sign in</h1>
          {(failed ? "<p id=\"signin-error\" class=\"error\">Wrong user name or password.</p>" : "")}
          <form method="post" action="/login">
            <input type="hidden" name="{tokens.FormFieldName}" value="{WebUtility.HtmlEncode(tokens.RequestToken)}" />
            <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}" />
            <label>User name <input id="userName" name="userName" autocomplete="username" /></label>
            <label>Password <input id="password" name="password" type="password" autocomplete="current-password" /></label>
            <button id="signin" type="submit">Sign in</button>
          </form>
          <p class="hint">The sample's users: alice (password alice-password) and bob (bob-password).</p>
        </main>
        </body>
        </html>
        """;
}
