using System;
using System.Net;

namespace SessionSafety;

/// <summary>What the renewer is told about the failure it is asked to repair.</summary>
public sealed class SessionRenewalContext
{
    /// <summary>Creates the context.</summary>
    public SessionRenewalContext(HttpStatusCode statusCode, Uri? requestUri, string? wwwAuthenticate)
    {
        StatusCode = statusCode;
        RequestUri = requestUri;
        WwwAuthenticate = wwwAuthenticate;
    }

    /// <summary>401 (typically: renew the access token or session) or 403 (typically: renew the CSRF token).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The request that failed first.</summary>
    public Uri? RequestUri { get; }

    /// <summary>The response's <c>WWW-Authenticate</c> header, if any (e.g. <c>Bearer error="invalid_token"</c>).</summary>
    public string? WwwAuthenticate { get; }
}
