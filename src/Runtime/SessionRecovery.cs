using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SessionSafety.Internal;

namespace SessionSafety;

/// <summary>
/// The state that the <see cref="SessionRecoveryHandler"/>s of one API share: the renewal in progress
/// (so that twenty requests failing at once cause one renewal, not twenty), the parked requests, and the
/// notification the UI subscribes to. Create one per API (DI registers one for you) and keep it for the
/// life of the app: handlers come and go, this stays.
/// </summary>
public sealed class SessionRecovery
{
    private const string ParkedIdOption = "SessionSafety.ParkedRequestId";

    private static readonly AsyncLocal<bool> InRenewal = new();

    private readonly object gate = new();
    private readonly List<ParkedRequest> parked = new();
    private readonly SessionRecoveryOptions options;
    private readonly string[][] loginPaths;
    private readonly ILogger? logger;
    private readonly Func<string, bool> isCredentialHeader;

    private long generation;
    private Task<bool>? renewal;
    private long renewalGeneration = -1;
    private long failedGeneration = -1;
    private DateTimeOffset failedUntil;
    private long renewalCount;

    /// <summary>Creates the shared state with <paramref name="options"/> (defaults when omitted).</summary>
    public SessionRecovery(SessionRecoveryOptions? options = null)
    {
        this.options = options ?? new SessionRecoveryOptions();
        loginPaths = LoginPage.Parse(this.options.LoginPaths);
        logger = this.options.Logger;
        var idempotencyHeader = this.options.IdempotencyKeyHeader;
        var extra = new HashSet<string>(this.options.CredentialHeaders, StringComparer.OrdinalIgnoreCase);
        isCredentialHeader = name =>
            !string.Equals(name, idempotencyHeader, StringComparison.OrdinalIgnoreCase) && Credentials.IsCredentialHeader(name, extra);
    }

    /// <summary>
    /// Raised when a request met an expired session that could not be renewed; if parking is on, the
    /// request is parked (<see cref="SessionExpiredEventArgs.ParkedRequestId"/>). Show "sign in again",
    /// then call <see cref="NotifySignedIn"/> and <see cref="ReplayParkedAsync"/>. Raised on the thread
    /// that sent the request.
    /// </summary>
    public event EventHandler<SessionExpiredEventArgs>? SessionExpired;

    /// <summary>
    /// The current user's requests waiting for a replay, oldest first (on a server, the user of the ambient
    /// <see cref="SessionSafetyScope"/>: another user's parked requests are never listed, replayed or discarded).
    /// </summary>
    public IReadOnlyList<ParkedRequest> ParkedRequests
    {
        get
        {
            var owner = SessionSafetyScope.CurrentUserId;
            lock (gate)
            {
                DropExpiredLocked();
                return parked.Where(p => IsOwnedBy(p, owner)).ToArray();
            }
        }
    }

    /// <summary>How many renewals have been started (each shared by every request that was waiting for it).</summary>
    public long RenewalCount => Interlocked.Read(ref renewalCount);

    /// <summary>
    /// Tells recovery that the user has signed in again: the next failure asks the renewer again, and
    /// requests sent with the old credentials are retried with the new ones.
    /// </summary>
    public void NotifySignedIn()
    {
        lock (gate)
        {
            generation++;
            failedGeneration = -1;
        }
    }

    /// <summary>Drops a parked request without sending it; returns whether it was parked.</summary>
    public bool Discard(Guid parkedRequestId)
    {
        var owner = SessionSafetyScope.CurrentUserId;
        lock (gate)
        {
            return parked.RemoveAll(p => p.Id == parkedRequestId && IsOwnedBy(p, owner)) > 0;
        }
    }

