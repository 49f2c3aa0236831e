namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>What a followed value is, as it passes through a member: each kind is followed by its own rules (<see cref="ValueUses"/>).</summary>
internal enum TrackedValue
{
    /// <summary>The save's response or its task.</summary>
    Response,

    /// <summary>The response's status (<c>response.StatusCode</c>, or a cast of it): what a 401/403 test reads.</summary>
    Status,

    /// <summary>Where the response landed (<c>response.RequestMessage.RequestUri</c>, <c>response.Headers.Location</c>): what a login-page test reads.</summary>
    Landing,
}
