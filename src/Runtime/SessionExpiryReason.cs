namespace SessionSafety;

/// <summary>Why a request was taken for a sign of an expired session.</summary>
public enum SessionExpiryReason
{
    /// <summary>The server answered 401 Unauthorized.</summary>
    Unauthorized,

    /// <summary>The server answered 403 Forbidden (an expired CSRF/antiforgery token looks like this).</summary>
    Forbidden,

    /// <summary>The request was redirected to the login page and that page answered 2xx.</summary>
    RedirectedToLogin,
}
