using System;
using System.Net;

namespace SessionSafety;

/// <summary>
/// Raised when a save met an expired session (401, 403, or a redirect to the login page). When
/// <see cref="DraftKept"/> is true the user's input is kept under <see cref="DraftKey"/>: show "sign in
/// again — your text is kept" instead of navigating away. When it is false the store could not keep it
/// (disk full, too large, no store): keep the page and its text open.
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
        : this(draftKey, draftKey is not null, statusCode, requestUri, reason, parkedRequestId, null)
    {
    }

    /// <summary>Creates the notification, saying whether the draft was kept and, if the request was not parked, why.</summary>
    public SessionExpiredEventArgs(string? draftKey, bool draftKept, HttpStatusCode statusCode, Uri? requestUri, SessionExpiryReason reason, Guid? parkedRequestId, string? notParkedReason)
    {
        DraftKey = draftKey;
        DraftKept = draftKey is not null && draftKept;
        StatusCode = statusCode;
        RequestUri = requestUri;
        Reason = reason;
        ParkedRequestId = parkedRequestId;
        NotParkedReason = notParkedReason;
    }

    /// <summary>
    /// The key of the guard's draft of this save; <see langword="null"/> when the recovery handler parked a
    /// request that was not sent through a <see cref="DraftGuard"/>.
    /// </summary>
    public string? DraftKey { get; }

    /// <summary>
    /// Whether the store confirmed that it holds the input under <see cref="DraftKey"/>. False when it
    /// could not (disk full, the draft over the size limit, the value could not be serialized): an older
    /// draft of the key may still be there, so do not offer it as this input.
    /// </summary>
    public bool DraftKept { get; }

    /// <summary>401 or 403 (a redirect to the login page is reported as 401).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The request that failed, without user information and with credential query values redacted.</summary>
    public Uri? RequestUri { get; }

    /// <summary>Why the session is taken to have expired.</summary>
    public SessionExpiryReason Reason { get; }

    /// <summary>The id of the request the recovery handler parked for replay after sign-in, if it did.</summary>
    public Guid? ParkedRequestId { get; }

    /// <summary>
    /// Why the recovery handler did not park the request although parking is on (a limit of
    /// <see cref="SessionRecoveryOptions"/> was reached); <see langword="null"/> otherwise.
    /// </summary>
    public string? NotParkedReason { get; }
}
