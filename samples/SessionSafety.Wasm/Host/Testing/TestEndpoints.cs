using System.Collections.Concurrent;

namespace SessionSafety.Wasm.Host.Testing;

/// <summary>
/// Only with Sample:TestEndpoints = true (the browser tests): move the server's clock, and read what the
/// save endpoint answered and received.
/// </summary>
public static class TestEndpoints
{
    private static readonly ConcurrentDictionary<int, int> SaveStatuses = new();

    /// <summary>Counts the final status of every POST /api/messages, redirects and refusals included.</summary>
    public static void UseSaveStatusCounting(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            await next(context);
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path == "/api/messages")
            {
                SaveStatuses.AddOrUpdate(context.Response.StatusCode, 1, (_, count) => count + 1);
            }
        });

    public static void MapTestEndpoints(this WebApplication app)
    {
        app.MapPost("/test/clock/advance", (TimeProvider clock, int minutes) =>
        {
            ((ShiftableClock)clock).Advance(TimeSpan.FromMinutes(minutes));
            return Results.NoContent();
        });

        app.MapGet("/test/messages", (MessageLog log) => Results.Json(new
        {
            received = log.All.Select(m => new { m.User, m.Body }),
            statuses = SaveStatuses.ToDictionary(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value),
        }));
    }
}
