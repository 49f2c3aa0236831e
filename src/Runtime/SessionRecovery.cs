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
    }

    /// <summary>
    /// Raised when a request met an expired session that could not be renewed; if parking is on, the
    /// request is parked (<see cref="SessionExpiredEventArgs.ParkedRequestId"/>). Show "sign in again",
    /// then call <see cref="NotifySignedIn"/> and <see cref="ReplayParkedAsync"/>. Raised on the thread
    /// that sent the request.
    /// </summary>
    public event EventHandler<SessionExpiredEventArgs>? SessionExpired;

    /// <summary>The requests waiting for a replay, oldest first.</summary>
    public IReadOnlyList<ParkedRequest> ParkedRequests
    {
        get
        {
            lock (gate)
            {
                return parked.ToArray();
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
        lock (gate)
        {
            return parked.RemoveAll(p => p.Id == parkedRequestId) > 0;
        }
    }

    /// <summary>
    /// Sends every parked request once more through <paramref name="client"/> (whose pipeline should hold
    /// the recovery handler, to put fresh credentials on), oldest first. Each parked request is taken by
    /// exactly one replay, even when replays run at the same time. A request that meets an expired session
    /// again, or cannot be sent, is parked again; one the server accepted or rejected is not.
    /// </summary>
    public async Task<IReadOnlyList<ReplayResult>> ReplayParkedAsync(HttpMessageInvoker client, CancellationToken cancellationToken = default)
    {
        if (client is null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        ParkedRequest[] batch;
        lock (gate)
        {
            batch = parked.ToArray();
            parked.Clear();
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
                if (IsSessionFailure(response, out var redirected))
                {
                    status = redirected ? HttpStatusCode.Unauthorized : status;
                    ParkAgainIfMissing(entry, status);
                    outcome = ReplayOutcome.StillUnauthorized;
                }
                else if (response.IsSuccessStatusCode)
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

        if (request.Content is not null)
        {
            // Buffered so the same content can be sent again and parked.
            await request.Content.LoadIntoBufferAsync().ConfigureAwait(false);
        }

        var sentWith = Interlocked.Read(ref generation);
        await renewer.ApplyCredentialsAsync(request, cancellationToken).ConfigureAwait(false);
        var response = await send(request, cancellationToken).ConfigureAwait(false);
        if (!IsSessionFailure(response, out var redirected))
        {
            return response;
        }

        var context = new SessionRenewalContext(
            redirected ? HttpStatusCode.Unauthorized : response.StatusCode,
            request.RequestUri,
            response.Headers.WwwAuthenticate.Count == 0 ? null : response.Headers.WwwAuthenticate.ToString());
        if (await RenewOnceAsync(sentWith, context, renewer, cancellationToken).ConfigureAwait(false))
        {
            response.Dispose();
            await renewer.ApplyCredentialsAsync(request, cancellationToken).ConfigureAwait(false);
            response = await send(request, cancellationToken).ConfigureAwait(false);
            if (!IsSessionFailure(response, out redirected))
            {
                return response;
            }
        }

        if (redirected)
        {
            response.StatusCode = HttpStatusCode.Unauthorized;
            response.ReasonPhrase = "Session expired (redirected to the login page)";
        }

        Guid? parkedId = null;
        if (options.ParkFailedRequests && request.RequestUri is { IsAbsoluteUri: true })
        {
            parkedId = await ParkAsync(request, response.StatusCode).ConfigureAwait(false);
        }

        var draft = GuardContext.Value;
        var reason = redirected ? SessionExpiryReason.RedirectedToLogin
            : response.StatusCode == HttpStatusCode.Forbidden ? SessionExpiryReason.Forbidden : SessionExpiryReason.Unauthorized;
        RaiseSessionExpired(new SessionExpiredEventArgs(draft?.Key, response.StatusCode, request.RequestUri, reason, parkedId));
        return response;
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

    private bool IsSessionFailure(HttpResponseMessage response, out bool redirectedToLogin)
    {
        redirectedToLogin = LoginPage.IsLoginRedirect(response, loginPaths);
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
            // other requests wait for it too.
            _ = RunRenewalAsync(starter, sentWith, context, renewer);
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

    private async Task<Guid> ParkAsync(HttpRequestMessage request, HttpStatusCode status)
    {
        byte[]? content = null;
        IEnumerable<KeyValuePair<string, IEnumerable<string>>> contentHeaders = Array.Empty<KeyValuePair<string, IEnumerable<string>>>();
        if (request.Content is not null)
        {
            content = await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            contentHeaders = request.Content.Headers.ToArray();
        }

        var draft = GuardContext.Value;
        var entry = new ParkedRequest(
            GetParkedId(request) ?? Guid.NewGuid(),
            request.Method,
            request.RequestUri!,
            content,
            contentHeaders,
            status,
            options.TimeProvider.GetUtcNow(),
            draft?.Key,
            draft?.Store);
        lock (gate)
        {
            parked.RemoveAll(p => p.Id == entry.Id);
            parked.Add(entry);
        }

        Log.RequestParked(logger, entry.Id, entry.Method, entry.RequestUri, status);
        return entry.Id;
    }

    private void ParkAgainIfMissing(ParkedRequest entry, HttpStatusCode status)
    {
        lock (gate)
        {
            if (!parked.Any(p => p.Id == entry.Id))
            {
                parked.Add(entry.Repark(status, options.TimeProvider.GetUtcNow()));
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
        if (entry.DraftKey is null || entry.DraftStore is null)
        {
            return;
        }

        try
        {
            var draft = await entry.DraftStore.TryLoadAsync(entry.DraftKey, cancellationToken).ConfigureAwait(false);
            if (draft is not null && string.Equals(draft.Content, Encoding.UTF8.GetString(entry.GetContent()), StringComparison.Ordinal))
            {
                await entry.DraftStore.RemoveAsync(entry.DraftKey, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.StoreFailed(logger, "remove", entry.DraftKey, exception);
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
