using System;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SessionSafety.Internal;

namespace SessionSafety;

/// <summary>
/// Wraps one save: stores the draft before sending; removes it on a confirmed success; keeps it and
/// raises <see cref="SessionExpired"/> on 401, 403 or a redirect to the login page; keeps it and lets
/// the error surface on any other failure. This is what SESS001's code fix calls.
/// </summary>
public sealed class DraftGuard
{
    private static DraftGuard? assigned;
    private static DraftGuard? fallback;

    private readonly IDraftStore? store;
    private readonly ILogger? logger;
    private readonly string[][] loginPaths;
    private readonly JsonSerializerOptions jsonOptions;
    private readonly bool inBrowser;
    private int warnedRedirectsInvisible;

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
        inBrowser = options.RunsInBrowser;
    }

    /// <summary>
    /// The guard the generated code uses: the ambient guard of the current <see cref="SessionSafetyScope"/>
    /// if there is one, else the process-wide guard (over <see cref="DraftStore.Default"/> unless set).
    /// Subscribe to its <see cref="SessionExpired"/> to show "sign in again — your text is kept".
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// In a server app (ASP.NET Core) outside a <see cref="SessionSafetyScope"/>, unless the app assigned a
    /// guard or a store itself: a process-wide guard there would keep every user's drafts in one store.
    /// </exception>
    public static DraftGuard Default
    {
        get => SessionSafetyScope.CurrentGuard ?? Volatile.Read(ref assigned) ?? ProcessFallback();
        set => Volatile.Write(ref assigned, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>
    /// Raised when a save met an expired session (401, 403 or a redirect to the login page); the draft is
    /// kept under <see cref="SessionExpiredEventArgs.DraftKey"/> when <see cref="SessionExpiredEventArgs.DraftKept"/>
    /// says so. Raised on the caller's synchronization context (the UI thread, the Blazor renderer), so a
    /// handler may show a dialog directly: posted to it when the guard finished elsewhere, so that a caller
    /// that blocks on the returned task (<c>.Result</c>) is never waited for.
    /// </summary>
    public event EventHandler<SessionExpiredEventArgs>? SessionExpired;

    /// <summary>The store the drafts go to.</summary>
    public IDraftStore Store => store ?? DraftStore.Default;

    /// <summary>
    /// Sends <paramref name="payload"/> through <paramref name="send"/>, keeping it as a draft under
    /// <paramref name="draftKey"/> until the server confirms it. The payload may be an object (kept as
    /// JSON), a string, an <see cref="HttpContent"/> (buffered, so it stays readable for the send) or an
    /// <see cref="HttpRequestMessage"/> (its content is kept). Returns the server's response unchanged,
    /// except that a response that a redirect to a login page produced is returned as 401 so that success
    /// checks do not mistake it. Exceptions from <paramref name="send"/> surface unchanged; the draft is kept.
    /// </summary>
    /// <remarks>
    /// Safe to block on (<c>.Result</c>, <c>.GetAwaiter().GetResult()</c>) on a UI thread: no continuation
    /// needs the caller's context. <paramref name="send"/> is called on the caller's thread when the store
    /// keeps the draft without awaiting (the file and in-memory stores, the browser store in WebAssembly),
    /// as it would be without the guard; after an asynchronous store it runs on a thread-pool thread.
    /// </remarks>
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

        var caller = SynchronizationContext.Current;
        var draftStore = Store;
        var (content, kept) = await KeepAsync(draftStore, draftKey, payload, cancellationToken).ConfigureAwait(false);
        var originalMethod = (payload as HttpRequestMessage)?.Method;
        var originalUri = (payload as HttpRequestMessage)?.RequestUri;
        if (inBrowser && payload is HttpRequestMessage request)
        {
            // fetch would follow a redirect to the login page and show it as this save's success.
            BrowserFetch.DoNotFollowRedirects(request);
        }

        HttpResponseMessage response;
        GuardContext.Entry guarded;
        using (GuardContext.Enter(draftKey, draftStore, kept))
        {
            guarded = GuardContext.Value!;
            try
            {
                response = await send(payload).ConfigureAwait(false);
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

        var redirected = LoginPage.IsLoginRedirect(response, loginPaths, originalMethod is null ? null : originalUri, originalMethod);
        if (redirected)
        {
            Log.RedirectedToLogin(logger, draftKey, response.RequestMessage?.RequestUri);
            response.StatusCode = HttpStatusCode.Unauthorized;
            response.ReasonPhrase = "Session expired (redirected to the login page)";
        }

        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            Log.SessionExpired(logger, draftKey, response.StatusCode, response.RequestMessage?.RequestUri, kept);

            var reason = redirected ? SessionExpiryReason.RedirectedToLogin
                : response.StatusCode == HttpStatusCode.Unauthorized ? SessionExpiryReason.Unauthorized : SessionExpiryReason.Forbidden;
            RaiseSessionExpired(
                new SessionExpiredEventArgs(draftKey, kept, response.StatusCode, Credentials.Redact(response.RequestMessage?.RequestUri), reason, null, null),
                caller);
        }
        else if (response.IsSuccessStatusCode && LoginPage.IsRedirectedAway(response, originalMethod))
        {
            // A 301/302/303 turned the save into a GET of another page (a moved API): that page's 2xx does not
            // say the save arrived, so the draft stays.
            Log.RedirectedAway(logger, draftKey, response.RequestMessage?.RequestUri);
        }
        else if (response.IsSuccessStatusCode)
        {
            if (inBrowser && originalMethod is null && !guarded.SeenByRecovery && Interlocked.Exchange(ref warnedRedirectsInvisible, 1) == 0)
            {
                Log.RedirectsInvisible(logger, draftKey);
            }

            await RemoveConfirmedAsync(draftStore, draftKey, content, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            Log.SaveRejected(logger, draftKey, response.StatusCode);
        }

        return response;
    }

    /// <summary>
    /// Stores the payload as the draft; returns its text (null when it could not be made) and whether the
    /// store confirmed it holds it. Never throws but for cancellation: not being able to keep a copy must
    /// not stop the save itself.
    /// </summary>
    private async Task<(string? Content, bool Kept)> KeepAsync<TPayload>(IDraftStore draftStore, string draftKey, TPayload payload, CancellationToken cancellationToken)
    {
        string content;
        try
        {
            content = await DraftContent.ToTextAsync(payload, jsonOptions).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            DraftSaving.ReportNotStored(draftStore, draftKey, DraftProblemKind.SerializationFailed, exception, logger);
            return (null, false);
        }

        try
        {
            return (content, await DraftSaving.TrySaveAsync(draftStore, draftKey, content, logger, synchronouslyWhenPossible: true, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.StoreFailed(logger, "save", draftKey, exception);
            return (content, false);
        }
    }

    /// <summary>For tests: forgets an assigned default.</summary>
    internal static void ResetAssigned() => Volatile.Write(ref assigned, null);

    private static DraftGuard ProcessFallback()
    {
        if (ServerHost.IsServerProcess && !DraftStore.IsAssigned)
        {
            throw ServerHost.SharedDefaultRefused("DraftGuard.Default");
        }

        return LazyInitializer.EnsureInitialized(ref fallback, () => new DraftGuard())!;
    }

    /// <summary>Removes the draft the server confirmed — unless it has changed since (autosave kept newer text meanwhile).</summary>
    private async Task RemoveConfirmedAsync(IDraftStore draftStore, string draftKey, string? sent, CancellationToken cancellationToken)
    {
        try
        {
            var current = await draftStore.TryLoadAsync(draftKey, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return;
            }

            if (sent is null || string.Equals(current.Content, sent, StringComparison.Ordinal))
            {
                await draftStore.RemoveAsync(draftKey, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.StoreFailed(logger, "remove", draftKey, exception);
        }
    }

    private void RaiseSessionExpired(SessionExpiredEventArgs args, SynchronizationContext? caller)
    {
        var handlers = SessionExpired;
        if (handlers is null)
        {
            return;
        }

        void Invoke()
        {
            try
            {
                handlers(this, args);
            }
            catch (Exception exception)
            {
                Log.HandlerFailed(logger, nameof(SessionExpired), exception);
            }
        }

        if (caller is null || caller == SynchronizationContext.Current)
        {
            Invoke();
        }
        else
        {
            // Posted, never sent: a caller blocking on this guard's task holds its context until we return.
            caller.Post(_ => Invoke(), null);
        }
    }
}
