#if NET8_0_OR_GREATER
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using SessionSafety.Internal;

namespace SessionSafety;

/// <summary>
/// Keeps drafts in the browser's <c>localStorage</c> through <see cref="IJSRuntime"/>, so one store
/// serves Blazor WebAssembly (where calls are in-process) and Blazor Server (where each call crosses the
/// circuit to the user's own browser — which is also what keeps one user's drafts from another's).
/// </summary>
/// <remarks>
/// <para>
/// Encryption where it can mean something: on Blazor Server the store's .NET code runs on the server, so a
/// key the app gives it (<see cref="BrowserDraftStoreOptions.EncryptionKey"/>) stays there and the
/// browser's storage holds only ciphertext, authenticated and bound to the entry's draft key and user. In
/// the browser (WebAssembly) the store refuses a key: .NET has no AES there, and a key the page holds
/// protects nothing from the page's own script or the person at the keyboard. Unencrypted entries carry a
/// checksum, which catches accidental damage, not an attacker.
/// </para>
/// <para>
/// Storage failures (prerendering, a disconnected circuit, a full quota) and unreadable entries (set aside)
/// are reported through <see cref="Problem"/> and the logger, never thrown at the caller. On a browser that
/// several people share, give each signed-in user's store a <see cref="UserId"/> (its drafts are then kept
/// apart from other users' under a partition of their own) and call <see cref="ClearAsync"/> when the user
/// signs out.
/// </para>
/// </remarks>
public sealed class BrowserDraftStore : IDraftStore, IOwnedDraftStore
{
    /// <summary>The default prefix of the storage keys.</summary>
    public const string DefaultKeyPrefix = "SessionSafety.draft:";

    // The latest time DateTimeOffset.FromUnixTimeMilliseconds takes (9999-12-31).
    private const long MaxUnixMilliseconds = 253_402_300_799_999;

    private readonly IJSRuntime js;
    private readonly IJSInProcessRuntime? inProcess;
    private readonly string stem;
    private readonly string storage;
    private readonly TimeProvider time;
    private readonly ILogger? logger;
    private readonly int maxContentLength;
    private readonly DraftEncryptionKey? encryptionKey;
    private readonly DraftEncryptionKey[] previousKeys;
    private readonly bool readUnencrypted;

    // Who owns what is typed (see IOwnedDraftStore): each partition made, and each clear, takes the next
    // generation; a partition is signed out when its user's drafts (or everyone's) were cleared after it was made.
    private readonly object owners = new();
    private readonly Dictionary<string, long> userClearedAt = new(StringComparer.Ordinal);
    private long generation;
    private long allClearedAt;
    private volatile Partition partition;

    /// <summary>Creates a store over <paramref name="jsRuntime"/>.</summary>
    /// <exception cref="PlatformNotSupportedException">
    /// <paramref name="options"/> give an encryption key and the store runs in the browser (WebAssembly).
    /// </exception>
    public BrowserDraftStore(IJSRuntime jsRuntime, BrowserDraftStoreOptions? options = null)
    {
        js = jsRuntime ?? throw new ArgumentNullException(nameof(jsRuntime));
        inProcess = jsRuntime as IJSInProcessRuntime;
        options ??= new BrowserDraftStoreOptions();
        RefuseKeyInTheBrowser(options);
        encryptionKey = options.EncryptionKey;
        previousKeys = options.PreviousEncryptionKeys.Where(k => k is not null).ToArray();
        readUnencrypted = options.ReadUnencryptedDrafts;
        stem = (options.KeyPrefix ?? DefaultKeyPrefix).TrimEnd(':');
        storage = options.UseSessionStorage ? "sessionStorage" : "localStorage";
        TimeToLive = options.TimeToLive;
        time = options.TimeProvider ?? TimeProvider.System;
        logger = options.Logger;
        maxContentLength = options.MaxContentLength;
        partition = new Partition(stem, options.UserId, ++generation);
    }

    /// <summary>Reported when an entry could not be read (and was set aside), a draft could not be stored, or the browser storage failed.</summary>
    public event EventHandler<DraftProblemEventArgs>? Problem;

    /// <summary>How long a draft is kept.</summary>
    public TimeSpan TimeToLive { get; }

