using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SessionSafety.Runtime.Tests.Infrastructure;

/// <summary>
/// A real Kestrel API whose session (a bearer access token) and CSRF token expire when the test says
/// so. Saves go to POST /api/messages; POST /auth/refresh renews both tokens (slowly, so that
/// concurrent requests pile up behind one renewal) unless refreshing has been disabled (the refresh
/// token expired too). The server counts renewals and deliveries per message id.
/// </summary>
public sealed class SessionApi : IAsyncDisposable
{
    public const string CsrfHeader = "X-CSRF-TOKEN";

    private readonly KestrelServer server;
    private int renewals;
    private int rejected401;
    private int rejected403;

    private SessionApi(KestrelServer server) => this.server = server;

    public Uri BaseAddress => server.BaseAddress;

    public string AccessToken { get; private set; } = NewToken("access");

    public string CsrfToken { get; private set; } = NewToken("csrf");

    public volatile bool RefreshAllowed = true;

    public TimeSpan RefreshDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    public int Renewals => Volatile.Read(ref renewals);

    public int Rejected401 => Volatile.Read(ref rejected401);

    public int Rejected403 => Volatile.Read(ref rejected403);

    public ConcurrentDictionary<string, int> Deliveries { get; } = new();

    public ConcurrentQueue<string> SeenCookies { get; } = new();

    public static async Task<SessionApi> StartAsync()
    {
        SessionApi? api = null;
        var server = await KestrelServer.StartAsync(app =>
        {
            // Typed as Func<…, Task<IResult>> so that the result is executed (a lambda that takes an
            // HttpContext would otherwise bind to RequestDelegate and answer 200 whatever it returns).
            app.MapPost("/api/messages", (Func<HttpContext, Task<IResult>>)(context => api!.SaveAsync(context)));
            app.MapPost("/auth/refresh", (Func<HttpContext, Task<IResult>>)(context => api!.RefreshAsync(context)));
        });
        api = new SessionApi(server);
        return api;
    }

    public void ExpireSession() => AccessToken = NewToken("access");

    public void ExpireCsrf() => CsrfToken = NewToken("csrf");

    public int DeliveriesOf(string id) => Deliveries.TryGetValue(id, out var count) ? count : 0;

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private static string NewToken(string kind) => kind + "-" + Guid.NewGuid().ToString("N");

    private async Task<IResult> SaveAsync(HttpContext context)
    {
        SeenCookies.Enqueue(context.Request.Headers.Cookie.ToString());
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + AccessToken)
        {
            Interlocked.Increment(ref rejected401);
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return Results.StatusCode(401);
        }

        if (context.Request.Headers[CsrfHeader].ToString() != CsrfToken)
        {
            Interlocked.Increment(ref rejected403);
            return Results.StatusCode(403);
        }

        var message = await context.Request.ReadFromJsonAsync<Message>();
        Deliveries.AddOrUpdate(message!.Id, 1, (_, n) => n + 1);
        return Results.Ok(new { delivered = message.Id });
    }

    private async Task<IResult> RefreshAsync(HttpContext context)
    {
        await Task.Delay(RefreshDelay, context.RequestAborted);
        if (!RefreshAllowed)
        {
            return Results.StatusCode(401);
        }

        Interlocked.Increment(ref renewals);
        AccessToken = NewToken("access");
        CsrfToken = NewToken("csrf");
        return Results.Ok(new Tokens(AccessToken, CsrfToken));
    }

    public sealed record Message(string Id, string Text);

    public sealed record Tokens(string Access, string Csrf);
}
