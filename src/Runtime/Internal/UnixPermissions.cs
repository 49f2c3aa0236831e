using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
#if !NET8_0_OR_GREATER
using System.Reflection;
#endif

namespace SessionSafety.Internal;

/// <summary>
/// Owner-only folders (0700) and files (0600) on Unix, from both builds. The .NET 8 build has the APIs;
/// the netstandard2.0 build finds the same ones by reflection when it runs on .NET 7 or later, and falls
/// back to chmod(2) elsewhere (Mono), where the mode of an existing folder cannot be read.
/// </summary>
internal static class UnixPermissions
{
    public const int OwnerOnlyFolder = 0x1C0; // 0700
    public const int OwnerOnlyFile = 0x180; // 0600
    public const int GroupWrite = 0x10; // 0020
    public const int OtherWrite = 0x2; // 0002
    public const int GroupOrOther = 0x3F; // 0077

#if !NET8_0_OR_GREATER
    private static readonly Type? ModeType = typeof(File).Assembly.GetType("System.IO.UnixFileMode") ?? Type.GetType("System.IO.UnixFileMode", throwOnError: false);
    private static readonly MethodInfo? GetMode = ModeType is null ? null : typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });
    private static readonly MethodInfo? SetMode = ModeType is null ? null : typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), ModeType });
#endif

#if NET8_0_OR_GREATER
    [System.Runtime.Versioning.UnsupportedOSPlatformGuard("windows")]
#endif
    public static bool IsUnix
    {
        get
        {
#if NET8_0_OR_GREATER
            return !OperatingSystem.IsWindows() && !OperatingSystem.IsBrowser() && !OperatingSystem.IsWasi();
#else
            return !RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && !RuntimeInformation.IsOSPlatform(OSPlatform.Create("BROWSER"));
#endif
        }
    }

    /// <summary>Creates <paramref name="path"/> and every missing folder above it, each owner-only on Unix (not left to the umask).</summary>
    public static void CreatePrivateDirectory(string path)
    {
        var missing = new Stack<string>();
        for (var current = Path.GetFullPath(path); !string.IsNullOrEmpty(current) && !Directory.Exists(current); current = Path.GetDirectoryName(current))
        {
            missing.Push(current!);
        }

        while (missing.Count > 0)
        {
            var folder = missing.Pop();
#if NET8_0_OR_GREATER
            if (IsUnix)
            {
                Directory.CreateDirectory(folder, (UnixFileMode)OwnerOnlyFolder);
                continue;
            }
#endif
            Directory.CreateDirectory(folder);
            if (IsUnix)
            {
                // The folder exists with the umask's mode for a moment, empty: nothing can be read from it.
                TrySetMode(folder, OwnerOnlyFolder);
            }
        }
    }

    /// <summary>The permission bits of <paramref name="path"/> (not following a final link), or null where they cannot be read.</summary>
    public static int? TryGetMode(string path)
    {
        if (!IsUnix)
        {
            return null;
        }
        try
        {
#if NET8_0_OR_GREATER
            return (int)File.GetUnixFileMode(path);
#else
            return GetMode is null ? null : Convert.ToInt32(GetMode.Invoke(null, new object[] { path }), System.Globalization.CultureInfo.InvariantCulture);
#endif
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or PlatformNotSupportedException
#if !NET8_0_OR_GREATER
            or TargetInvocationException
#endif
            )
        {
            return null;
        }
    }

    /// <summary>Sets the permission bits; false where that is not possible (not the owner, no API).</summary>
    public static bool TrySetMode(string path, int mode)
    {
        if (!IsUnix)
        {
            return false;
        }

        try
        {
#if NET8_0_OR_GREATER
            File.SetUnixFileMode(path, (UnixFileMode)mode);
            return true;
#else
            if (SetMode is not null)
            {
                SetMode.Invoke(null, new[] { path, Enum.ToObject(ModeType!, mode) });
                return true;
            }

            return Chmod(path, mode) == 0;
#endif
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or PlatformNotSupportedException
#if !NET8_0_OR_GREATER
            or TargetInvocationException or DllNotFoundException or EntryPointNotFoundException
#endif
            )
        {
            return false;
        }
    }

#if !NET8_0_OR_GREATER
    [DllImport("libc", EntryPoint = "chmod", SetLastError = true)]
    private static extern int Chmod(string path, int mode);
#endif
}
