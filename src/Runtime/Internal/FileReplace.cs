using System;
using System.IO;
using System.Threading;

namespace SessionSafety.Internal;

/// <summary>Renames a file over another in one step, retrying briefly while Windows holds the target open.</summary>
internal static class FileReplace
{
#if !NET8_0_OR_GREATER
    // .NET Core 3.0+ has File.Move(source, target, overwrite), a rename(2) on Unix and MoveFileEx on
    // Windows; this build may run on .NET Framework, which has only File.Replace.
    private static readonly Action<string, string, bool>? MoveOverwrite = FindMoveOverwrite();
#endif

    public static void Replace(string source, string target)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                MoveOver(source, target);
                return;
            }
            catch (Exception exception) when (attempt < 8 && exception is IOException or UnauthorizedAccessException && exception is not FileNotFoundException)
            {
                // On Windows a reader without FILE_SHARE_DELETE blocks the rename for a moment.
                Thread.Sleep(1 << attempt);
            }
        }
    }

    private static void MoveOver(string source, string target)
    {
#if NET8_0_OR_GREATER
        File.Move(source, target, overwrite: true);
#else
        if (MoveOverwrite is not null)
        {
            MoveOverwrite(source, target, true);
            return;
        }

        if (File.Exists(target))
        {
            File.Replace(source, target, destinationBackupFileName: null, ignoreMetadataErrors: true);
        }
        else
        {
            try
            {
                File.Move(source, target);
            }
            catch (IOException) when (File.Exists(target))
            {
                File.Replace(source, target, destinationBackupFileName: null, ignoreMetadataErrors: true);
            }
        }
#endif
    }

#if !NET8_0_OR_GREATER
    private static Action<string, string, bool>? FindMoveOverwrite()
    {
        var method = typeof(File).GetMethod(nameof(File.Move), new[] { typeof(string), typeof(string), typeof(bool) });
        return method is null ? null : (Action<string, string, bool>)Delegate.CreateDelegate(typeof(Action<string, string, bool>), method);
    }
#endif
}
