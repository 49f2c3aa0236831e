using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SessionSafety.Internal;

namespace SessionSafety;

/// <summary>Settings of a <see cref="DraftGuard"/>.</summary>
public sealed class DraftGuardOptions
{
    /// <summary>The login path segments SPEC'd by default (matched case-insensitively as whole path segments).</summary>
    public static readonly IReadOnlyList<string> DefaultLoginPaths = new[]
    {
        "login", "signin", "sign-in", "log-in", "logon", "authentication/login", "account/login", "identity/account/login",
    };

    /// <summary>The store drafts go to; <see cref="DraftStore.Default"/> (looked up at each save) when not set.</summary>
    public IDraftStore? Store { get; set; }

    /// <summary>Where outcomes are logged (never with the draft's content). Optional.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>
    /// Path segments (or segment sequences such as <c>account/login</c>) that mark a login page: a 2xx
    /// response whose final URI has one is a redirect to the login page, not a successful save.
    /// </summary>
    public IList<string> LoginPaths { get; } = new List<string>(DefaultLoginPaths);

    /// <summary>How objects are turned into draft text; the web defaults (as <c>PostAsJsonAsync</c> uses) when not set.</summary>
    public JsonSerializerOptions? JsonSerializerOptions { get; set; }
}

/// <summary>
/// Wraps one save: stores the draft before sending; removes it on a confirmed success; keeps it and
/// raises <see cref="SessionExpired"/> on 401, 403 or a redirect to the login page; keeps it and lets
/// the error surface on any other failure. This is what SESS001's code fix calls.
/// </summary>
public sealed class DraftGuard
{
    private static DraftGuard? fallback;

    private readonly IDraftStore? store;
    private readonly ILogger? logger;
    private readonly string[][] loginPaths;
    private readonly JsonSerializerOptions jsonOptions;

    /// <summary>Creates a guard over <see cref="DraftStore.Default"/> (looked up at each save, so a scope or a later assignment is honoured).</summary>
    public DraftGuard()
        : this(new DraftGuardOptions())
    {
    }

    /// <summary>Creates a guard over <paramref name="store"/>.</summary>
    public DraftGuard(IDraftStore store, ILogger? logger = null)
        : this(new DraftGuardOptions { Store = store ?? throw new ArgumentNullException(nameof(store)), Logger = logger })
    {
    }

    /// <summary>Creates a guard with <paramref name="options"/>.</summary>
    public DraftGuard(DraftGuardOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        store = options.Store;
        logger = options.Logger;
        loginPaths = LoginPage.Parse(options.LoginPaths);
        jsonOptions = options.JsonSerializerOptions ?? DraftJson.WebOptions;
    }

    /// <summary>
    /// The guard the generated code uses: the ambient guard of the current <see cref="SessionSafetyScope"/>
    /// if there is one, else the process-wide guard (over <see cref="DraftStore.Default"/> unless set).
    /// Subscribe to its <see cref="SessionExpired"/> to show "sign in again — your text is kept".
    /// </summary>
    public static DraftGuard Default
    {
        get => SessionSafetyScope.CurrentGuard ?? LazyInitializer.EnsureInitialized(ref fallback, () => new DraftGuard())!;
        set => fallback = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// Raised when a save met an expired session (401, 403 or a redirect to the login page); the draft is
    /// kept under <see cref="SessionExpiredEventArgs.DraftKey"/>. Raised on the caller's synchronization
    /// context (the UI thread, the Blazor renderer), so a handler may show a dialog directly.
    /// </summary>
    public event EventHandler<SessionExpiredEventArgs>? SessionExpired;

    /// <summary>The store the drafts go to.</summary>
    public IDraftStore Store => store ?? DraftStore.Default;

    /// <summary>
    /// Sends <paramref name="payload"/> through <paramref name="send"/>, keeping it as a draft under
    /// <paramref name="draftKey"/> until the server confirms it. The payload may be an object (kept as
    /// JSON), a string, an <see cref="HttpContent"/> (buffered, so it stays readable for the send) or an
    /// <see cref="HttpRequestMessage"/> (its content is kept). Returns the server's response unchanged,
    /// except that a 2xx that arrived by redirect at a login page is returned as 401 so that success
    /// checks do not mistake it. Exceptions from <paramref name="send"/> surface unchanged; the draft is kept.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync<TPayload>(
        string draftKey,
        TPayload payload,
        Func<TPayload, Task<HttpResponseMessage>> send,
        CancellationToken cancellationToken = default)
    {
        if (draftKey is null)
        {
            throw new ArgumentNullException(nameof(draftKey));
        }

        if (send is null)
        {
            throw new ArgumentNullException(nameof(send));
        }

        // No ConfigureAwait(false) here: `send` and the SessionExpired handlers run on the caller's
        // context, as they would without the guard.
        var draftStore = Store;
        string? content = null;
        try
        {
            content = await DraftContent.ToTextAsync(payload, jsonOptions);
            await draftStore.SaveAsync(draftKey, content, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Not being able to keep a copy must not stop the save itself.
            Log.StoreFailed(logger, "save", draftKey, exception);
        }

        HttpResponseMessage response;
        using (GuardContext.Enter(draftKey, draftStore))
        {
            try
            {
                response = await send(payload);
            }
            catch (Exception exception)
            {
                Log.SendFailed(logger, draftKey, exception);
                throw;
            }
        }

        if (response is null)
        {
            throw new InvalidOperationException("The send function returned no response.");
        }

        var redirected = LoginPage.IsLoginRedirect(response, loginPaths);
        if (redirected)
        {
            Log.RedirectedToLogin(logger, draftKey, response.RequestMessage?.RequestUri);
            response.StatusCode = HttpStatusCode.Unauthorized;
            response.ReasonPhrase = "Session expired (redirected to the login page)";
        }

        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            if (!redirected)
            {
                Log.SessionExpired(logger, draftKey, response.StatusCode, response.RequestMessage?.RequestUri);
            }

            var reason = redirected ? SessionExpiryReason.RedirectedToLogin
                : response.StatusCode == HttpStatusCode.Unauthorized ? SessionExpiryReason.Unauthorized : SessionExpiryReason.Forbidden;
            RaiseSessionExpired(new SessionExpiredEventArgs(draftKey, response.StatusCode, response.RequestMessage?.RequestUri, reason, null));
        }
        else if (response.IsSuccessStatusCode)
        {
            await RemoveConfirmedAsync(draftStore, draftKey, content, cancellationToken);
        }
        else
        {
            Log.SaveRejected(logger, draftKey, response.StatusCode);
        }

        return response;
    }

