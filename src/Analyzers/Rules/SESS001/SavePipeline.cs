using System.Collections.Generic;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>What a save's client sends through: the handlers of its pipeline and where the client came from.</summary>
internal sealed class SavePipeline
{
    public SavePipeline(List<HandlerRef> handlers, ClientOrigin origin)
    {
        Handlers = handlers;
        Origin = origin;
    }

    /// <summary>The handlers of the client defaults, the containing type's typed-client registrations, the client's construction and its named client.</summary>
    public List<HandlerRef> Handlers { get; }

    /// <summary>Where the client came from; when it was injected, the named clients registered as the injected <c>HttpClient</c> count too.</summary>
    public ClientOrigin Origin { get; }
}
