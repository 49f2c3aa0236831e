namespace SessionSafety.Analyzers.Rules.SESS002;

/// <summary>SESS002 context (d): where in the request pipeline a login redirect is given.</summary>
internal enum PipelineKind
{
    /// <summary>Not in the pipeline: an action, a component, a message handler.</summary>
    None,

    /// <summary>An MVC filter sets <c>context.Result</c> to the redirect.</summary>
    Filter,

    /// <summary>A middleware calls <c>Response.Redirect</c>.</summary>
    Middleware,

    /// <summary>The status code pages middleware redirects (a <c>UseStatusCodePages</c> handler, <c>UseStatusCodePagesWithRedirects</c>).</summary>
    StatusCodePages,
}
