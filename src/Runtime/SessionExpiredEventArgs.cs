using System;
using System.Net;

namespace SessionSafety;

/// <summary>
/// Raised when a save met an expired session (401, 403, or a redirect to the login page). The draft
/// is kept under <see cref="DraftKey"/>: show "sign in again — your text is kept" instead of navigating away.
/// </summary>
public sealed class SessionExpiredEventArgs : EventArgs
{
    /// <summary>Creates the notification.</summary>
    public SessionExpiredEventArgs(string draftKey, HttpStatusCode statusCode, Uri? requestUri)
        : this(draftKey, statusCode, requestUri, statusCode == HttpStatusCode.Forbidden ? SessionExpiryReason.Forbidden : SessionExpiryReason.Unauthorized, null)
    {
    }

    /// <summary>Creates the notification, with the reason and the parked request if there is one.</summary>
    public SessionExpiredEventArgs(string? draftKey, HttpStatusCode statusCode, Uri? requestUri, SessionExpiryReason reason, Guid? parkedRequestId)
    {
        DraftKey = draftKey;
        StatusCode = statusCode;
        RequestUri = requestUri;
        Reason = reason;
        ParkedRequestId = parkedRequestId;
    }

    /// <summary>
    /// The key under which the user's input is kept; <see langword="null"/> when the recovery handler
    /// parked a request that was not sent through a <see cref="DraftGuard"/>.
    /// </summary>
    public string? DraftKey { get; }

    /// <summary>401 or 403 (a redirect to the login page is reported as 401).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The request that failed (its path; the final URI for a redirect).</summary>
    public Uri? RequestUri { get; }

    /// <summary>Why the session is taken to have expired.</summary>
    public SessionExpiryReason Reason { get; }

    /// <summary>The id of the request the recovery handler parked for replay after sign-in, if it did.</summary>
    public Guid? ParkedRequestId { get; }
}