    /// <summary>Removes the draft the server confirmed — unless it has changed since (autosave kept newer text meanwhile).</summary>
    private async Task RemoveConfirmedAsync(IDraftStore draftStore, string draftKey, string? sent, CancellationToken cancellationToken)
    {
        try
        {
            var current = await draftStore.TryLoadAsync(draftKey, cancellationToken);
            if (current is null)
            {
                return;
            }

            if (sent is null || string.Equals(current.Content, sent, StringComparison.Ordinal))
            {
                await draftStore.RemoveAsync(draftKey, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.StoreFailed(logger, "remove", draftKey, exception);
        }
    }

    private void RaiseSessionExpired(SessionExpiredEventArgs args)
    {
        try
        {
            SessionExpired?.Invoke(this, args);
        }
        catch (Exception exception)
        {
            Log.HandlerFailed(logger, nameof(SessionExpired), exception);
        }
    }
}

/// <summary>JSON settings shared by the guard, the typed saves and loads, and autosave.</summary>
internal static class DraftJson
{
    public static readonly JsonSerializerOptions WebOptions = new(JsonSerializerDefaults.Web);
}

/// <summary>Turns a payload into the text that is stored as its draft.</summary>
internal static class DraftContent
{
    public static async Task<string> ToTextAsync<TPayload>(TPayload payload, JsonSerializerOptions options) => payload switch
    {
        null => "null",
        string text => text,
        HttpContent content => await ReadAsync(content).ConfigureAwait(false),
        HttpRequestMessage request => request.Content is null ? string.Empty : await ReadAsync(request.Content).ConfigureAwait(false),
        _ => JsonSerializer.Serialize(payload, payload.GetType(), options),
    };

    private static async Task<string> ReadAsync(HttpContent content)
    {
        // Buffering keeps the content readable for the send that follows.
        await content.LoadIntoBufferAsync().ConfigureAwait(false);
        return await content.ReadAsStringAsync().ConfigureAwait(false);
    }
}

/// <summary>The draft a guarded send is keeping, visible to the recovery handler below it.</summary>
internal static class GuardContext
{
    private static readonly AsyncLocal<Entry?> Current = new();

    public static Entry? Value => Current.Value;

    public static IDisposable Enter(string key, IDraftStore store)
    {
        var previous = Current.Value;
        Current.Value = new Entry(key, store);
        return new Restorer(previous);
    }

    internal sealed class Entry
    {
        public Entry(string key, IDraftStore store)
        {
            Key = key;
            Store = store;
        }

        public string Key { get; }

        public IDraftStore Store { get; }
    }

    private sealed class Restorer : IDisposable
    {
        private readonly Entry? previous;

        public Restorer(Entry? previous) => this.previous = previous;

        public void Dispose() => Current.Value = previous;
    }
}

/// <summary>Recognises a response that is the login page a redirect ended on.</summary>
internal static class LoginPage
{
    public static string[][] Parse(IEnumerable<string> paths)
    {
        var parsed = new List<string[]>();
        foreach (var path in paths)
        {
            var segments = (path ?? string.Empty).Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length > 0)
            {
                parsed.Add(segments);
            }
        }

        return parsed.ToArray();
    }

    public static bool IsLoginRedirect(HttpResponseMessage response, string[][] loginPaths)
    {
        var finalUri = response.RequestMessage?.RequestUri;
        if (finalUri is null || !response.IsSuccessStatusCode)
        {
            return false;
        }

        var path = finalUri.IsAbsoluteUri ? finalUri.AbsolutePath : finalUri.OriginalString.Split('?', '#')[0];
        var segments = Uri.UnescapeDataString(path).Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
        foreach (var login in loginPaths)
        {
            for (var start = 0; start + login.Length <= segments.Length; start++)
            {
                var match = true;
                for (var i = 0; i < login.Length && match; i++)
                {
                    match = string.Equals(segments[start + i], login[i], StringComparison.OrdinalIgnoreCase);
                }

                if (match)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
