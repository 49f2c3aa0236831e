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
