using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net.Http;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SessionSafety.BrowserTests.App.Components;

var builder = WebApplication.CreateBuilder(args);

// Exactly what docs/runtime.md tells a Blazor Server app to do.
SessionSafety.Docs.BlazorServer.Program.AddServices(builder);

// The components call the app's own API (which the test makes answer 401 when "the session expired").
builder.Services.AddScoped(services => new HttpClient { BaseAddress = new Uri(services.GetRequiredService<NavigationManager>().BaseUri) });
var api = new FakeSessionApi();
builder.Services.AddSingleton(api);

// Keys in memory: the test app leaves nothing in the user's profile.
builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();

// Users, so that the tests can sign two people in and out of one browser: the circuit's user is the cookie's.
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();

var app = builder.Build();
app.UseAuthentication();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.MapPost("/api/messages", async (HttpRequest request) =>
{
    if (api.Expired)
    {
        return Results.StatusCode(401);
    }

    api.Received.Enqueue(await new StreamReader(request.Body).ReadToEndAsync());
    return Results.Ok();
});
app.MapPost("/test/expire", () => api.Expired = true);
app.MapPost("/test/renew", () => api.Expired = false);
app.MapGet("/test/received", () => api.Received.ToArray());

// Test-only sign-in (no password) and sign-out; the compose page clears the user's drafts before it comes here.
app.MapGet("/test/signin/{user}", async (string user, HttpContext context) =>
{
    var identity = new ClaimsIdentity(new[] { new Claim(ClaimTypes.NameIdentifier, user), new Claim(ClaimTypes.Name, user) }, CookieAuthenticationDefaults.AuthenticationScheme);
    await context.SignInAsync(new ClaimsPrincipal(identity));
    return Results.LocalRedirect("/compose");
});
app.MapGet("/test/signout", async (HttpContext context) =>
{
    await context.SignOutAsync();
    return Results.LocalRedirect("/compose");
});

app.Run();

internal sealed class FakeSessionApi
{
    public volatile bool Expired;

    public ConcurrentQueue<string> Received { get; } = new();
}
