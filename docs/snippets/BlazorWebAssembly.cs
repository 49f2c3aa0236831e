using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Components.WebAssembly.Authentication;
using Microsoft.Extensions.DependencyInjection;
using SessionSafety;

namespace SessionSafety.Docs.BlazorWebAssembly;

public static class Program
{
    // <blazor-wasm-program>
    // Program.cs:
    //   var builder = WebAssemblyHostBuilder.CreateDefault(args);
    //   Program.AddServices(builder.Services, new Uri(builder.HostEnvironment.BaseAddress));
    //   var host = builder.Build();
    //   host.Services.UseSessionSafetyDefaults();   // the tab is one user: static defaults are fine
    //   await host.RunAsync();
    public static void AddServices(IServiceCollection services, Uri apiBaseAddress)
    {
        // In WebAssembly the browser store is registered as a singleton (the process is one tab).
        services.AddSessionSafety(options => options.UseBrowserStorage());

        services.AddTransient<AccessTokenRenewer>();
        services.AddHttpClient("api", client => client.BaseAddress = apiBaseAddress)
            .AddSessionRecovery<AccessTokenRenewer>();
    }
    // </blazor-wasm-program>
}

// <blazor-wasm-renewer>
public sealed class AccessTokenRenewer(IAccessTokenProvider tokens) : ISessionRenewer
{
    private string? accessToken;

    public async ValueTask ApplyCredentialsAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        accessToken ??= await RequestTokenAsync();
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
    }

    public async ValueTask<bool> RenewAsync(SessionRenewalContext context, CancellationToken cancellationToken)
    {
        // The provider refreshes silently while it can; when only an interactive sign-in helps it has no
        // token, the request is parked and SessionRecovery.SessionExpired is raised.
        accessToken = await RequestTokenAsync();
        return accessToken is not null;
    }

    private async Task<string?> RequestTokenAsync()
    {
        var result = await tokens.RequestAccessToken();
        return result.TryGetToken(out var token) ? token.Value : null;
    }
}
// </blazor-wasm-renewer>
