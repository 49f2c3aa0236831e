using System;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.Extensions.DependencyInjection;

namespace SessionSafety.Internal;

/// <summary>
/// Whether this process serves many users (an ASP.NET Core app), so that nothing may be shared between
/// them by default. Found without referencing ASP.NET Core: by the services its host registers, by what
/// the app's entry assembly references, or because <c>AddSessionSafety</c> registered per-user services.
/// </summary>
internal static class ServerHost
{
    private static readonly string[] HostServices =
    {
        "Microsoft.AspNetCore.Hosting.IWebHostEnvironment",
        "Microsoft.AspNetCore.Hosting.Server.IServer",
    };

    private static readonly string[] HostAssemblies =
    {
        "Microsoft.AspNetCore", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Hosting.Abstractions",
        "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Server.Kestrel.Core", "Microsoft.AspNetCore.Server.IIS",
        "Microsoft.AspNetCore.Mvc", "Microsoft.AspNetCore.Mvc.Core", "Microsoft.AspNetCore.Components.Server",
    };

    private static readonly Lazy<bool> EntryIsWebApp = new(() =>
        Assembly.GetEntryAssembly()?.GetReferencedAssemblies().Any(a => HostAssemblies.Contains(a.Name, StringComparer.Ordinal)) == true);

    private static int perUserRegistered;

    /// <summary>Whether the static defaults must refuse to make a store of their own (one that all users would share).</summary>
    public static bool IsServerProcess => !DraftStore.IsBrowser() && (Volatile.Read(ref perUserRegistered) == 1 || EntryIsWebApp.Value);

    /// <summary>Whether <paramref name="services"/> belong to an ASP.NET Core host.</summary>
    public static bool IsServer(IServiceCollection services) =>
        !DraftStore.IsBrowser() && services.Any(d => d.ServiceType.FullName is { } name && HostServices.Contains(name, StringComparer.Ordinal));

    public static void MarkPerUser() => Volatile.Write(ref perUserRegistered, 1);

    /// <summary>For tests, which register a server's services in a process that is not one.</summary>
    internal static void ForgetPerUser() => Volatile.Write(ref perUserRegistered, 0);

    public static InvalidOperationException SharedDefaultRefused(string what) => new(
        $"{what} was used outside a SessionSafetyScope in a server app. One store would be shared by every user of "
        + "the server, and one user could load another's draft. Register per-user stores with services.AddSessionSafety() "
        + "and make them ambient for each request or circuit with SessionSafetyScope.Begin(scopedServices) (docs/runtime.md, "
        + "'Servers'), or inject IDraftStore and DraftGuard; assign DraftStore.Default yourself only if this process serves one user.");
}