    /// <summary>
    /// Sends every parked request of the current user once more through <paramref name="client"/> (whose
    /// pipeline should hold the recovery handler, to put fresh credentials on), oldest first. Each parked
    /// request is taken by exactly one replay, even when replays run at the same time, and carries the
    /// idempotency key of the original. A request that meets an expired session again, or whose response
    /// is lost (it may or may not have arrived), is parked again; one the server accepted or rejected is
    /// not. So each replay sends each parked request at most once: delivery is at least once overall, and
    /// exactly once for a server that honours <c>Idempotency-Key</c>.
    /// </summary>
    public async Task<IReadOnlyList<ReplayResult>> ReplayParkedAsync(HttpMessageInvoker client, CancellationToken cancellationToken = default)
    {
        if (client is null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        var owner = SessionSafetyScope.CurrentUserId;
        ParkedRequest[] batch;
        lock (gate)
        {
            DropExpiredLocked();
            batch = parked.Where(p => IsOwnedBy(p, owner)).ToArray();
            parked.RemoveAll(p => IsOwnedBy(p, owner));
        }

        var results = new List<ReplayResult>(batch.Length);
        for (var i = 0; i < batch.Length; i++)
        {
            var entry = batch[i];
            HttpResponseMessage response;
            using var request = entry.CreateRequest();
            SetParkedId(request, entry.Id);
            try
            {
                response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                RestoreUnsent(batch, i);
                throw;
            }
            catch (Exception exception)
            {
                ParkAgainIfMissing(entry, entry.StatusCode);
                Log.Replayed(logger, entry.Id, nameof(ReplayOutcome.Failed), exception);
                results.Add(new ReplayResult(entry, ReplayOutcome.Failed, null, exception));
                continue;
            }

            using (response)
            {
                var status = response.StatusCode;
                ReplayOutcome outcome;
                if (IsSessionFailure(response, entry.RequestUri, new HttpMethod(entry.Method), out var redirected))
                {
                    status = redirected ? HttpStatusCode.Unauthorized : status;
                    ParkAgainIfMissing(entry, status);
                    outcome = ReplayOutcome.StillUnauthorized;
                }
                else if (response.IsSuccessStatusCode && !LoginPage.IsRedirectedAway(response, new HttpMethod(entry.Method)))
                {
                    outcome = ReplayOutcome.Delivered;
                    await RemoveDraftAsync(entry, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    outcome = ReplayOutcome.Rejected;
                }

                Log.Replayed(logger, entry.Id, outcome.ToString(), null);
                results.Add(new ReplayResult(entry, outcome, status, null));
            }
        }

        return results;
    }

    /// <summary>The recovery the handler runs for one request.</summary>
    internal async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        ISessionRenewer renewer,
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send,
        CancellationToken cancellationToken)
    {
        if (InRenewal.Value)
        {
            // The renewer's own requests (a token endpoint called through this client) pass straight
            // through: recovering them would wait for the renewal they are part of.
            return await send(request, cancellationToken).ConfigureAwait(false);
        }

        if (request.RequestUri is { } target && LoginPage.IsLoginPage(target, loginPaths))
        {
            // The app's own sign-in: a 401 there is a wrong password, not an expired session, and its
            // content is the user's credentials, which are never parked.
            return await send(request, cancellationToken).ConfigureAwait(false);
        }

        if (request.Content is not null)
        {
            // Buffered so that the same content can be sent again and parked.
            await request.Content.LoadIntoBufferAsync().ConfigureAwait(false);
        }

        var idempotencyKey = EnsureIdempotencyKey(request);
        var guarded = GuardContext.Value;
        if (guarded is not null)
        {
            guarded.SeenByRecovery = true;
        }

        // In the browser fetch follows a redirect to the login page and shows it as a 200 of the original
        // address; not followed, it is an opaque redirect this recovery can tell. Only for input that a
        // redirect can lose: a GET may be redirected on purpose (to a CDN, a moved resource).
        var manualRedirects = options.RunsInBrowser && (guarded is not null || BrowserFetch.ChangesSomething(request.Method));
        if (manualRedirects)
        {
            BrowserFetch.DoNotFollowRedirects(request);
        }

        // Taken before the send: redirect handling rewrites the request in place (a POST to a protected
        // page becomes a GET of the login page without its content).
        var original = RequestSnapshot.Capture(request);
        var sentWith = Interlocked.Read(ref generation);
        await renewer.ApplyCredentialsAsync(request, cancellationToken).ConfigureAwait(false);
        var response = await send(request, cancellationToken).ConfigureAwait(false);
        if (!IsSessionFailure(response, original.RequestUri, original.Method, out var redirected))
        {
            return response;
        }

        var context = new SessionRenewalContext(
            redirected ? HttpStatusCode.Unauthorized : response.StatusCode,
            Credentials.Redact(original.RequestUri),
            response.Headers.WwwAuthenticate.Count == 0 ? null : response.Headers.WwwAuthenticate.ToString());
        if (await RenewOnceAsync(sentWith, context, renewer, cancellationToken).ConfigureAwait(false))
        {
            response.Dispose();
            var retry = await original.CreateRequestAsync().ConfigureAwait(false);
            if (manualRedirects)
            {
                BrowserFetch.DoNotFollowRedirects(retry);
            }

            await renewer.ApplyCredentialsAsync(retry, cancellationToken).ConfigureAwait(false);
            response = await send(retry, cancellationToken).ConfigureAwait(false);
            if (!IsSessionFailure(response, original.RequestUri, original.Method, out redirected))
            {
                return response;
            }
        }

        if (redirected)
        {
            response.StatusCode = HttpStatusCode.Unauthorized;
            response.ReasonPhrase = "Session expired (redirected to the login page)";
        }

        if (GetParkedId(request) is not null)
        {
            // A replay: ReplayParkedAsync parks it again under its id and reports the outcome.
            return response;
        }

        var draft = guarded;
        Guid? parkedId = null;
        string? notParked = null;
        if (options.ParkFailedRequests && original.RequestUri is { IsAbsoluteUri: true })
        {
            (parkedId, notParked) = await ParkAsync(original, idempotencyKey, response.StatusCode, draft).ConfigureAwait(false);
        }

        var reason = redirected ? SessionExpiryReason.RedirectedToLogin
            : response.StatusCode == HttpStatusCode.Forbidden ? SessionExpiryReason.Forbidden : SessionExpiryReason.Unauthorized;
        RaiseSessionExpired(new SessionExpiredEventArgs(draft?.Key, draft?.Kept ?? false, response.StatusCode, Credentials.Redact(original.RequestUri), reason, parkedId, notParked));
        return response;
    }

    /// <summary>
    /// Gives a request that changes something an idempotency key, unless it has one or the option is off,
    /// and returns the key it carries. The original, its retry and every replay send the same key.
    /// </summary>
    private string? EnsureIdempotencyKey(HttpRequestMessage request)
    {
        var header = options.IdempotencyKeyHeader;
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        if (request.Headers.TryGetValues(header!, out var existing))
        {
            return existing.FirstOrDefault();
        }

        var method = request.Method;
        if (method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options || method == HttpMethod.Trace)
        {
            return null;
        }

        var key = Guid.NewGuid().ToString("D");
        request.Headers.TryAddWithoutValidation(header, key);
        return key;
    }

    private static void SetParkedId(HttpRequestMessage request, Guid id)
    {
#if NET8_0_OR_GREATER
        request.Options.Set(new HttpRequestOptionsKey<Guid>(ParkedIdOption), id);
#else
        request.Properties[ParkedIdOption] = id;
#endif
    }

    private static Guid? GetParkedId(HttpRequestMessage request)
    {
#if NET8_0_OR_GREATER
        return request.Options.TryGetValue(new HttpRequestOptionsKey<Guid>(ParkedIdOption), out var id) ? id : null;
#else
        return request.Properties.TryGetValue(ParkedIdOption, out var value) && value is Guid id ? id : null;
#endif
    }

    private static async Task<T> WaitAsync<T>(Task<T> task, CancellationToken cancellationToken)
    {
        if (task.IsCompleted || !cancellationToken.CanBeCanceled)
        {
            return await task.ConfigureAwait(false);
        }
#if NET8_0_OR_GREATER
        return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
#else
        var cancelled = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => cancelled.TrySetCanceled(cancellationToken)))
        {
            return await (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false)).ConfigureAwait(false);
        }
