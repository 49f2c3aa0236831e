using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace SessionSafety.Wasm.Host.Auth;

/// <summary>Cookie authentication and the CSRF token, with lifetimes operators set in configuration.</summary>
public static class AuthenticationSetup
{
    /// <summary>The header the client sends the CSRF token in.</summary>
    public const string CsrfHeader = "X-CSRF-TOKEN";

    public static IServiceCollection AddSampleAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var idleTimeout = configuration.GetValue("Session:IdleTimeout", TimeSpan.FromMinutes(20));
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/login";
                options.ExpireTimeSpan = idleTimeout;
                options.SlidingExpiration = true;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
            });

        // ASP.NET Core's default answers a signed-out script call to /api/messages with 302 to the login
        // page, which fetch follows to a 200 page of HTML: SESS004 reports the AddCookie above. The fixed
        // variant answers 401/403 to script calls; configuration chooses, so that the tests can show both,
        // and as the sample ships it is off (a fix registered only under a condition does not silence SESS004).
        if (configuration.GetValue("Auth:ScriptCallsGetStatusCodes", false))
        {
            services.ConfigureOptions<ScriptCallStatusCodes>();
        }

        services.AddAuthorization();
        services.AddAntiforgery(options => options.HeaderName = CsrfHeader);
        services.AddSingleton<IAntiforgeryAdditionalDataProvider, CsrfTokenLifetime>();
        services.AddSingleton(new CsrfTokenLifetimeOptions(configuration.GetValue("Antiforgery:TokenLifetime", TimeSpan.FromHours(2))));
        services.AddSingleton<SampleUsers>();
        return services;
    }
}
