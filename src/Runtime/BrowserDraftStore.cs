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
/// never thrown at the caller.
/// </remarks>
public sealed class BrowserDraftStore : IDraftStore, ISynchronousDraftStore
{
    /// <summary>The default prefix of the storage keys.</summary>
    public const string DefaultKeyPrefix = "SessionSafety.draft:";

    private const int FormatVersion = 1;

    private readonly IJSRuntime js;
    private readonly IJSInProcessRuntime? inProcess;
    private readonly string prefix;
    private readonly string corruptPrefix;
    private readonly string hashedPrefix;
    private readonly string storage;
    private readonly TimeProvider time;
    private readonly ILogger? logger;

    /// <summary>Creates a store over <paramref name="jsRuntime"/>.</summary>
    public BrowserDraftStore(IJSRuntime jsRuntime, BrowserDraftStoreOptions? options = null)
    {
        js = jsRuntime ?? throw new ArgumentNullException(nameof(jsRuntime));
        inProcess = jsRuntime as IJSInProcessRuntime;
        options ??= new BrowserDraftStoreOptions();
        prefix = options.KeyPrefix ?? DefaultKeyPrefix;
        var stem = prefix.TrimEnd(':');
        corruptPrefix = stem + ".corrupt:";
        hashedPrefix = stem + ".sha256:";
        storage = options.UseSessionStorage ? "sessionStorage" : "localStorage";
        TimeToLive = options.TimeToLive;
        time = options.TimeProvider ?? TimeProvider.System;
        logger = options.Logger;
    }

    /// <summary>Reported when an entry could not be read (and was set aside) or the browser storage failed.</summary>
    public event EventHandler<DraftProblemEventArgs>? Problem;

    /// <summary>How long a draft is kept.</summary>
    public TimeSpan TimeToLive { get; }

    bool ISynchronousDraftStore.CanSaveSynchronously => inProcess is not null;

    /// <summary>
    /// The storage key a draft key is kept under: the prefix and the key, or — for a key with a lone
    /// surrogate, which JSON and JavaScript interop cannot carry unchanged — a hash of the key.
    /// </summary>
    public string GetStorageKey(string key)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        return Bytes.IsWellFormed(key) ? prefix + key : hashedPrefix + Bytes.ToHex(Bytes.Sha256(Bytes.Utf16(key)));
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(string key, string content, CancellationToken cancellationToken = default)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        content ??= string.Empty;
        var storageKey = GetStorageKey(key);
        try
        {
            var existing = await ReadAsync(storageKey, key, "save", cancellationToken).ConfigureAwait(false);
            if (existing is { } draft && !IsExpired(draft) && string.Equals(draft.Content, content, StringComparison.Ordinal))
            {
                Log.DraftUnchanged(logger, key);
                return;
            }

            await CallVoidAsync("setItem", cancellationToken, storageKey, Serialize(key, content, time.GetUtcNow())).ConfigureAwait(false);
            Log.DraftSaved(logger, key, content.Length);
        }
        catch (Exception exception) when (IsStorageFailure(exception, cancellationToken))
        {
            ReportFailure("save", key, storageKey, exception);
        }
    }

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
        try
        {
            // localStorage.key(i) is null past the end; the keys are collected first because removing
            // expired entries shifts the indices.
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

            foreach (var storageKey in storageKeys)
            {
                if (storageKey.StartsWith(corruptPrefix, StringComparison.Ordinal))
                {
                    await DropOldSetAsideAsync(storageKey, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!storageKey.StartsWith(prefix, StringComparison.Ordinal) && !storageKey.StartsWith(hashedPrefix, StringComparison.Ordinal))
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

    void ISynchronousDraftStore.Save(string key, string content)
    {
        var pending = SaveAsync(key, content);
        if (!pending.IsCompleted)
        {
            throw new InvalidOperationException("The browser store saves synchronously only in WebAssembly.");
        }

        pending.GetAwaiter().GetResult();
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
        var setAside = corruptPrefix + time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + ":" + storageKey;
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

    private async ValueTask DropOldSetAsideAsync(string storageKey, CancellationToken cancellationToken)
    {
        var rest = storageKey.Substring(corruptPrefix.Length);
        var colon = rest.IndexOf(':');
        if (colon > 0 && long.TryParse(rest.Substring(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            && time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(at) >= TimeToLive)
        {
            await CallVoidAsync("removeItem", cancellationToken, storageKey).ConfigureAwait(false);
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
}
#endif
