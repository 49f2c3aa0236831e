using System;
using System.IO;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SessionSafety;

namespace SessionSafety.Docs.ServerApps;

public static class MvcDrafts
{
    // <mvc-scope>
    // MVC / Razor Pages: SESS002's fix stores the posted form with DraftStore.Default before the
    // redirect to the login page — when the session has already expired, so the request has no
    // signed-in user to key the drafts by. They belong to this browser's sign-in instead: a random,
    // HttpOnly owner cookie picks a folder, and sign-out replaces it (ForgetBrowserDrafts), so that
    // the next person at this browser never sees them.
    public static void UsePerBrowserDrafts(this WebApplication app, string root)
    {
        app.Use(async (context, next) =>
        {
            var owner = context.Request.Cookies["drafts.owner"];
            if (!Guid.TryParseExact(owner, "N", out _))
            {
                owner = Guid.NewGuid().ToString("N");
                context.Response.Cookies.Append("drafts.owner", owner, new CookieOptions
                {
                    HttpOnly = true,
                    Secure = true,
                    SameSite = SameSiteMode.Lax,
                    IsEssential = true,
                });
            }

            // The cookie was checked to be a GUID: it cannot name a folder outside root.
            using (SessionSafetyScope.Begin(new FileDraftStore(Path.Combine(root, owner!))))
            {
                await next(context);
            }
        });
    }

    // Call it where the user signs out.
    public static void ForgetBrowserDrafts(HttpContext context) => context.Response.Cookies.Delete("drafts.owner");
    // </mvc-scope>
}
