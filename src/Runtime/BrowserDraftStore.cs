#if NET8_0_OR_GREATER
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
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
/// There is no encryption option: the browser has no place to keep a key that script on the page could
/// not also read, and .NET in the browser has no AES. Entries carry a checksum so accidental damage is
/// detected; they are not protected against the page's own script. Storage failures (prerendering, a
/// disconnected circuit, a full quota) are reported through <see cref="Problem"/> and the logger,
/// never thrown at the caller. On a browser that several people share, give each signed-in user's store
/// a <see cref="UserId"/> (its drafts are then kept apart from other users' under a partition of their
/// own) and call <see cref="ClearAsync"/> when the user signs out.
/// </remarks>
public sealed class BrowserDraftStore : IDraftStore, IReportingDraftStore
{
    /// <summary>The default prefix of the storage keys.</summary>
    public const string DefaultKeyPrefix = "SessionSafety.draft:";

    private const int FormatVersion = 1;

    // The latest time DateTimeOffset.FromUnixTimeMilliseconds takes (9999-12-31).
    private const long MaxUnixMilliseconds = 253_402_300_799_999;

    private readonly IJSRuntime js;
    private readonly IJSInProcessRuntime? inProcess;
    private readonly string stem;
    private readonly string storage;
    private readonly TimeProvider time;
    private readonly ILogger? logger;
    private readonly int maxContentLength;
    private volatile Partition partition;

    /// <summary>Creates a store over <paramref name="jsRuntime"/>.</summary>
    public BrowserDraftStore(IJSRuntime jsRuntime, BrowserDraftStoreOptions? options = null)
    {
        js = jsRuntime ?? throw new ArgumentNullException(nameof(jsRuntime));
        inProcess = jsRuntime as IJSInProcessRuntime;
        options ??= new BrowserDraftStoreOptions();
        stem = (options.KeyPrefix ?? DefaultKeyPrefix).TrimEnd(':');
        storage = options.UseSessionStorage ? "sessionStorage" : "localStorage";
        TimeToLive = options.TimeToLive;
        time = options.TimeProvider ?? TimeProvider.System;
        logger = options.Logger;
        maxContentLength = options.MaxContentLength;
        partition = new Partition(stem, options.UserId);
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
        set => partition = new Partition(stem, value);
    }

    bool IReportingDraftStore.CanSaveSynchronously => inProcess is not null;

