using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
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
/// nothing is thrown at the caller, and the other drafts are unaffected. On Unix the folder (and every
/// folder it creates above it) is 0700 and the files 0600; a folder that is a symbolic link or writable by
/// other users is refused, and anything at a draft's path that is not a plain file (a link, a FIFO, a
/// device) or is larger than a draft can be is set aside without being opened.
/// </summary>
public sealed class FileDraftStore : IDraftStore, IReportingDraftStore
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
    private readonly DraftEncryptionKey[] previousKeys;
    private readonly bool flushToDisk;
    private readonly int maxContentLength;
    private readonly long maxFileLength;
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
        previousKeys = options.PreviousEncryptionKeys.Where(k => k is not null).ToArray();
        flushToDisk = options.FlushToDisk;
        maxContentLength = options.MaxContentLength;

        // The largest file a draft within the limits makes: header, key and content as UTF-16, the
        // cipher's nonce, tag or padding and MAC, checksum.
        maxFileLength = DraftFileFormat.Overhead + 4 + (2L * (DraftStoreOptions.MaxKeyLength + (long)maxContentLength)) + 64;
    }

    /// <summary>Reported when a draft could not be stored or read (and was set aside), the folder was refused, or a storage operation failed.</summary>
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

    bool IReportingDraftStore.CanSaveSynchronously => true;

    /// <summary>The file a key's draft is kept in: always directly inside <see cref="Directory"/>.</summary>
    public string GetPath(string key)
    {
        DraftKeys.Check(key);
        return Path.Combine(Directory, FileName(key));
    }

    /// <inheritdoc />
    public ValueTask SaveAsync(string key, string content, CancellationToken cancellationToken = default)
    {
        DraftKeys.Check(key);
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask(Task.Run(() => Save(key, content), cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<Draft?> TryLoadAsync(string key, CancellationToken cancellationToken = default)
    {
        DraftKeys.Check(key);
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<Draft?>(Task.Run(() => TryLoad(key), cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        DraftKeys.Check(key);
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
    public void Save(string key, string content) => TrySave(key, content);

    /// <summary>The draft under <paramref name="key"/>, read synchronously; <see langword="null"/> when there is none, it expired, or it could not be read.</summary>
    public Draft? TryLoad(string key)
    {
        var path = GetPath(key);
        try
        {
            if (!CheckDirectory(create: false, "load", key))
            {
                return null;
            }

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

            var draft = new Draft(key, entry.Value.Result.Content!, entry.Value.Result.SavedAt);
            if (entry.Value.SealedWithPreviousKey)
            {
                Reseal(path, draft);
            }

            return draft;
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
        var path = GetPath(key);
        try
        {
            if (!CheckDirectory(create: false, "remove", key) || !File.Exists(path))
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

    /// <summary>The drafts that have not expired, read synchronously. A file that cannot be read is set aside and reported; the others are listed.</summary>
    public IReadOnlyList<DraftInfo> List()
    {
        var drafts = new List<DraftInfo>();
        string[] paths;
        try
        {
            if (!CheckDirectory(create: false, "list", null))
            {
                return drafts;
            }

            Housekeeping(force: true);
            paths = System.IO.Directory.GetFiles(Directory, "*" + DraftExtension);
        }
        catch (Exception exception) when (IsStorageFailure(exception))
        {
            ReportFailure("list", null, Directory, exception);
            return drafts;
        }

        foreach (var path in paths)
        {
            if (!path.EndsWith(DraftExtension, StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
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
            catch (Exception exception) when (IsStorageFailure(exception))
            {
                // One file that cannot be read does not hide the others.
                ReportFailure("list", null, path, exception);
            }
        }

        drafts.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return drafts;
    }

    bool IReportingDraftStore.TrySave(string key, string content) => TrySave(key, content);

    ValueTask<bool> IReportingDraftStore.TrySaveAsync(string key, string content, CancellationToken cancellationToken)
    {
        DraftKeys.Check(key);
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<bool>(Task.Run(() => TrySave(key, content), cancellationToken));
    }

    void IReportingDraftStore.ReportNotStored(string key, DraftProblemKind kind, string reason, Exception? exception)
    {
        Log.DraftNotStored(logger, key, reason, exception);
        Raise(new DraftProblemEventArgs(kind, key, "save", reason, null, null, exception));
    }

    internal static string FileName(string key) => Bytes.ToHex(Bytes.Sha256(Bytes.Utf16(key))) + DraftExtension;

    private static bool IsStorageFailure(Exception exception) =>
        exception is IOException or UnauthorizedAccessException or System.Security.SecurityException or NotSupportedException;

    /// <summary>Whether <paramref name="info"/> is a symbolic link (or junction): the store never follows one.</summary>
    private static bool IsLink(FileSystemInfo info)
    {
#if NET8_0_OR_GREATER
        return info.LinkTarget is not null;
#else
        return UnixPermissions.IsUnix && (info.Attributes & FileAttributes.ReparsePoint) != 0;
#endif
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes (the file may grow between the size check and the read).</summary>
    private static byte[]? ReadAllBytes(string path, long limit)
    {
        try
        {
            // Readers let writers rename over the file (and delete it) while they read.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.SequentialScan);
            var length = Math.Min(stream.Length, limit);
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

    private static string UniqueSibling(string path, string extension) =>
        path + "." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N").Substring(0, 12) + extension;

    private bool TrySave(string key, string content)
    {
        var path = GetPath(key);
        content ??= string.Empty;
        if (content.Length > maxContentLength)
        {
            var reason = $"the draft has {content.Length} characters; the limit is {maxContentLength}";
            Log.DraftNotStored(logger, key, reason, null);
            Raise(new DraftProblemEventArgs(DraftProblemKind.TooLarge, key, "save", reason, path, null, null));
            return false;
        }

        try
        {
            if (!CheckDirectory(create: true, "save", key))
            {
                return false;
            }

            Housekeeping();
            var hash = DraftFileFormat.ContentHash(content, encryptionKey);
            if (IsUnchanged(path, hash))
            {
                Log.DraftUnchanged(logger, key);
                return true;
            }

            // Sets aside (and reports) what is there if it cannot be read, before it is replaced.
            Read(path, key, "save");
            var bytes = DraftFileFormat.Encode(key, content, time.GetUtcNow(), hash, encryptionKey, Cipher);
            WriteAtomically(path, bytes);
            Log.DraftSaved(logger, key, content.Length);
            return true;
        }
        catch (Exception exception) when (IsStorageFailure(exception))
        {
            ReportFailure("save", key, path, exception);
            return false;
        }
    }

    /// <summary>
    /// Whether the file already holds this content, unexpired, decided from its header and its checksum —
    /// without reading the body into memory or decrypting it (autosave saves the same text often).
    /// </summary>
    private bool IsUnchanged(string path, byte[] contentHash)
    {
        var info = new FileInfo(path);
        if (!info.Exists || IsLink(info) || info.Length < DraftFileFormat.Overhead || info.Length > maxFileLength)
        {
            return false;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.SequentialScan);
            var length = stream.Length;
            var header = new byte[DraftFileFormat.HeaderSize];
            if (stream.Read(header, 0, header.Length) != header.Length
                || !DraftFileFormat.TryReadHeader(header, length, out var storedHash, out var savedAt)
                || !Bytes.FixedTimeEquals(storedHash, 0, contentHash, 0, contentHash.Length)
                || IsExpired(savedAt) || IsFromTheFuture(savedAt))
            {
                return false;
            }

            // The trailing checksum, computed in chunks: a file damaged since it was written is replaced.
            using var sha = SHA256.Create();
            sha.TransformBlock(header, 0, header.Length, null, 0);
            var buffer = new byte[64 * 1024];
            var remaining = length - DraftFileFormat.HeaderSize - DraftFileFormat.ChecksumSize;
            while (remaining > 0)
            {
                var n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
                if (n == 0)
                {
                    return false;
                }

                sha.TransformBlock(buffer, 0, n, null, 0);
                remaining -= n;
            }

            sha.TransformFinalBlock(buffer, 0, 0);
            var checksum = new byte[DraftFileFormat.ChecksumSize];
            return stream.Read(checksum, 0, checksum.Length) == checksum.Length
                && Bytes.FixedTimeEquals(sha.Hash!, 0, checksum, 0, checksum.Length);
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    private bool IsExpired(DateTimeOffset savedAt) => time.GetUtcNow() - savedAt >= TimeToLive;

    /// <summary>A save time later than now by more than a draft lives cannot be true: a draft would never expire.</summary>
    private bool IsFromTheFuture(DateTimeOffset savedAt) => savedAt - time.GetUtcNow() > TimeToLive;

    /// <summary>
    /// Checks the drafts folder before it is used: a folder that is a symbolic link, or that other users
    /// can write to, is refused (reported, nothing read or written); a folder others can only read is made
    /// owner-only. With <paramref name="create"/> a missing folder (and the folders above it) is created
    /// owner-only; without it, a missing folder means "no drafts". Returns whether the folder may be used.
    /// </summary>
    private bool CheckDirectory(bool create, string operation, string? key)
    {
        var folder = new DirectoryInfo(Directory);
        if (!folder.Exists)
        {
            if (!create)
            {
                return false;
            }

            UnixPermissions.CreatePrivateDirectory(Directory);
            return true;
        }

        string? refusal = null;
        if (IsLink(folder))
        {
            refusal = "the drafts folder is a symbolic link";
        }
        else if (UnixPermissions.TryGetMode(Directory) is { } mode && (mode & UnixPermissions.GroupOrOther) != 0)
        {
            if ((mode & (UnixPermissions.GroupWrite | UnixPermissions.OtherWrite)) != 0)
            {
                refusal = "the drafts folder can be written by other users (mode " + Convert.ToString(mode, 8) + ")";
            }
            else
            {
                // Readable by others (an older build made it 0755): made private, best effort.
                UnixPermissions.TrySetMode(Directory, UnixPermissions.OwnerOnlyFolder);
            }
        }

        if (refusal is null)
        {
            return true;
        }

        Log.StoreRefused(logger, Directory, refusal);
        Raise(new DraftProblemEventArgs(DraftProblemKind.UnsafeLocation, key, operation, refusal, Directory, null, null));
        return false;
    }

    /// <summary>
    /// Reads and checks a draft file; what cannot be a draft is set aside and reported, and the read retried
    /// when a writer replaced the file meanwhile. Links, FIFOs, devices and files larger than a draft can be
    /// are set aside by their size and type alone: never opened, so never blocked on or read whole.
    /// </summary>
    private Entry? Read(string path, string? expectedKey, string operation)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return null;
            }

            var unread = IsLink(info) ? (DraftProblemKind.UnsafeLocation, "the draft's path is a symbolic link")
                : info.Length < DraftFileFormat.Overhead ? (DraftProblemKind.Corrupt, $"the file is empty, truncated or not a regular file ({info.Length} bytes)")
                : info.Length > maxFileLength ? (DraftProblemKind.TooLarge, $"the file has {info.Length} bytes, more than a draft can have ({maxFileLength})")
                : ((DraftProblemKind, string)?)null;
            if (unread is { } refused)
            {
                if (SetAsideUnread(path, info, expectedKey, refused.Item1, refused.Item2, operation))
                {
                    return null;
                }

                continue;
            }

            var bytes = ReadAllBytes(path, maxFileLength);
            if (bytes is null)
            {
                return null;
            }

            var result = Decode(bytes, out var sealedWithPreviousKey);
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
            else if (IsFromTheFuture(result.SavedAt))
            {
                problem = DraftProblemKind.Corrupt;
                reason = "the save time is in the future";
            }
            else
            {
                return new Entry(bytes, result, IsExpired(result.SavedAt), sealedWithPreviousKey);
            }

            if (SetAside(path, bytes, expectedKey ?? result.Key, problem, reason, operation))
            {
                return null;
            }

            // The file changed under us (a writer replaced it): read the new one.
        }

        return null;
    }

    /// <summary>Decodes with the current key, then with the previous ones (key rotation).</summary>
    private DecodeResult Decode(byte[] bytes, out bool sealedWithPreviousKey)
    {
        sealedWithPreviousKey = false;
        DecodeResult result;
        try
        {
            result = DraftFileFormat.Decode(bytes, encryptionKey);
            if (!result.Success && result.Problem is DraftProblemKind.AuthenticationFailed or DraftProblemKind.EncryptionMismatch)
            {
                foreach (var previous in previousKeys)
                {
                    var candidate = DraftFileFormat.Decode(bytes, previous);
                    if (candidate.Success)
                    {
                        sealedWithPreviousKey = true;
                        return candidate;
                    }
                }
            }
        }
        catch (Exception exception) when (exception is ArgumentException or OverflowException or IndexOutOfRangeException or CryptographicException)
        {
            // A crafted file must be set aside like any other unreadable one, never thrown at the caller.
            result = DecodeResult.Fail(DraftProblemKind.Corrupt, "the file is malformed (" + exception.GetType().Name + ")");
        }

        return result;
    }

    /// <summary>A draft read with a previous key is sealed again with the current one, keeping its save time.</summary>
    private void Reseal(string path, Draft draft)
    {
        try
        {
            var hash = DraftFileFormat.ContentHash(draft.Content, encryptionKey);
            WriteAtomically(path, DraftFileFormat.Encode(draft.Key, draft.Content, draft.SavedAt, hash, encryptionKey, Cipher));
            Log.DraftSaved(logger, draft.Key, draft.Content.Length);
        }
        catch (Exception exception) when (IsStorageFailure(exception))
        {
            ReportFailure("load", draft.Key, path, exception);
        }
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
            if (!SameBytes(ReadAllBytes(path, maxFileLength), badBytes))
            {
                return false;
            }

            target = UniqueSibling(path, CorruptExtension);
            File.Move(path, target);
            if (!SameBytes(ReadAllBytes(target, maxFileLength), badBytes))
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

        ReportSetAside(path, target, key, problem, reason, operation);
        return true;
    }

    /// <summary>
    /// Moves aside what must not be opened (a link, a FIFO, a device, a file too large), by its size and
    /// time alone. Returns <see langword="false"/> when it changed since it was looked at.
    /// </summary>
    private bool SetAsideUnread(string path, FileInfo seen, string? key, DraftProblemKind problem, string reason, string operation)
    {
        string? target = null;
        try
        {
            var now = new FileInfo(path);
            if (!now.Exists || now.Length != seen.Length || now.LastWriteTimeUtc != seen.LastWriteTimeUtc)
            {
                return false;
            }

            target = UniqueSibling(path, CorruptExtension);
            File.Move(path, target);
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (Exception exception) when (IsStorageFailure(exception))
        {
            target = null;
        }

        ReportSetAside(path, target, key, problem, reason, operation);
        return true;
    }

    private void ReportSetAside(string path, string? target, string? key, DraftProblemKind problem, string reason, string operation)
    {
        Log.DraftCorrupt(logger, key, reason, target);
        Raise(new DraftProblemEventArgs(problem, key, operation, reason, path, target, null));
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

        if (SameBytes(ReadAllBytes(target, maxFileLength), expected))
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
        if (UnixPermissions.IsUnix)
        {
            options.UnixCreateMode = (UnixFileMode)UnixPermissions.OwnerOnlyFile;
        }

        return new FileStream(path, options);
#else
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        if (UnixPermissions.IsUnix)
        {
            // Before anything is written; the folder is owner-only, so nobody else could open it meanwhile.
            UnixPermissions.TrySetMode(path, UnixPermissions.OwnerOnlyFile);
        }

        return stream;
#endif
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
        public Entry(byte[] bytes, DecodeResult result, bool expired, bool sealedWithPreviousKey)
        {
            Bytes = bytes;
            Result = result;
            Expired = expired;
            SealedWithPreviousKey = sealedWithPreviousKey;
        }

        public byte[] Bytes { get; }

        public DecodeResult Result { get; }

        public bool Expired { get; }

        public bool SealedWithPreviousKey { get; }
    }
}
