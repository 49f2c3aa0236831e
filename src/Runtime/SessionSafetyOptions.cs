using System;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using SessionSafety.Internal;

namespace SessionSafety;

/// <summary>What <c>services.AddSessionSafety(...)</c> registers.</summary>
public sealed class SessionSafetyOptions
{
    private static readonly Type? HttpContextAccessorType =
        Type.GetType("Microsoft.AspNetCore.Http.IHttpContextAccessor, Microsoft.AspNetCore.Http.Abstractions", throwOnError: false);

    /// <summary>How long drafts are kept. 24 hours by default.</summary>
    public TimeSpan DraftTimeToLive { get; set; } = DraftStoreOptions.DefaultTimeToLive;

    /// <summary>
    /// Whether the store, the guard and the session recovery are kept per user: registered scoped (one per
    /// request or Blazor circuit), the store partitioned by the signed-in user (<see cref="UserId"/>: a
    /// folder of their own for the file store, keys of their own for the browser store), and parked requests
    /// replayed only for the user who sent them. <see langword="null"/> (the default) decides by the host:
    /// on for an ASP.NET Core app, which serves many users from one process; off for client apps
    /// (WebAssembly, MAUI, desktop, console), whose process belongs to one user.
    /// </summary>
    public bool? PerUser { get; set; }

    /// <summary>
    /// Who the user of a DI scope is, when the services are kept per user: an id that stays the same across
    /// their sessions, or <see langword="null"/> when nobody is signed in. By default the signed-in user of
    /// the request (through <c>IHttpContextAccessor</c>, when the app registers it, or a
    /// <see cref="ClaimsPrincipal"/> service), by <see cref="UserIdOf"/>. Blazor Server apps set it from the
    /// circuit's <c>AuthenticationStateProvider</c> (docs/runtime.md shows how). A scope without a user gets
    /// drafts that live in memory for that scope only: never a store another user could read.
    /// </summary>
    public Func<IServiceProvider, string?> UserId { get; set; } = DefaultUserId;

    /// <summary>
    /// The lifetime of the registered <see cref="IDraftStore"/> and <see cref="DraftGuard"/> when they are not
    /// kept per user (per-user services are always scoped): singleton for the file and in-memory stores,
    /// scoped for the browser store on a server. Set it to override.
    /// </summary>
    public ServiceLifetime? Lifetime { get; set; }

    /// <summary>The settings of the <see cref="SessionRecovery"/> used by <c>AddSessionRecovery</c>.</summary>
    public SessionRecoveryOptions Recovery { get; } = new();

    internal Func<IServiceProvider, DraftStoreOptions, string?, bool, IDraftStore>? StoreFactory { get; private set; }

    internal ServiceLifetime DefaultLifetime { get; private set; } = ServiceLifetime.Singleton;

    /// <summary>Whether <c>AddSessionSafety</c> registered the services per user (decided once, at registration).</summary>
    internal bool IsPerUser { get; set; }

    internal ServiceLifetime EffectiveLifetime => IsPerUser ? ServiceLifetime.Scoped : Lifetime ?? DefaultLifetime;

    /// <summary>
    /// The id of a signed-in user: the <c>NameIdentifier</c> claim, else <c>sub</c>, else <c>oid</c>, else the
    /// identity's name; <see langword="null"/> for a user who is not signed in.
    /// </summary>
    public static string? UserIdOf(ClaimsPrincipal? user)
    {
        if (user?.Identity is not { IsAuthenticated: true } identity)
        {
            return null;
        }

        var id = user.FindFirst(ClaimTypes.NameIdentifier)?.Value
            ?? user.FindFirst("sub")?.Value
            ?? user.FindFirst("oid")?.Value
            ?? identity.Name;
        return string.IsNullOrEmpty(id) ? null : id;
    }

    /// <summary>Keeps drafts in files in <paramref name="directory"/> (<see cref="DraftStore.DefaultDirectory"/> when null), sealed with <paramref name="encryptionKey"/> if given.</summary>
    public SessionSafetyOptions UseFileStore(string? directory = null, DraftEncryptionKey? encryptionKey = null)
    {
        StoreFactory = (_, common, userId, perUser) => CreateFileStore(directory, encryptionKey, common, userId, perUser);
        DefaultLifetime = ServiceLifetime.Singleton;
        return this;
    }

