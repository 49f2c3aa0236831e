using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS003;

/// <summary>SESS003: which lifetime an assignment sets.</summary>
internal enum LifetimeTargetKind
{
    None,
    CookieAuthenticationExpireTimeSpan,
    SessionIdleTimeout,
    CookieBuilderMaxAge,
    CookieBuilderExpiration,
    AuthenticationPropertiesExpiresUtc,
    CookieOptionsExpires,
    CookieOptionsMaxAge,
    NetCookieExpires,
}