#endif
    }

    private bool IsSessionFailure(HttpResponseMessage response, Uri? originalUri, HttpMethod originalMethod, out bool redirectedToLogin)
    {
        redirectedToLogin = LoginPage.IsLoginRedirect(response, loginPaths, originalUri, originalMethod);
        return redirectedToLogin
            || response.StatusCode == HttpStatusCode.Unauthorized
            || (response.StatusCode == HttpStatusCode.Forbidden && options.RecoverForbidden);
    }

    /// <summary>
    /// One renewal per set of credentials: a request whose credentials were already replaced retries at
    /// once; one that arrives while a renewal runs waits for it; one that arrives after a failed renewal
    /// (within the cool-down) does not ask again.
    /// </summary>
    private async Task<bool> RenewOnceAsync(long sentWith, SessionRenewalContext context, ISessionRenewer renewer, CancellationToken cancellationToken)
    {
        Task<bool> pending;
        TaskCompletionSource<bool>? starter = null;
        lock (gate)
        {
            if (generation != sentWith)
            {
                return true;
            }

            if (renewal is not null && renewalGeneration == sentWith)
            {
                pending = renewal;
            }
            else if (failedGeneration == sentWith && options.TimeProvider.GetUtcNow() < failedUntil)
            {
                return false;
            }
            else
            {
                starter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                renewal = pending = starter.Task;
                renewalGeneration = sentWith;
            }
        }

        if (starter is not null)
        {
            // Started outside the lock; the renewal is not tied to this request's cancellation because
            // other requests wait for it too. Started without the caller's synchronization context: a
            // response read synchronously can leave us on a UI thread that a caller blocks with .Result,
            // and an app's renewer that awaits without ConfigureAwait(false) would then wait for it forever.
            var callerContext = SynchronizationContext.Current;
            SynchronizationContext.SetSynchronizationContext(null);
            try
            {
                _ = RunRenewalAsync(starter, sentWith, context, renewer);
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(callerContext);
            }
        }

        return await WaitAsync(pending, cancellationToken).ConfigureAwait(false);
    }

    private async Task RunRenewalAsync(TaskCompletionSource<bool> completion, long sentWith, SessionRenewalContext context, ISessionRenewer renewer)
    {
        Interlocked.Increment(ref renewalCount);
        Log.RenewalStarted(logger, context.StatusCode, context.RequestUri);
        var renewed = false;
        Exception? error = null;
        InRenewal.Value = true;
        try
        {
            using var timeout = new CancellationTokenSource(options.RenewalTimeout);
            renewed = await renewer.RenewAsync(context, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            error = exception;
        }
        finally
        {
            InRenewal.Value = false;
        }

        lock (gate)
        {
            if (renewed)
            {
                generation++;
            }
            else if (generation == sentWith)
            {
                failedGeneration = sentWith;
                failedUntil = options.TimeProvider.GetUtcNow() + options.RenewalFailureCooldown;
            }

            if (ReferenceEquals(renewal, completion.Task))
            {
                renewal = null;
            }
        }

        Log.RenewalFinished(logger, renewed, error);
        completion.SetResult(renewed);
    }

    /// <summary>Parks the original request unless a limit is reached; returns its id, or why it was not parked.</summary>
    private async Task<(Guid? Id, string? NotParkedReason)> ParkAsync(RequestSnapshot original, string? idempotencyKey, HttpStatusCode status, GuardContext.Entry? draft)
    {
        var content = await original.ReadContentAsync().ConfigureAwait(false);
        var entry = new ParkedRequest(
            Guid.NewGuid(),
            original.Method,
            original.RequestUri!,
            original.Headers,
            content,
            original.ContentHeaders,
            status,
            options.TimeProvider.GetUtcNow(),
            draft,
            SessionSafetyScope.CurrentUserId,
            idempotencyKey,
            isCredentialHeader);
        string? refused;
        lock (gate)
        {
            DropExpiredLocked();
            refused = WhyNotParkedLocked(entry);
            if (refused is null)
            {
                parked.Add(entry);
            }
        }

        if (refused is not null)
        {
            Log.ParkingRefused(logger, entry.Method, entry.RequestUri, refused);
            return (null, refused);
        }

        Log.RequestParked(logger, entry.Id, entry.Method, entry.RequestUri, status);
        return (entry.Id, null);
    }

    private string? WhyNotParkedLocked(ParkedRequest entry)
    {
        if (entry.ContentLength > options.MaxParkedBytes)
        {
            return $"its content ({entry.ContentLength} bytes) is over the limit of {options.MaxParkedBytes} bytes for all parked requests";
        }

        if (parked.Count >= options.MaxParkedRequests)
        {
            return $"{parked.Count} requests are parked already (the limit is {options.MaxParkedRequests})";
        }

        var total = parked.Sum(p => p.ContentLength);
        if (total + entry.ContentLength > options.MaxParkedBytes)
        {
            return $"the parked requests hold {total} bytes already and this one {entry.ContentLength} (the limit is {options.MaxParkedBytes})";
        }

        return null;
    }

    /// <summary>Parked requests older than the lifetime are dropped, and logged: their guard drafts (if any) expire on their own clock.</summary>
    private void DropExpiredLocked()
    {
        var oldest = options.TimeProvider.GetUtcNow() - options.ParkedRequestLifetime;
        for (var i = parked.Count - 1; i >= 0; i--)
        {
            if (parked[i].ParkedAt <= oldest)
            {
                Log.ParkedRequestExpired(logger, parked[i].Id, parked[i].Method, parked[i].RequestUri);
                parked.RemoveAt(i);
            }
        }
    }

    private static bool IsOwnedBy(ParkedRequest entry, string? owner) => string.Equals(entry.Owner, owner, StringComparison.Ordinal);

    private void ParkAgainIfMissing(ParkedRequest entry, HttpStatusCode status)
    {
        lock (gate)
        {
            if (!parked.Any(p => p.Id == entry.Id))
            {
                parked.Add(entry.Repark(status));
            }
        }
    }

    private void RestoreUnsent(ParkedRequest[] batch, int from)
    {
        lock (gate)
        {
            parked.InsertRange(0, batch.Skip(from).Where(e => !parked.Any(p => p.Id == e.Id)));
        }
    }

    /// <summary>The guard's draft is removed once the replay delivered what it holds (not if the user has changed it since).</summary>
    private async Task RemoveDraftAsync(ParkedRequest entry, CancellationToken cancellationToken)
    {
        if (entry.Draft is not { } guarded)
        {
            return;
        }

        try
        {
            var draft = await guarded.Store.TryLoadAsync(guarded.Key, cancellationToken).ConfigureAwait(false);
            if (draft is not null && string.Equals(draft.Content, Encoding.UTF8.GetString(entry.GetContent()), StringComparison.Ordinal))
            {
                await guarded.Store.RemoveAsync(guarded.Key, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.StoreFailed(logger, "remove", guarded.Key, exception);
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
