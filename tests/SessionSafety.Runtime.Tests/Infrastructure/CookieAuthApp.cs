using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Claims;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SessionSafety.Runtime.Tests.Infrastructure;

/// <summary>
/// A real Kestrel app on 127.0.0.1 with ASP.NET Core's own cookie authentication
/// (<c>AddAuthentication().AddCookie()</c>): an unauthenticated request to a protected endpoint is
/// redirected (302) to <c>GET /Account/Login?ReturnUrl=…</c>, the login page. <c>POST /Account/Login</c>
/// signs a user in (form fields <c>user</c>, <c>password</c>; 401 for a wrong password), <c>POST /api/posts</c>
/// and <c>POST /api/posts/login</c> (a post whose slug is "login") take a post from a signed-in user. A
/// user's session expires when the test says so: the cookie's principal is then rejected. The server
/// records every request (after authentication: who sent it) and every post body it received, and
/// processes a post once per idempotency key.
/// </summary>
public sealed class CookieAuthApp : IAsyncDisposable
{
    public static readonly IReadOnlyDictionary<string, string> Passwords = new Dictionary<string, string>
    {
        ["alice"] = "alice-password",
        ["bob"] = "bob-password",
    };

    private readonly KestrelServer server;
    private readonly ConcurrentDictionary<string, int> generations = new();
    private readonly ConcurrentDictionary<string, string> processedKeys = new();

    private CookieAuthApp(KestrelServer server) => this.server = server;

    public Uri BaseAddress => server.BaseAddress;

    /// <summary>Every request that reached the app, in order.</summary>
    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    /// <summary>Every post body the protected endpoints received (whether its response arrived or not).</summary>
    public ConcurrentQueue<ReceivedPost> Posts { get; } = new();

    /// <summary>While set, the app aborts the connection after reading a post: the client never gets the response.</summary>
    public volatile bool LoseResponses;

    /// <summary>How many posts were processed (once per idempotency key; a post without one, every time).</summary>
    public int Processed => Volatile.Read(ref processed);

    private int processed;

    public static async Task<CookieAuthApp> StartAsync()
    {
        CookieAuthApp? app = null;
        var server = await KestrelServer.StartAsync(
            builder =>
            {
                builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
                builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
                {
                    options.LoginPath = "/Account/Login";
                    options.Events.OnValidatePrincipal = context =>
                    {
                        var user = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
                        var generation = context.Principal?.FindFirstValue("generation");
                        if (user is null || generation != app!.GenerationOf(user).ToString(System.Globalization.CultureInfo.InvariantCulture))
                        {
                            context.RejectPrincipal();
                        }

                        return Task.CompletedTask;
                    };
                });
                builder.Services.AddAuthorization();
            },
            web =>
            {
                web.UseAuthentication();
                web.Use(async (context, next) =>
                {
                    app!.Requests.Enqueue(SeenRequest.From(context));
                    await next(context);
                });
                web.UseAuthorization();
                web.MapGet("/Account/Login", () => Results.Content("<html><form method=\"post\">Sign in</form></html>", "text/html"));

                // Typed as Func<HttpContext, Task<IResult>>: such endpoints read no JSON and return IResult, so
                // cookie authentication redirects them to the login page (ASP.NET Core 10 answers 401 only to
                // endpoints it knows to be APIs).
                web.MapPost("/Account/Login", (Func<HttpContext, Task<IResult>>)(context => app!.SignInAsync(context)));
                web.MapPost("/api/posts", (Func<HttpContext, Task<IResult>>)(context => app!.ReceiveAsync(context))).RequireAuthorization();
                web.MapPost("/api/posts/login", (Func<HttpContext, Task<IResult>>)(context => app!.ReceiveAsync(context))).RequireAuthorization();
            });
        app = new CookieAuthApp(server);
        return app;
    }

    /// <summary>Ends the user's session: the cookie they hold is no longer accepted.</summary>
    public void ExpireSession(string user) => generations.AddOrUpdate(user, 1, (_, g) => g + 1);

    /// <summary>Signs <paramref name="user"/> in through <paramref name="client"/> (its cookie container keeps the cookie).</summary>
    public async Task SignInAsync(HttpClient client, string user)
    {
        using var response = await client.PostAsync(new Uri(BaseAddress, "Account/Login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = user,
            ["password"] = Passwords[user],
        }));
        response.EnsureSuccessStatusCode();
    }

    public IReadOnlyList<ReceivedPost> PostsOf(string id) => Posts.Where(p => p.Id == id).ToArray();

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private int GenerationOf(string user) => generations.GetOrAdd(user, 0);

    private async Task<IResult> SignInAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var user = form["user"].ToString();
        if (!Passwords.TryGetValue(user, out var password) || form["password"].ToString() != password)
        {
            return Results.StatusCode(401);
        }

        var identity = new ClaimsIdentity(
            new[]
            {
                new Claim(ClaimTypes.NameIdentifier, user),
                new Claim(ClaimTypes.Name, user),
                new Claim("generation", GenerationOf(user).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            },
            CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.Ok("signed in");
    }

    private async Task<IResult> ReceiveAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        var post = new ReceivedPost(
            context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "(anonymous)",
            IdOf(body),
            body,
            key.Length == 0 ? null : key,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
        Posts.Enqueue(post);
        if (post.IdempotencyKey is null || processedKeys.TryAdd(post.IdempotencyKey, post.Id))
        {
            Interlocked.Increment(ref processed);
        }

        if (LoseResponses)
        {
            // The server did the work; the response is lost on the way (a dropped connection, a proxy timeout).
            context.Abort();
            return Results.Empty;
        }

        return Results.Ok(new { received = post.Id });
    }

    private static string IdOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("id", out var id) ? id.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    public sealed record Post(string Id, string Text);

    /// <summary>A request as the app saw it, after authentication: who sent it, and its idempotency key.</summary>
    public sealed record SeenRequest(string Method, string Path, string User, string? IdempotencyKey)
    {
        public static SeenRequest From(HttpContext context)
        {
            var key = context.Request.Headers["Idempotency-Key"].ToString();
            return new SeenRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "(anonymous)",
                key.Length == 0 ? null : key);
        }
    }

    /// <summary>A post body a protected endpoint received, with the user whose cookie it came with.</summary>
    public sealed record ReceivedPost(string User, string Id, string Body, string? IdempotencyKey, IReadOnlyDictionary<string, string> Headers);
}
