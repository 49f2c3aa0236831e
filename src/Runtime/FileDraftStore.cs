using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SessionSafety.Internal;

namespace SessionSafety;

/// <summary>
/// Keeps drafts as files: one file per key in one folder, named by a hash of the key so that no key can
/// name a file outside the folder. Every write goes to a temporary file in the same folder, is flushed,
/// and then renamed over the previous draft, so a crash at any moment leaves the previous or the new
/// draft, never a torn one; concurrent writers (threads or processes) each replace the whole file. A
/// file that cannot be read (truncated, garbled, another format version, altered, sealed with another
/// key) is moved aside as <c>*.corrupt</c> and reported through <see cref="Problem"/> and the logger;
/// nothing is thrown at the caller, and the other drafts are unaffected.
/// </summary>
public sealed class FileDraftStore : IDraftStore, ISynchronousDraftStore
{
    /// <summary>The extension of a draft file.</summary>
    public const string DraftExtension = ".draft";

    /// <summary>The extension a file that could not be read is given when it is set aside.</summary>
    public const string CorruptExtension = ".corrupt";

    private const string TempExtension = ".tmp";
    private const string DeletingExtension = ".deleting";

    private readonly TimeProvider time;
    private readonly ILogger? logger;
    private readonly DraftEncryptionKey? encryptionKey;
    private readonly bool flushToDisk;
    private int housekeepingDone;

    /// <summary>Creates a store in <paramref name="directory"/>.</summary>
    public FileDraftStore(string directory)
        : this(new FileDraftStoreOptions { Directory = directory ?? throw new ArgumentNullException(nameof(directory)) })
    {
    }

    /// <summary>Creates a store with <paramref name="options"/> (the default folder, 24-hour drafts, no encryption when omitted).</summary>
    public FileDraftStore(FileDraftStoreOptions? options = null)
    {
        options ??= new FileDraftStoreOptions();
        Directory = Path.GetFullPath(options.Directory ?? DraftStore.DefaultDirectory
            ?? throw new InvalidOperationException("This platform has no per-user data folder: give the store a directory."));
        TimeToLive = options.TimeToLive;
        time = options.TimeProvider ?? TimeProvider.System;
        logger = options.Logger;
        encryptionKey = options.EncryptionKey;
        flushToDisk = options.FlushToDisk;
    }

    /// <summary>Reported when a draft file could not be read (and was set aside) or a storage operation failed.</summary>
    public event EventHandler<DraftProblemEventArgs>? Problem;

    /// <summary>The folder the drafts are in.</summary>
    public string Directory { get; }

    /// <summary>How long a draft is kept.</summary>
    public TimeSpan TimeToLive { get; }

    /// <summary>Whether drafts are sealed with the app's key.</summary>
    public bool IsEncrypted => encryptionKey is not null;

    /// <summary>Temporary files older than this are left-overs of a crashed writer and are deleted.</summary>
    internal TimeSpan StaleFileAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The cipher new drafts are sealed with (tests choose the one a platform would).</summary>
    internal DraftCipherKind Cipher { get; set; } = DraftCipher.Preferred;

    bool ISynchronousDraftStore.CanSaveSynchronously => true;

