using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;

namespace SessionSafety.Wasm.Host.Auth;

/// <summary>How long a CSRF token is accepted after it was issued.</summary>
public sealed record CsrfTokenLifetimeOptions(TimeSpan Lifetime);

/// <summary>
/// ASP.NET Core's antiforgery tokens do not expire by themselves; this puts the time of issue into each
/// token and refuses it (403) once it is older than the configured lifetime — the page left open for
/// hours whose every save fails.
/// </summary>
public sealed class CsrfTokenLifetime(TimeProvider clock, CsrfTokenLifetimeOptions options) : IAntiforgeryAdditionalDataProvider
{
    public string GetAdditionalData(HttpContext context) =>
        clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public bool ValidateAdditionalData(HttpContext context, string additionalData) =>
        long.TryParse(additionalData, NumberStyles.None, CultureInfo.InvariantCulture, out var issued)
        && clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued) < options.Lifetime;
}
