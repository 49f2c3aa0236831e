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
    {
        DraftKey = draftKey;
        StatusCode = statusCode;
        RequestUri = requestUri;
    }

    /// <summary>The key under which the user's input is kept.</summary>
    public string DraftKey { get; }

    /// <summary>401, 403, or the status of the login page the request was redirected to.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The request that failed.</summary>
    public Uri? RequestUri { get; }
}
