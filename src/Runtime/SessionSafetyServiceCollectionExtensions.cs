using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace SessionSafety;

/// <summary>Registers the runtime helper in a service collection.</summary>
public static class SessionSafetyServiceCollectionExtensions
{
    /// <summary>The logger category SessionSafety logs under.</summary>
    public const string LoggerCategory = "SessionSafety";

    /// <summary>
    /// Registers <see cref="IDraftStore"/> (the platform default unless <paramref name="configure"/>
    /// chooses one), <see cref="DraftGuard"/> over it (same lifetime), a shared <see cref="SessionRecovery"/>,
    /// and <see cref="TimeProvider.System"/> if no clock is registered. Logging goes to the app's
    /// <see cref="ILoggerFactory"/> when there is one. Calling it again replaces the store and guard.
    /// </summary>
    public static IServiceCollection AddSessionSafety(this IServiceCollection services, Action<SessionSafetyOptions>? configure = null)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        var options = new SessionSafetyOptions();
        configure?.Invoke(options);
        var lifetime = options.EffectiveLifetime;

        services.TryAddSingleton(TimeProvider.System);
        services.RemoveAll<SessionSafetyOptions>();
        services.AddSingleton(options);
        services.RemoveAll<IDraftStore>();
        services.RemoveAll<DraftGuard>();
        services.Add(new ServiceDescriptor(typeof(IDraftStore), sp => CreateStore(sp, options), lifetime));
        services.Add(new ServiceDescriptor(
            typeof(DraftGuard),
            sp => new DraftGuard(new DraftGuardOptions { Store = sp.GetRequiredService<IDraftStore>(), Logger = CreateLogger(sp) }),
            lifetime));
        services.TryAddSingleton(sp => CreateRecovery(sp));
        return services;
    }

    /// <summary>
    /// Client apps (WebAssembly, MAUI, WPF, WinForms, console): makes the registered store and guard the
    /// static <see cref="DraftStore.Default"/> and <see cref="DraftGuard.Default"/> that generated code
    /// uses. Not for servers, where one process serves many users: there, make them ambient per circuit
    /// or request with <see cref="SessionSafetyScope.Begin(IServiceProvider)"/>.
    /// </summary>
    public static IServiceProvider UseSessionSafetyDefaults(this IServiceProvider services)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        var options = services.GetService<SessionSafetyOptions>()
            ?? throw new InvalidOperationException("Call services.AddSessionSafety(...) first.");
        if (options.EffectiveLifetime != ServiceLifetime.Singleton)
        {
            throw new InvalidOperationException(
                "The draft store is registered per scope (per user): it cannot be the process-wide default. Use SessionSafetyScope.Begin(scopedServices) for each circuit or request.");
        }

        DraftStore.Default = services.GetRequiredService<IDraftStore>();
        DraftGuard.Default = services.GetRequiredService<DraftGuard>();
        return services;
    }

    internal static SessionRecovery CreateRecovery(IServiceProvider services)
    {
        var configured = services.GetService<SessionSafetyOptions>()?.Recovery;
        var options = new SessionRecoveryOptions
        {
            ParkFailedRequests = configured?.ParkFailedRequests ?? true,
            RecoverForbidden = configured?.RecoverForbidden ?? true,
            RenewalTimeout = configured?.RenewalTimeout ?? TimeSpan.FromSeconds(30),
            RenewalFailureCooldown = configured?.RenewalFailureCooldown ?? TimeSpan.FromSeconds(30),
            TimeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System,
            Logger = configured?.Logger ?? CreateLogger(services),
        };
        if (configured is not null)
        {
            options.LoginPaths.Clear();
            foreach (var path in configured.LoginPaths)
            {
                options.LoginPaths.Add(path);
            }
        }

        return new SessionRecovery(options);
    }

    private static IDraftStore CreateStore(IServiceProvider services, SessionSafetyOptions options)
    {
        var common = new DraftStoreOptions
        {
            TimeToLive = options.DraftTimeToLive,
            TimeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System,
            Logger = CreateLogger(services),
        };
        return options.StoreFactory is { } factory ? factory(services, common) : DraftStore.CreatePlatformDefault(common);
    }

    private static ILogger? CreateLogger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger(LoggerCategory);
}
