using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using SessionSafety.Internal;

namespace SessionSafety;

/// <summary>The default draft store, chosen by platform, and the factories of the others.</summary>
/// <remarks>
/// The static default is a convenience for client apps (desktop, MAUI, WebAssembly), where the process
/// belongs to one user. A server app (Blazor Server, MVC) must not share one store between users:
/// <c>services.AddSessionSafety(...)</c> registers stores per user there, and
/// <see cref="SessionSafetyScope.Begin(IServiceProvider)"/> makes the user's the ambient default for each
/// circuit or request. Outside such a scope a server app gets an error instead of a shared store.
/// </remarks>
public static class DraftStore
{
    private static IDraftStore? assigned;
    private static IDraftStore? fallback;

    /// <summary>
    /// The store the generated code uses: the ambient store of the current <see cref="SessionSafetyScope"/>
    /// if there is one, else the process-wide store (set it at start-up; by default a
    /// <see cref="FileDraftStore"/> in <see cref="DefaultDirectory"/>, or an <see cref="InMemoryDraftStore"/>
    /// in the browser and where the platform has no per-user data folder).
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// In a server app (ASP.NET Core) outside a <see cref="SessionSafetyScope"/>, unless the app assigned a
    /// store itself: a process-wide store there would be shared by every user.
    /// </exception>
    public static IDraftStore Default
    {
        get => SessionSafetyScope.CurrentStore ?? Volatile.Read(ref assigned) ?? PlatformFallback();
        set => Volatile.Write(ref assigned, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Whether the app assigned <see cref="Default"/> itself (it then decides who shares it).</summary>
    internal static bool IsAssigned => Volatile.Read(ref assigned) is not null;

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
            fileOptions.MaxContentLength = options.MaxContentLength;
        }

        return new FileDraftStore(fileOptions);
    }

    /// <summary>For tests: forgets an assigned default.</summary>
    internal static void ResetAssigned() => Volatile.Write(ref assigned, null);

    internal static bool IsBrowser()
    {
#if NET8_0_OR_GREATER
        return OperatingSystem.IsBrowser() || OperatingSystem.IsWasi();
#else
        return RuntimeInformation.IsOSPlatform(OSPlatform.Create("BROWSER"));
#endif
    }

    private static IDraftStore PlatformFallback()
    {
        if (ServerHost.IsServerProcess)
        {
            throw ServerHost.SharedDefaultRefused("DraftStore.Default");
        }

        return LazyInitializer.EnsureInitialized(ref fallback, () => CreatePlatformDefault())!;
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
