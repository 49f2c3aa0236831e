using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;

namespace SessionSafety.Wasm.Host.Endpoints;

/// <summary>A message as the client sends it.</summary>
public sealed record MessageRequest(string Body);

/// <summary>The save endpoint and the CSRF token the client sends with it.</summary>
public static class MessageEndpoints
{
    public static void MapMessageEndpoints(this WebApplication app)
    {
        // A fresh CSRF token for the signed-in user (the client asks again when a save answers 403).
        app.MapGet("/api/antiforgery", (HttpContext context, IAntiforgery antiforgery) =>
            Results.Json(new { token = antiforgery.GetAndStoreTokens(context).RequestToken }))
            .RequireAuthorization();

        // The save. It reads its JSON itself and returns IResult, so ASP.NET Core 10 does not count it as a
        // JSON API: a signed-out call is redirected to the login page unless the fix is configured.
        app.MapPost("/api/messages", async (HttpContext context, IAntiforgery antiforgery, MessageLog log, TimeProvider clock, ClaimsPrincipal user) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            var message = await context.Request.ReadFromJsonAsync<MessageRequest>();
            if (message is null || string.IsNullOrWhiteSpace(message.Body))
            {
                return Results.BadRequest();
            }

            log.Add(new ReceivedMessage(user.Identity!.Name!, message.Body, clock.GetUtcNow()));
            return Results.Ok(new { received = message.Body.Length });
        }).RequireAuthorization();

        app.MapGet("/api/messages", (MessageLog log, ClaimsPrincipal user) =>
            Results.Json(log.Of(user.Identity!.Name!).Select(m => new { m.Body, m.ReceivedAt })))
            .RequireAuthorization();
    }
}