    /// <summary>
    /// The signed-in user whose drafts this store keeps, or <see langword="null"/> for drafts that belong to
    /// the browser (nobody signed in, or a browser only one person uses). Each user's drafts live under
    /// keys of their own (<c>SessionSafety.draft.user-&lt;hash of the id&gt;:…</c>), so on a shared browser
    /// one account never lists or loads another's. Set it when the signed-in user changes (WebAssembly);
    /// on Blazor Server <c>AddSessionSafety</c> sets it for each circuit.
    /// </summary>
    public string? UserId
    {
        get => partition.UserId;
        set
        {
            lock (owners)
            {
                partition = new Partition(stem, value, ++generation);
            }
        }
    }

    /// <summary>Whether entries are sealed with the app's key (so the browser's storage holds ciphertext only).</summary>
    public bool IsEncrypted => encryptionKey is not null;

    /// <summary>The cipher new entries are sealed with (tests choose the one a platform would).</summary>
    internal DraftCipherKind Cipher { get; set; } = DraftCipher.Preferred;

    bool IReportingDraftStore.CanSaveSynchronously => inProcess is not null;

    object IOwnedDraftStore.CurrentOwner => partition;

    /// <summary>
    /// The storage key a draft key is kept under: the prefix and the key, or — for a key with a lone
    /// surrogate, which JSON and JavaScript interop cannot carry unchanged — a hash of the key.
    /// </summary>
    public string GetStorageKey(string key)
    {
        DraftKeys.Check(key);
        return StorageKey(partition, key);
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(string key, string content, CancellationToken cancellationToken = default) =>
        await TrySaveAsync(partition, key, content, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Removes every draft of this store's user (<see cref="UserId"/>; the browser's own drafts when it is
    /// null) from the browser storage, and the entries set aside for them: call it when the user signs out,
    /// so that the next person at this browser finds nothing of theirs. Returns how many entries went.
    /// What an autosave (<see cref="DraftAutosave{T}"/>) of this user still holds from before the clear is
    /// discarded, not written back; drafts saved after it are kept.
    /// </summary>
    public ValueTask<int> ClearAsync(CancellationToken cancellationToken = default)
    {
        Partition current;
        lock (owners)
        {
            // Marked before the first storage call: a save that starts later is refused, one that started
            // earlier reaches the storage before the clear reads its keys (the calls run in order).
            current = partition;
            userClearedAt[current.Prefix] = ++generation;
            partition = new Partition(stem, current.UserId, ++generation);
        }

        return RemoveWhereAsync(k => k.StartsWith(current.Prefix, StringComparison.Ordinal) || k.StartsWith(current.HashedPrefix, StringComparison.Ordinal) || k.StartsWith(current.CorruptPrefix, StringComparison.Ordinal), "clear", cancellationToken);
    }

    /// <summary>
    /// Removes every SessionSafety draft from the browser storage, of every user and of nobody: for a
    /// browser that strangers share (a kiosk, a library computer) at sign-out, or when another user signs in.
    /// What autosaves still hold from before the clear, of any user, is discarded, not written back.
    /// Returns how many entries went.
    /// </summary>
    public ValueTask<int> ClearAllAsync(CancellationToken cancellationToken = default)
    {
        lock (owners)
        {
            allClearedAt = ++generation;
            partition = new Partition(stem, partition.UserId, ++generation);
        }

        return RemoveWhereAsync(k => k.StartsWith(stem + ":", StringComparison.Ordinal) || k.StartsWith(stem + ".", StringComparison.Ordinal), "clear", cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<Draft?> TryLoadAsync(string key, CancellationToken cancellationToken = default)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        DraftKeys.Check(key);
        var current = partition;
        var storageKey = StorageKey(current, key);
        try
        {
            var (draft, needsReseal) = await ReadAsync(current, storageKey, key, "load", cancellationToken).ConfigureAwait(false);
            if (draft is null)
            {
                return null;
            }

            if (IsExpired(draft))
            {
                await CallVoidAsync("removeItem", cancellationToken, storageKey).ConfigureAwait(false);
                Log.DraftExpired(logger, key);
                return null;
            }

            if (needsReseal)
            {
                await ResealAsync(current, storageKey, draft, cancellationToken).ConfigureAwait(false);
            }

            return draft;
        }
        catch (Exception exception) when (IsStorageFailure(exception, cancellationToken))
        {
            ReportFailure("load", key, storageKey, exception);
            return null;
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        var storageKey = GetStorageKey(key);
        try
        {
            var raw = await CallAsync<string?>("getItem", cancellationToken, storageKey).ConfigureAwait(false);
            if (raw is null)
            {
                return false;
            }

            await CallVoidAsync("removeItem", cancellationToken, storageKey).ConfigureAwait(false);
            Log.DraftRemoved(logger, key);
            return true;
        }
        catch (Exception exception) when (IsStorageFailure(exception, cancellationToken))
        {
            ReportFailure("remove", key, storageKey, exception);
            return false;
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<DraftInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<DraftInfo>();
        var current = partition;
        try
        {
            foreach (var storageKey in await StorageKeysAsync(cancellationToken).ConfigureAwait(false))
            {
                if (storageKey.StartsWith(current.CorruptPrefix, StringComparison.Ordinal))
                {
                    await DropOldSetAsideAsync(storageKey, current.CorruptPrefix, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!storageKey.StartsWith(current.Prefix, StringComparison.Ordinal) && !storageKey.StartsWith(current.HashedPrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var (draft, _) = await ReadAsync(current, storageKey, null, "list", cancellationToken).ConfigureAwait(false);
                if (draft is null)
                {
                    continue;
                }

                if (IsExpired(draft))
                {
                    await CallVoidAsync("removeItem", cancellationToken, storageKey).ConfigureAwait(false);
                    Log.DraftExpired(logger, draft.Key);
                    continue;
                }

                list.Add(new DraftInfo(draft.Key, draft.SavedAt));
            }
        }
        catch (Exception exception) when (IsStorageFailure(exception, cancellationToken))
        {
            ReportFailure("list", null, storage, exception);
        }

        list.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return list;
    }

    bool IReportingDraftStore.TrySave(string key, string content) => TrySave(partition, key, content);

    bool IOwnedDraftStore.TrySave(object owner, string key, string content) => TrySave(OwnerPartition(owner), key, content);

    ValueTask<bool> IOwnedDraftStore.TrySaveAsync(object owner, string key, string content, CancellationToken cancellationToken) =>
        TrySaveAsync(OwnerPartition(owner), key, content, cancellationToken);

    bool IOwnedDraftStore.IsSignedOut(object owner) => IsSignedOut(OwnerPartition(owner));

    private static Partition OwnerPartition(object owner) =>
        owner as Partition ?? throw new ArgumentException("Not an owner of this kind of store.", nameof(owner));

    private bool TrySave(Partition owner, string key, string content)
    {
        var pending = TrySaveAsync(owner, key, content, CancellationToken.None);
        if (!pending.IsCompleted)
        {
            throw new InvalidOperationException("The browser store saves synchronously only in WebAssembly.");
        }

        return pending.GetAwaiter().GetResult();
    }

    ValueTask<bool> IReportingDraftStore.TrySaveAsync(string key, string content, CancellationToken cancellationToken) =>
        TrySaveAsync(partition, key, content, cancellationToken);

    void IReportingDraftStore.ReportNotStored(string key, DraftProblemKind kind, string reason, Exception? exception)
    {
        Log.DraftNotStored(logger, key, reason, exception);
        Raise(new DraftProblemEventArgs(kind, key, "save", reason, null, null, exception));
    }

    private static bool IsStorageFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is JSException or JSDisconnectedException or InvalidOperationException or IOException or TimeoutException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static string StorageKey(Partition partition, string key) =>
        Bytes.IsWellFormed(key) ? partition.Prefix + key : partition.HashedPrefix + Bytes.ToHex(Bytes.Sha256(Bytes.Utf16(key)));

    /// <summary>
    /// A key in the browser protects nothing, and .NET has no AES there: refused when the store is made
    /// (at start-up), instead of failing at the first save or quietly writing plaintext.
    /// </summary>
    internal static void RefuseKeyInTheBrowser(BrowserDraftStoreOptions options)
    {
        if (options.RunsInBrowser && (options.EncryptionKey is not null || options.PreviousEncryptionKeys.Count > 0))
        {
            throw new PlatformNotSupportedException(
                "BrowserDraftStore cannot encrypt drafts in the browser (Blazor WebAssembly): .NET has no AES there, and a key that the page holds "
                + "protects nothing from the page's own script or from the person at the keyboard. Encrypt where the key stays on a server "
                + "(Blazor Server); in WebAssembly keep drafts per user (UserId), clear them at sign-out (ClearAsync) and when another user "
                + "signs in, and keep them short-lived (TimeToLive). See docs/runtime.md, \"Browser store\".");
        }
    }

    /// <summary>Parses a stored entry; returns the reason it is unreadable, or null.</summary>
    private string? Parse(string raw, Partition current, string storageKey, string? expectedKey, out Draft? draft, out bool needsReseal, out DraftProblemKind problem)
    {
        draft = null;
        var result = BrowserEntryFormat.Decode(raw, storageKey, current.UserId, encryptionKey, previousKeys, readUnencrypted, out needsReseal);
        if (!result.Success)
        {
            problem = result.Problem;
            return result.Reason;
        }

        if ((expectedKey is not null && !string.Equals(result.Key, expectedKey, StringComparison.Ordinal))
            || !string.Equals(StorageKey(current, result.Key!), storageKey, StringComparison.Ordinal))
        {
            problem = DraftProblemKind.WrongKey;
            return "the entry holds the draft of another key";
        }

        problem = default;
        draft = new Draft(result.Key!, result.Content!, result.SavedAt);
        return null;
    }

    private bool IsExpired(Draft draft) => time.GetUtcNow() - draft.SavedAt >= TimeToLive;

    /// <summary>
    /// The draft under <paramref name="storageKey"/>, and whether it must be sealed again (it was plain, or
    /// sealed with a previous key); an entry that cannot be read is set aside and reported.
    /// </summary>
    private async ValueTask<(Draft? Draft, bool NeedsReseal)> ReadAsync(Partition current, string storageKey, string? key, string operation, CancellationToken cancellationToken)
    {
        var raw = await CallAsync<string?>("getItem", cancellationToken, storageKey).ConfigureAwait(false);
        if (raw is null)
        {
            return (null, false);
        }

        var reason = Parse(raw, current, storageKey, key, out var draft, out var needsReseal, out var problem);
        if (reason is null)
        {
            return (draft, needsReseal);
        }

        // Set aside under another key (kept for diagnosis until it would have expired), then report.
        var setAside = current.CorruptPrefix + time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + ":" + storageKey;
        string? movedTo = setAside;
        try
        {
            await CallVoidAsync("setItem", cancellationToken, setAside, raw).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsStorageFailure(exception, cancellationToken))
        {
            movedTo = null;
        }

        await CallVoidAsync("removeItem", cancellationToken, storageKey).ConfigureAwait(false);
        Log.DraftCorrupt(logger, key, reason, movedTo);
        Raise(new DraftProblemEventArgs(problem, key, operation, reason, storageKey, movedTo, null));
        return (null, false);
    }

    /// <summary>A draft read plain or with a previous key is sealed with the current key at once, keeping its save time.</summary>
    private async ValueTask ResealAsync(Partition current, string storageKey, Draft draft, CancellationToken cancellationToken)
    {
        try
        {
            var entry = BrowserEntryFormat.Encode(draft.Key, draft.Content, draft.SavedAt, storageKey, current.UserId, encryptionKey, Cipher);
            await CallVoidAsync("setItem", cancellationToken, storageKey, entry).ConfigureAwait(false);
            Log.DraftSaved(logger, draft.Key, draft.Content.Length);
        }
        catch (Exception exception) when (IsStorageFailure(exception, cancellationToken))
        {
            // The draft was read: the caller gets it; the entry is sealed again at its next save.
            ReportFailure("load", draft.Key, storageKey, exception);
        }
    }

    /// <summary>Set-aside entries go once a draft of their age would have expired; one whose name holds no readable time (crafted) goes at once.</summary>
    private async ValueTask DropOldSetAsideAsync(string storageKey, string corruptPrefix, CancellationToken cancellationToken)
    {
        var rest = storageKey.Substring(corruptPrefix.Length);
        var colon = rest.IndexOf(':');
        var old = colon <= 0
            || !long.TryParse(rest.Substring(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            || at > MaxUnixMilliseconds
            || time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(at) >= TimeToLive;
        if (old)
        {
            await CallVoidAsync("removeItem", cancellationToken, storageKey).ConfigureAwait(false);
        }
    }

    /// <summary>Every key in the storage; collected first, because removing entries shifts the indices of <c>key(i)</c>.</summary>
    private async ValueTask<List<string>> StorageKeysAsync(CancellationToken cancellationToken)
    {
        var storageKeys = new List<string>();
        for (var i = 0; i < 100_000; i++)
        {
            var storageKey = await CallAsync<string?>("key", cancellationToken, i).ConfigureAwait(false);
            if (storageKey is null)
            {
                break;
            }

            storageKeys.Add(storageKey);
        }

        return storageKeys;
    }

    private async ValueTask<int> RemoveWhereAsync(Func<string, bool> match, string operation, CancellationToken cancellationToken)
    {
        var removed = 0;
        try
        {
            foreach (var storageKey in await StorageKeysAsync(cancellationToken).ConfigureAwait(false))
            {
                if (match(storageKey))
                {
                    await CallVoidAsync("removeItem", cancellationToken, storageKey).ConfigureAwait(false);
                    removed++;
                }
            }
        }
        catch (Exception exception) when (IsStorageFailure(exception, cancellationToken))
        {
            ReportFailure(operation, null, storage, exception);
        }

        Log.DraftsCleared(logger, removed);
        return removed;
    }

    private bool IsSignedOut(Partition owner)
    {
        lock (owners)
        {
            return IsSignedOutLocked(owner);
        }
    }

    private bool IsSignedOutLocked(Partition owner) =>
        owner.Generation < allClearedAt || (userClearedAt.TryGetValue(owner.Prefix, out var clearedAt) && owner.Generation < clearedAt);

    /// <summary>Saves for <paramref name="current"/>, the partition that owned the value when it was typed.</summary>
    private async ValueTask<bool> TrySaveAsync(Partition current, string key, string content, CancellationToken cancellationToken)
    {
        DraftKeys.Check(key);
        if (IsSignedOut(current))
        {
            Log.DraftDiscardedSignedOut(logger, key);
            return false;
        }

        var storageKey = StorageKey(current, key);
        content ??= string.Empty;
        if (content.Length > maxContentLength)
        {
            var reason = $"the draft has {content.Length} characters; the limit is {maxContentLength}";
            Log.DraftNotStored(logger, key, reason, null);
            Raise(new DraftProblemEventArgs(DraftProblemKind.TooLarge, key, "save", reason, storageKey, null, null));
            return false;
        }

        try
        {
            // Identical content is not written again: no new ciphertext, no second round trip over the circuit.
            var (existing, needsReseal) = await ReadAsync(current, storageKey, key, "save", cancellationToken).ConfigureAwait(false);
            if (existing is { } draft && !needsReseal && !IsExpired(draft) && string.Equals(draft.Content, content, StringComparison.Ordinal))
            {
                Log.DraftUnchanged(logger, key);
                return true;
            }

            var entry = BrowserEntryFormat.Encode(key, content, time.GetUtcNow(), storageKey, current.UserId, encryptionKey, Cipher);
            ValueTask write;
            lock (owners)
            {
                // Checked again with the write started under the same lock as a clear's mark: the read
                // above may have awaited while the user signed out.
                if (IsSignedOutLocked(current))
                {
                    Log.DraftDiscardedSignedOut(logger, key);
                    return false;
                }

                write = CallVoidAsync("setItem", cancellationToken, storageKey, entry);
            }

            await write.ConfigureAwait(false);
            Log.DraftSaved(logger, key, content.Length);
            return true;
        }
        catch (Exception exception) when (IsStorageFailure(exception, cancellationToken))
        {
            ReportFailure("save", key, storageKey, exception);
            return false;
        }
    }

    private ValueTask<T> CallAsync<T>(string function, CancellationToken cancellationToken, params object?[] args)
    {
        var identifier = storage + "." + function;
        return inProcess is not null
            ? new ValueTask<T>(inProcess.Invoke<T>(identifier, args))
            : js.InvokeAsync<T>(identifier, cancellationToken, args);
    }

    private ValueTask CallVoidAsync(string function, CancellationToken cancellationToken, params object?[] args)
    {
        var identifier = storage + "." + function;
        if (inProcess is not null)
        {
            inProcess.InvokeVoid(identifier, args);
            return default;
        }

        return js.InvokeVoidAsync(identifier, cancellationToken, args);
    }

    private void ReportFailure(string operation, string? key, string location, Exception exception)
    {
        Log.StoreFailed(logger, operation, key, exception);
        Raise(new DraftProblemEventArgs(DraftProblemKind.StorageFailure, key, operation, exception.GetType().Name, location, null, exception));
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

    /// <summary>
    /// The storage keys of one user's drafts (or of the browser's own, without a user), and the owner an
    /// autosave takes: a new one each time the user is set or their drafts are cleared.
    /// </summary>
    private sealed class Partition
    {
        public Partition(string stem, string? userId, long generation)
        {
            UserId = userId;
            Generation = generation;
            var own = userId is null ? stem : stem + ".user-" + Bytes.ToHex(Bytes.Sha256(Bytes.Utf16(userId))).Substring(0, 32);
            Prefix = own + ":";
            CorruptPrefix = own + ".corrupt:";
            HashedPrefix = own + ".sha256:";
        }

        public string? UserId { get; }

        /// <summary>When it was made, on the store's count of partitions and clears.</summary>
        public long Generation { get; }

        public string Prefix { get; }

        public string CorruptPrefix { get; }

        public string HashedPrefix { get; }
    }
}
#endif
