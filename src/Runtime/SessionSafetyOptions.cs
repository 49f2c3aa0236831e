using System;
using Microsoft.Extensions.DependencyInjection;

namespace SessionSafety;

/// <summary>What <c>services.AddSessionSafety(...)</c> registers.</summary>
public sealed class SessionSafetyOptions
{
    internal Func<IServiceProvider, DraftStoreOptions, IDraftStore>? StoreFactory { get; private set; }

    internal ServiceLifetime DefaultLifetime { get; private set; } = ServiceLifetime.Singleton;

    /// <summary>How long drafts are kept. 24 hours by default.</summary>
    public TimeSpan DraftTimeToLive { get; set; } = DraftStoreOptions.DefaultTimeToLive;

    /// <summary>
    /// The lifetime of the registered <see cref="IDraftStore"/> and <see cref="DraftGuard"/>: singleton for
    /// the file and in-memory stores (client apps), scoped for the browser store on a server (one per
    /// Blazor circuit — never one store shared by all users). Set it to override.
    /// </summary>
    public ServiceLifetime? Lifetime { get; set; }

    /// <summary>The settings of the shared <see cref="SessionRecovery"/> used by <c>AddSessionRecovery</c>.</summary>
    public SessionRecoveryOptions Recovery { get; } = new();

    internal ServiceLifetime EffectiveLifetime => Lifetime ?? DefaultLifetime;

    /// <summary>Keeps drafts in files in <paramref name="directory"/> (<see cref="DraftStore.DefaultDirectory"/> when null), sealed with <paramref name="encryptionKey"/> if given.</summary>
    public SessionSafetyOptions UseFileStore(string? directory = null, DraftEncryptionKey? encryptionKey = null)
    {
        StoreFactory = (_, common) => new FileDraftStore(new FileDraftStoreOptions
        {
            Directory = directory,
            EncryptionKey = encryptionKey,
            TimeToLive = common.TimeToLive,
            TimeProvider = common.TimeProvider,
            Logger = common.Logger,
        });
        DefaultLifetime = ServiceLifetime.Singleton;
        return this;
    }

    /// <summary>Keeps drafts in memory.</summary>
    public SessionSafetyOptions UseInMemoryStore()
    {
        StoreFactory = (_, common) => new InMemoryDraftStore(common);
        DefaultLifetime = ServiceLifetime.Singleton;
        return this;
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// Keeps drafts in the browser's <c>localStorage</c> (or <c>sessionStorage</c>) through <c>IJSRuntime</c>:
    /// scoped (one per circuit) on Blazor Server, a singleton in WebAssembly.
    /// </summary>
    public SessionSafetyOptions UseBrowserStorage(bool useSessionStorage = false)
    {
        StoreFactory = (services, common) => new BrowserDraftStore(
            (Microsoft.JSInterop.IJSRuntime)services.GetService(typeof(Microsoft.JSInterop.IJSRuntime))!
                ?? throw new InvalidOperationException("The browser store needs IJSRuntime (a Blazor app)."),
            new BrowserDraftStoreOptions
            {
                UseSessionStorage = useSessionStorage,
                TimeToLive = common.TimeToLive,
                TimeProvider = common.TimeProvider,
                Logger = common.Logger,
            });
        DefaultLifetime = OperatingSystem.IsBrowser() ? ServiceLifetime.Singleton : ServiceLifetime.Scoped;
        return this;
    }
#endif

    /// <summary>Uses a store of the app's own.</summary>
    public SessionSafetyOptions UseStore(Func<IServiceProvider, IDraftStore> factory, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        if (factory is null)
        {
            throw new ArgumentNullException(nameof(factory));
        }

        StoreFactory = (services, _) => factory(services);
        DefaultLifetime = lifetime;
        return this;
    }
}