    /// <summary>Keeps drafts in memory.</summary>
    public SessionSafetyOptions UseInMemoryStore()
    {
        StoreFactory = (_, common, _, _) => new InMemoryDraftStore(common);
        DefaultLifetime = ServiceLifetime.Singleton;
        return this;
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// Keeps drafts in the browser's <c>localStorage</c> (or <c>sessionStorage</c>) through <c>IJSRuntime</c>:
    /// scoped (one per circuit) on Blazor Server, a singleton in WebAssembly. On a server each circuit's
    /// store is given the signed-in user (<see cref="BrowserDraftStore.UserId"/>), so that on a shared
    /// browser one account never sees another's drafts.
    /// </summary>
    public SessionSafetyOptions UseBrowserStorage(bool useSessionStorage = false) =>
        UseBrowserStorage(browser => browser.UseSessionStorage = useSessionStorage);

    /// <summary>
    /// Keeps drafts in the browser's storage as <see cref="UseBrowserStorage(bool)"/> does, with the settings
    /// <paramref name="configure"/> gives each store — on Blazor Server typically an
    /// <see cref="BrowserDraftStoreOptions.EncryptionKey"/> that stays on the server, so the browser holds
    /// ciphertext only. <see cref="DraftStoreOptions.TimeToLive"/> starts as
    /// <see cref="DraftTimeToLive"/>, the clock and logger are the app's, and on a server the store's user is
    /// the circuit's. A key configured in the browser (WebAssembly) is refused here, at registration, with
    /// <see cref="PlatformNotSupportedException"/>.
    /// </summary>
    public SessionSafetyOptions UseBrowserStorage(Action<BrowserDraftStoreOptions> configure)
    {
        if (configure is null)
        {
            throw new ArgumentNullException(nameof(configure));
        }

        // At registration, so that a WebAssembly app that configures a key learns it at start-up.
        var probe = new BrowserDraftStoreOptions();
        configure(probe);
        BrowserDraftStore.RefuseKeyInTheBrowser(probe);

        StoreFactory = (services, common, userId, perUser) =>
        {
            var js = (Microsoft.JSInterop.IJSRuntime?)services.GetService(typeof(Microsoft.JSInterop.IJSRuntime))
                ?? throw new InvalidOperationException("The browser store needs IJSRuntime (a Blazor app).");
            var browser = new BrowserDraftStoreOptions
            {
                TimeToLive = common.TimeToLive,
                TimeProvider = common.TimeProvider,
                Logger = common.Logger,
            };
            configure(browser);
            if (perUser)
            {
                browser.UserId = userId;
            }

            return new BrowserDraftStore(js, browser);
        };
        DefaultLifetime = OperatingSystem.IsBrowser() ? ServiceLifetime.Singleton : ServiceLifetime.Scoped;
        return this;
    }
#endif

    /// <summary>Uses a store of the app's own (on a server, per user if <paramref name="lifetime"/> is scoped and the factory makes it so).</summary>
    public SessionSafetyOptions UseStore(Func<IServiceProvider, IDraftStore> factory, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        if (factory is null)
        {
            throw new ArgumentNullException(nameof(factory));
        }

        StoreFactory = (services, _, _, _) => factory(services);
        DefaultLifetime = lifetime;
        return this;
    }

    /// <summary>
    /// A file store, or — kept per user — the user's own folder under it; without a signed-in user, memory
    /// that lives with the scope (a folder shared by everyone who is not signed in would mix their drafts).
    /// </summary>
    internal static IDraftStore CreateFileStore(string? directory, DraftEncryptionKey? encryptionKey, DraftStoreOptions common, string? userId, bool perUser)
    {
        var root = directory ?? DraftStore.DefaultDirectory;
        if (root is null)
        {
            return new InMemoryDraftStore(common);
        }

        if (perUser && userId is null)
        {
            Log.NoSignedInUser(common.Logger);
            return new InMemoryDraftStore(common);
        }

        return new FileDraftStore(new FileDraftStoreOptions
        {
            Directory = perUser ? UserPartition.FolderFor(root, userId!) : root,
            EncryptionKey = encryptionKey,
            TimeToLive = common.TimeToLive,
            TimeProvider = common.TimeProvider,
            Logger = common.Logger,
            MaxContentLength = common.MaxContentLength,
        });
    }

    /// <summary>The request's user, found without referencing ASP.NET Core.</summary>
    private static string? DefaultUserId(IServiceProvider services)
    {
        if (services.GetService(typeof(ClaimsPrincipal)) is ClaimsPrincipal registered)
        {
            return UserIdOf(registered);
        }

        if (HttpContextAccessorType is null || services.GetService(HttpContextAccessorType) is not { } accessor)
        {
            return null;
        }

        var context = HttpContextAccessorType.GetProperty("HttpContext")?.GetValue(accessor);
        return UserIdOf(context?.GetType().GetProperty("User")?.GetValue(context) as ClaimsPrincipal);
    }
}
