using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace SessionSafety;

/// <summary>The default draft store, chosen by platform, and the factories of the others.</summary>
/// <remarks>
/// The static default is a convenience for client apps (desktop, MAUI, WebAssembly), where the process
/// belongs to one user. A server app (Blazor Server, MVC) must not share one store between users:
/// register stores per user with <c>services.AddSessionSafety(...)</c> and make them the ambient default
/// for each circuit or request with <see cref="SessionSafetyScope.Begin(IDraftStore, DraftGuard?)"/>.
/// </remarks>
public static class DraftStore
{
    private static IDraftStore? fallback;

    /// <summary>
    /// The store the generated code uses: the ambient store of the current <see cref="SessionSafetyScope"/>
    /// if there is one, else the process-wide store (set it at start-up; by default a
    /// <see cref="FileDraftStore"/> in <see cref="DefaultDirectory"/>, or an <see cref="InMemoryDraftStore"/>
    /// in the browser and where the platform has no per-user data folder).
    /// </summary>
    public static IDraftStore Default
    {
        get => SessionSafetyScope.CurrentStore ?? LazyInitializer.EnsureInitialized(ref fallback, () => CreatePlatformDefault())!;
        set => fallback = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// The per-user folder the default file store uses:
    /// <c>{LocalApplicationData}/SessionSafety/{entry assembly}/drafts</c> (on MAUI this is the app's
    /// private data folder), or <see langword="null"/> where there is none (the browser, a user without a home).
    /// </summary>
    public static string? DefaultDirectory
    {
        get
        {
            if (IsBrowser())
            {
                return null;
            }

            string root;
            try
            {
                root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            }
            catch (PlatformNotSupportedException)
            {
                return null;
            }

            if (string.IsNullOrEmpty(root))
            {
                return null;
            }

            return Path.Combine(root, "SessionSafety", SafeName(Assembly.GetEntryAssembly()?.GetName().Name), "drafts");
        }
    }

    /// <summary>
    /// The store for this platform: a <see cref="FileDraftStore"/> in <see cref="DefaultDirectory"/>, or an
    /// <see cref="InMemoryDraftStore"/> where there is no such folder (in the browser, switch to
    /// <c>BrowserDraftStore</c> at start-up: see <c>UseSessionSafetyDefaults</c>).
    /// </summary>
    public static IDraftStore CreatePlatformDefault(DraftStoreOptions? options = null)
    {
        var directory = DefaultDirectory;
        if (directory is null)
        {
            return options is null ? new InMemoryDraftStore() : new InMemoryDraftStore(options);
        }

        var fileOptions = new FileDraftStoreOptions { Directory = directory };
        if (options is not null)
        {
            fileOptions.TimeToLive = options.TimeToLive;
            fileOptions.TimeProvider = options.TimeProvider;
            fileOptions.Logger = options.Logger;
        }

        return new FileDraftStore(fileOptions);
    }

    internal static bool IsBrowser()
    {
#if NET8_0_OR_GREATER
        return OperatingSystem.IsBrowser() || OperatingSystem.IsWasi();
#else
        return RuntimeInformation.IsOSPlatform(OSPlatform.Create("BROWSER"));
#endif
    }

    private static string SafeName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "app";
        }

        var builder = new StringBuilder(name!.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        return builder.ToString().Trim('.');
    }
}
