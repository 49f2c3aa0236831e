using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SessionSafety.Sample.Services;

/// <summary>The 403-after-hours incident: a session lifetime fixed in code.</summary>
public static class AuthSetup
{
    public static void AddSampleAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                // SESS003: twenty minutes, fixed at build time; operators cannot lengthen it.
                options.ExpireTimeSpan = TimeSpan.FromMinutes(20);
                options.SlidingExpiration = true;
            });

        // Not flagged: the value comes from configuration (the original stays as the default).
        services.AddSession(options =>
            options.IdleTimeout = configuration.GetValue("Session:IdleTimeout", TimeSpan.FromMinutes(20)));
    }
}