    /// <summary>
    /// The storage key a draft key is kept under: the prefix and the key, or — for a key with a lone
    /// surrogate, which JSON and JavaScript interop cannot carry unchanged — a hash of the key.
    /// </summary>
    public string GetStorageKey(string key)
    {
        DraftKeys.Check(key);

        var current = partition;
        return Bytes.IsWellFormed(key) ? current.Prefix + key : current.HashedPrefix + Bytes.ToHex(Bytes.Sha256(Bytes.Utf16(key)));
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(string key, string content, CancellationToken cancellationToken = default) =>
        await TrySaveAsync(key, content, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Removes every draft of this store's user (<see cref="UserId"/>; the browser's own drafts when it is
    /// null) from the browser storage, and the entries set aside for them: call it when the user signs out,
    /// so that the next person at this browser finds nothing of theirs. Returns how many entries went.
    /// </summary>
    public ValueTask<int> ClearAsync(CancellationToken cancellationToken = default)
    {
        var current = partition;
        return RemoveWhereAsync(k => k.StartsWith(current.Prefix, StringComparison.Ordinal) || k.StartsWith(current.HashedPrefix, StringComparison.Ordinal) || k.StartsWith(current.CorruptPrefix, StringComparison.Ordinal), "clear", cancellationToken);
    }

    /// <summary>
    /// Removes every SessionSafety draft from the browser storage, of every user and of nobody: for a
    /// browser that strangers share (a kiosk, a library computer) at sign-out. Returns how many entries went.
    /// </summary>
    public ValueTask<int> ClearAllAsync(CancellationToken cancellationToken = default) =>
        RemoveWhereAsync(k => k.StartsWith(stem + ":", StringComparison.Ordinal) || k.StartsWith(stem + ".", StringComparison.Ordinal), "clear", cancellationToken);

    /// <inheritdoc />
    public async ValueTask<Draft?> TryLoadAsync(string key, CancellationToken cancellationToken = default)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        var storageKey = GetStorageKey(key);
        try
        {
            var draft = await ReadAsync(storageKey, key, "load", cancellationToken).ConfigureAwait(false);
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

                var draft = await ReadAsync(storageKey, null, "list", cancellationToken).ConfigureAwait(false);
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

    bool IReportingDraftStore.TrySave(string key, string content)
    {
        var pending = TrySaveAsync(key, content, CancellationToken.None);
        if (!pending.IsCompleted)
        {
            throw new InvalidOperationException("The browser store saves synchronously only in WebAssembly.");
        }

        return pending.GetAwaiter().GetResult();
    }

    ValueTask<bool> IReportingDraftStore.TrySaveAsync(string key, string content, CancellationToken cancellationToken) =>
        TrySaveAsync(key, content, cancellationToken);

    void IReportingDraftStore.ReportNotStored(string key, DraftProblemKind kind, string reason, Exception? exception)
    {
        Log.DraftNotStored(logger, key, reason, exception);
        Raise(new DraftProblemEventArgs(kind, key, "save", reason, null, null, exception));
    }

    private static bool IsStorageFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is JSException or JSDisconnectedException or InvalidOperationException or IOException or TimeoutException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static string Serialize(string key, string content, DateTimeOffset savedAt)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", FormatVersion);
            WriteText(writer, "key", key);
            writer.WriteNumber("savedAt", savedAt.ToUnixTimeMilliseconds());
            WriteText(writer, "content", content);
            writer.WriteString("sha256", Checksum(key, content, savedAt.ToUnixTimeMilliseconds()));
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Text with a lone surrogate goes as Base64 of its UTF-16 code units: JSON cannot carry it.</summary>
    private static void WriteText(Utf8JsonWriter writer, string name, string text)
    {
        if (Bytes.IsWellFormed(text))
        {
            writer.WriteString(name, text);
        }
        else
        {
            writer.WriteString(name + "16", Convert.ToBase64String(Bytes.Utf16(text)));
        }
    }

    private static string? ReadText(JsonElement root, string name)
    {
        if (root.TryGetProperty(name, out var plain))
        {
            return plain.ValueKind == JsonValueKind.String ? plain.GetString() : null;
        }

        if (root.TryGetProperty(name + "16", out var encoded) && encoded.ValueKind == JsonValueKind.String)
        {
            var bytes = Convert.FromBase64String(encoded.GetString()!);
            return bytes.Length % 2 == 0 ? Bytes.FromUtf16(bytes, 0, bytes.Length) : null;
        }

        return null;
    }

    private static string Checksum(string key, string content, long savedAt) =>
        Bytes.ToHex(Bytes.Sha256(Bytes.Utf16(savedAt.ToString(CultureInfo.InvariantCulture) + "\n" + key.Length.ToString(CultureInfo.InvariantCulture) + "\n" + key + content)));

    /// <summary>Parses a stored entry; returns the reason it is unreadable, or null.</summary>
    private string? Parse(string raw, string storageKey, string? expectedKey, out Draft? draft, out DraftProblemKind problem)
    {
        draft = null;
        problem = DraftProblemKind.Corrupt;
        try
        {
            using var document = JsonDocument.Parse(raw);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("v", out var version) || version.ValueKind != JsonValueKind.Number)
            {
                return "the entry is not a draft";
            }

            if (!version.TryGetInt32(out var v) || v != FormatVersion)
            {
                problem = DraftProblemKind.UnsupportedVersion;
                return $"format version {version.GetRawText()} is not supported (this library reads version {FormatVersion})";
            }

            var key = ReadText(root, "key");
            var content = ReadText(root, "content");
            if (key is null || content is null
                || !root.TryGetProperty("savedAt", out var savedElement) || !savedElement.TryGetInt64(out var savedAt)
                || !root.TryGetProperty("sha256", out var hashElement) || hashElement.ValueKind != JsonValueKind.String)
            {
                return "the entry is incomplete";
            }

            if (!string.Equals(hashElement.GetString(), Checksum(key, content, savedAt), StringComparison.Ordinal))
            {
                return "checksum mismatch";
            }

            if ((expectedKey is not null && !string.Equals(key, expectedKey, StringComparison.Ordinal))
                || !string.Equals(GetStorageKey(key), storageKey, StringComparison.Ordinal))
            {
                problem = DraftProblemKind.WrongKey;
                return "the entry holds the draft of another key";
            }

            draft = new Draft(key, content, DateTimeOffset.FromUnixTimeMilliseconds(savedAt));
            return null;
        }
        catch (Exception exception) when (exception is JsonException or ArgumentOutOfRangeException or InvalidOperationException or FormatException)
        {
            return "the entry is not valid JSON";
        }
    }

    private bool IsExpired(Draft draft) => time.GetUtcNow() - draft.SavedAt >= TimeToLive;

    private async ValueTask<Draft?> ReadAsync(string storageKey, string? key, string operation, CancellationToken cancellationToken)
    {
        var raw = await CallAsync<string?>("getItem", cancellationToken, storageKey).ConfigureAwait(false);
        if (raw is null)
        {
            return null;
        }

        var reason = Parse(raw, storageKey, key, out var draft, out var problem);
        if (reason is null)
        {
            return draft;
        }

        // Set aside under another key (kept for diagnosis until it would have expired), then report.
        var setAside = partition.CorruptPrefix + time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + ":" + storageKey;
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
        return null;
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

    private async ValueTask<bool> TrySaveAsync(string key, string content, CancellationToken cancellationToken)
    {
        var storageKey = GetStorageKey(key);
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
            var existing = await ReadAsync(storageKey, key, "save", cancellationToken).ConfigureAwait(false);
            if (existing is { } draft && !IsExpired(draft) && string.Equals(draft.Content, content, StringComparison.Ordinal))
            {
                Log.DraftUnchanged(logger, key);
                return true;
            }

            await CallVoidAsync("setItem", cancellationToken, storageKey, Serialize(key, content, time.GetUtcNow())).ConfigureAwait(false);
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

    /// <summary>The storage keys of one user's drafts (or of the browser's own, without a user).</summary>
    private sealed class Partition
    {
        public Partition(string stem, string? userId)
        {
            UserId = userId;
            var own = userId is null ? stem : stem + ".user-" + Bytes.ToHex(Bytes.Sha256(Bytes.Utf16(userId))).Substring(0, 32);
            Prefix = own + ":";
            CorruptPrefix = own + ".corrupt:";
            HashedPrefix = own + ".sha256:";
        }

        public string? UserId { get; }

        public string Prefix { get; }

        public string CorruptPrefix { get; }

        public string HashedPrefix { get; }
    }
}
#endif
