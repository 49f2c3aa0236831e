using System;
using System.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SessionSafety.Internal;

namespace SessionSafety;

/// <summary>Registers the runtime helper in a service collection.</summary>
public static class SessionSafetyServiceCollectionExtensions
{
    /// <summary>The logger category SessionSafety logs under.</summary>
    public const string LoggerCategory = "SessionSafety";

    /// <summary>
    /// Registers <see cref="IDraftStore"/> (the platform default unless <paramref name="configure"/> chooses
    /// one), <see cref="DraftGuard"/> over it, a <see cref="SessionRecovery"/>, and
    /// <see cref="TimeProvider.System"/> if no clock is registered. In a server app (ASP.NET Core; see
    /// <see cref="SessionSafetyOptions.PerUser"/>) all three are per user: scoped, the store partitioned by
    /// the signed-in user, parked requests kept for the user who sent them. In a client app they are
    /// singletons. Logging goes to the app's <see cref="ILoggerFactory"/> when there is one. Calling it again
    /// replaces the registrations.
    /// </summary>
    public static IServiceCollection AddSessionSafety(this IServiceCollection services, Action<SessionSafetyOptions>? configure = null)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        var options = new SessionSafetyOptions();
        configure?.Invoke(options);
        options.IsPerUser = options.PerUser ?? ServerHost.IsServer(services);
        if (options.IsPerUser)
        {
            // From now on the static defaults refuse to make a store that all users would share.
            ServerHost.MarkPerUser();
        }

        var lifetime = options.EffectiveLifetime;
        services.TryAddSingleton(TimeProvider.System);
        services.RemoveAll<SessionSafetyOptions>();
        services.AddSingleton(options);
        services.RemoveAll<UserPartition>();
        services.RemoveAll<IDraftStore>();
        services.RemoveAll<DraftGuard>();
        services.RemoveAll<SessionRecovery>();
        if (options.IsPerUser)
        {
            services.AddScoped(sp => new UserPartition(options.UserId(sp)));
        }
        else
        {
            services.AddSingleton(UserPartition.Nobody);
        }

        services.Add(new ServiceDescriptor(typeof(IDraftStore), sp => CreateStore(sp, options), lifetime));
        services.Add(new ServiceDescriptor(
            typeof(DraftGuard),
            sp => new DraftGuard(new DraftGuardOptions { Store = sp.GetRequiredService<IDraftStore>(), Logger = CreateLogger(sp) }),
            lifetime));
        services.Add(new ServiceDescriptor(typeof(SessionRecovery), sp => CreateRecovery(sp), options.IsPerUser ? ServiceLifetime.Scoped : ServiceLifetime.Singleton));
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

    /// <summary>Whether the services registered so far are kept per user (by <c>AddSessionSafety</c>'s decision, else by the host).</summary>
    internal static bool IsPerUser(IServiceCollection services) =>
        services.LastOrDefault(d => d.ServiceType == typeof(SessionSafetyOptions))?.ImplementationInstance is SessionSafetyOptions options
            ? options.IsPerUser
            : ServerHost.IsServer(services);

    internal static SessionRecovery CreateRecovery(IServiceProvider services)
    {
        var options = services.GetService<SessionSafetyOptions>()?.Recovery.Clone() ?? new SessionRecoveryOptions();
        options.TimeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;
        options.Logger ??= CreateLogger(services);
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
        var userId = options.IsPerUser ? services.GetRequiredService<UserPartition>().UserId : null;
        return options.StoreFactory is { } factory
            ? factory(services, common, userId, options.IsPerUser)
            : SessionSafetyOptions.CreateFileStore(null, null, common, userId, options.IsPerUser);
    }

    private static ILogger? CreateLogger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger(LoggerCategory);
}