    /// <summary>The file a key's draft is kept in: always directly inside <see cref="Directory"/>.</summary>
    public string GetPath(string key)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        return Path.Combine(Directory, FileName(key));
    }

    /// <inheritdoc />
    public ValueTask SaveAsync(string key, string content, CancellationToken cancellationToken = default)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask(Task.Run(() => Save(key, content), cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<Draft?> TryLoadAsync(string key, CancellationToken cancellationToken = default)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<Draft?>(Task.Run(() => TryLoad(key), cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<bool>(Task.Run(() => Remove(key), cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<DraftInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<IReadOnlyList<DraftInfo>>(Task.Run(List, cancellationToken));
    }

    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/> synchronously; identical content is not rewritten.</summary>
    public void Save(string key, string content)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        content ??= string.Empty;
        var path = GetPath(key);
        try
        {
            EnsureDirectory();
            Housekeeping();
            var hash = DraftFileFormat.ContentHash(content, encryptionKey);
            var existing = Read(path, key, "save");
            if (existing is { } entry && !entry.Expired && Bytes.FixedTimeEquals(entry.Result.ContentHash!, 0, hash, 0, hash.Length))
            {
                Log.DraftUnchanged(logger, key);
                return;
            }

            var bytes = DraftFileFormat.Encode(key, content, time.GetUtcNow(), hash, encryptionKey, Cipher);
            WriteAtomically(path, bytes);
            Log.DraftSaved(logger, key, content.Length);
        }
        catch (Exception exception) when (IsStorageFailure(exception))
        {
            ReportFailure("save", key, path, exception);
        }
    }

    /// <summary>The draft under <paramref name="key"/>, read synchronously; <see langword="null"/> when there is none, it expired, or it could not be read.</summary>
    public Draft? TryLoad(string key)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        var path = GetPath(key);
        try
        {
            var entry = Read(path, key, "load");
            if (entry is null)
            {
                return null;
            }

            if (entry.Value.Expired)
            {
                DeleteIfUnchanged(path, entry.Value.Bytes);
                Log.DraftExpired(logger, key);
                return null;
            }

            return new Draft(key, entry.Value.Result.Content!, entry.Value.Result.SavedAt);
        }
        catch (Exception exception) when (IsStorageFailure(exception))
        {
            ReportFailure("load", key, path, exception);
            return null;
        }
    }

    /// <summary>Removes the draft under <paramref name="key"/> synchronously; returns whether there was one.</summary>
    public bool Remove(string key)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        var path = GetPath(key);
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }

            File.Delete(path);
            Log.DraftRemoved(logger, key);
            return true;
        }
        catch (Exception exception) when (IsStorageFailure(exception))
        {
            ReportFailure("remove", key, path, exception);
            return false;
        }
    }

    /// <summary>The drafts that have not expired, read synchronously.</summary>
    public IReadOnlyList<DraftInfo> List()
    {
        var drafts = new List<DraftInfo>();
        try
        {
            if (!System.IO.Directory.Exists(Directory))
            {
                return drafts;
            }

            Housekeeping(force: true);
            foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*" + DraftExtension))
            {
                if (!path.EndsWith(DraftExtension, StringComparison.Ordinal))
                {
                    continue;
                }

                var entry = Read(path, expectedKey: null, "list");
                if (entry is null)
                {
                    continue;
                }

                if (entry.Value.Expired)
                {
                    DeleteIfUnchanged(path, entry.Value.Bytes);
                    Log.DraftExpired(logger, entry.Value.Result.Key!);
                    continue;
                }

                drafts.Add(new DraftInfo(entry.Value.Result.Key!, entry.Value.Result.SavedAt));
            }
        }
        catch (Exception exception) when (IsStorageFailure(exception))
        {
            ReportFailure("list", null, Directory, exception);
        }

        drafts.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return drafts;
    }

    void ISynchronousDraftStore.Save(string key, string content) => Save(key, content);

    internal static string FileName(string key) => Bytes.ToHex(Bytes.Sha256(Bytes.Utf16(key))) + DraftExtension;

    private static bool IsStorageFailure(Exception exception) =>
        exception is IOException or UnauthorizedAccessException or System.Security.SecurityException or NotSupportedException;

    private static byte[]? ReadAllBytes(string path)
    {
        try
        {
            // Readers let writers rename over the file (and delete it) while they read.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.SequentialScan);
            var length = stream.Length;
            if (length > int.MaxValue)
            {
                throw new IOException("The draft file is too large.");
            }

            var buffer = new byte[length];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = stream.Read(buffer, read, buffer.Length - read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            if (read != buffer.Length)
            {
                Array.Resize(ref buffer, read);
            }

            return buffer;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static bool SameBytes(byte[]? a, byte[]? b)
    {
        if (a is null || b is null || a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (IsStorageFailure(exception))
        {
            // A left-over temporary file is cleaned up later; it is never read as a draft.
        }
    }

    /// <summary>Reads and checks a draft file; a bad file is set aside and reported, and the read retried when a writer replaced it meanwhile.</summary>
    private Entry? Read(string path, string? expectedKey, string operation)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var bytes = ReadAllBytes(path);
            if (bytes is null)
            {
                return null;
            }

            var result = DraftFileFormat.Decode(bytes, encryptionKey);
            DraftProblemKind problem;
            string reason;
            if (!result.Success)
            {
                problem = result.Problem;
                reason = result.Reason!;
            }
            else if ((expectedKey is not null && !string.Equals(result.Key, expectedKey, StringComparison.Ordinal))
                || !string.Equals(Path.GetFileName(path), FileName(result.Key!), StringComparison.OrdinalIgnoreCase))
            {
                problem = DraftProblemKind.WrongKey;
                reason = "the file holds the draft of another key";
            }
            else
            {
                var expired = time.GetUtcNow() - result.SavedAt >= TimeToLive;
                return new Entry(bytes, result, expired);
            }

            if (SetAside(path, bytes, expectedKey ?? result.Key, problem, reason, operation))
            {
                return null;
            }

            // The file changed under us (a writer replaced it): read the new one.
        }

        return null;
    }

    /// <summary>
    /// Moves an unreadable file aside, unless a writer has replaced it since it was read. Returns
    /// <see langword="false"/> when the file changed and should be read again.
    /// </summary>
    private bool SetAside(string path, byte[] badBytes, string? key, DraftProblemKind problem, string reason, string operation)
    {
        string? target = null;
        try
        {
            if (!SameBytes(ReadAllBytes(path), badBytes))
            {
                return false;
            }

            target = UniqueSibling(path, CorruptExtension);
            File.Move(path, target);
            if (!SameBytes(ReadAllBytes(target), badBytes))
            {
                // A writer's rename landed between the check and the move: that good draft goes back,
                // unless an even newer one has arrived since.
                try
                {
                    File.Move(target, path);
                }
                catch (IOException)
                {
                    TryDelete(target);
                }

                return false;
            }
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (Exception exception) when (IsStorageFailure(exception))
        {
            target = null;
        }

        Log.DraftCorrupt(logger, key, reason, target);
        Raise(new DraftProblemEventArgs(problem, key, operation, reason, path, target, null));
        return true;
    }

    /// <summary>Deletes an expired draft unless a writer has replaced it with a fresh one meanwhile.</summary>
    private void DeleteIfUnchanged(string path, byte[] expected)
    {
        var target = UniqueSibling(path, DeletingExtension);
        try
        {
            File.Move(path, target);
        }
        catch (Exception exception) when (IsStorageFailure(exception))
        {
            return;
        }

        if (SameBytes(ReadAllBytes(target), expected))
        {
            TryDelete(target);
            return;
        }

        try
        {
            File.Move(target, path);
        }
        catch (IOException)
        {
            TryDelete(target);
        }
    }

    private void WriteAtomically(string path, byte[] bytes)
    {
        var temp = UniqueSibling(path, TempExtension);
        try
        {
            using (var stream = OpenNew(temp))
            {
                stream.Write(bytes, 0, bytes.Length);
                if (flushToDisk)
                {
                    stream.Flush(flushToDisk: true);
                }
            }

            FileReplace.Replace(temp, path);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private FileStream OpenNew(string path)
    {
#if NET8_0_OR_GREATER
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
#else
        return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
#endif
    }

    private void EnsureDirectory()
    {
#if NET8_0_OR_GREATER
        if (!OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return;
        }
#endif
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>Deletes what crashed writers left behind and set-aside files older than a draft may live.</summary>
    private void Housekeeping(bool force = false)
    {
        if (!force && Interlocked.Exchange(ref housekeepingDone, 1) == 1)
        {
            return;
        }

        try
        {
            var now = DateTime.UtcNow;
            foreach (var path in System.IO.Directory.EnumerateFiles(Directory))
            {
                var maxAge = path.EndsWith(TempExtension, StringComparison.Ordinal) || path.EndsWith(DeletingExtension, StringComparison.Ordinal)
                    ? StaleFileAge
                    : path.EndsWith(CorruptExtension, StringComparison.Ordinal) ? TimeToLive : (TimeSpan?)null;
                if (maxAge is { } age && now - File.GetLastWriteTimeUtc(path) > age)
                {
                    TryDelete(path);
                }
            }
        }
        catch (Exception exception) when (IsStorageFailure(exception))
        {
            // Housekeeping is best effort.
        }
    }

    private static string UniqueSibling(string path, string extension) =>
        path + "." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N").Substring(0, 12) + extension;

    private void ReportFailure(string operation, string? key, string location, Exception exception)
    {
        Log.StoreFailed(logger, operation, key, exception);
        Raise(new DraftProblemEventArgs(DraftProblemKind.StorageFailure, key, operation, exception.GetType().Name + ": " + exception.Message, location, null, exception));
    }

    private void Raise(DraftProblemEventArgs args)
    {
        try
        {
            Problem?.Invoke(this, args);
        }
        catch (Exception exception)
        {
            Log.HandlerFailed(logger, nameof(Problem), exception);
        }
    }

    private readonly struct Entry
    {
        public Entry(byte[] bytes, DecodeResult result, bool expired)
        {
            Bytes = bytes;
            Result = result;
            Expired = expired;
        }

        public byte[] Bytes { get; }

        public DecodeResult Result { get; }

        public bool Expired { get; }
    }
}
