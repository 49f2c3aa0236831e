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
    // redirect to the login page. On a server that default must be this browser's store, never one
    // shared by all users: a random, HttpOnly owner cookie picks a folder per browser.
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
    // </mvc-scope>
}
