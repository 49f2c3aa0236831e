using System;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>The service's own credentials a request, content or client carries in its headers (<see cref="MachineCredentials"/>).</summary>
[Flags]
internal enum HeaderCredentials
{
    None = 0,

    /// <summary>An API-key header (<c>X-Api-Key</c>, <c>api-key</c>, <c>Ocp-Apim-Subscription-Key</c> and the like): never a user's session.</summary>
    ApiKey = 1,

    /// <summary>An <c>Authorization</c> header set from a constant, configuration, an options object or a field: outside client UI code, the service's credentials.</summary>
    ServiceAuthorization = 2,
}
