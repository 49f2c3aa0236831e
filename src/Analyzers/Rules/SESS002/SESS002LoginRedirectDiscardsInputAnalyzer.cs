using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SessionSafety.Analyzers.Internal;
using SessionSafety.Analyzers.Options;

namespace SessionSafety.Analyzers.Rules.SESS002;

/// <summary>
/// SESS002: a redirect to the login page while the user's input is in hand — on the failure path of a
/// save in the same member, in a message handler's 401/403 path, or in a POST/PUT/PATCH action that
/// received input and that an expired session can reach — with no draft stored first; or a filter or
/// middleware that redirects every request to the login page, form posts and script calls included (<see href="https://github.com/session-safety/SessionSafety/blob/main/docs/rules/SESS002.md">docs/rules/SESS002.md</see>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SESS002LoginRedirectDiscardsInputAnalyzer : SessionSafetyAnalyzer
{
    /// <summary>Diagnostic property: what the code fix stores (see <see cref="PayloadKinds"/>); the key is in <see cref="DraftKeys.Property"/>.</summary>
    public const string PayloadKindProperty = "PayloadKind";

    /// <summary>Diagnostic property: the payload's text (handler: the request parameter; form: the inputs, comma-separated).</summary>
    public const string PayloadTextProperty = "PayloadText";

    public SESS002LoginRedirectDiscardsInputAnalyzer()
        : base(Descriptors.SESS002LoginRedirectDiscardsInput, LoginRedirects.NameParts)
    {
        GlobalProtection.RegisterMarkers();
    }

    /// <summary>The known types are looked up when the first member passes the text filter; without any redirect or challenge API no member is analyzed.</summary>
    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, SourceScope scope)
    {
        var compilation = context.Compilation;
        scope.RegisterMemberStartAction(
            context,
            () => LoginRedirects.Create(compilation) is { } sinks ? new RedirectContext(compilation, sinks, scope) : null,
            static (rule, member) => rule.OnMemberStart(member));
    }

    /// <summary>The values of <see cref="PayloadKindProperty"/>.</summary>
    public static class PayloadKinds
    {
        /// <summary>A JSON value: the additional location is the expression.</summary>
        public const string Value = "value";

        /// <summary>An HttpContent: the additional location is the expression; its text is stored.</summary>
        public const string Content = "content";

        /// <summary>An HttpRequestMessage: the additional location is the expression; its content's text is stored.</summary>
        public const string Request = "request";

        /// <summary>The request a message handler holds: <see cref="PayloadTextProperty"/> is the parameter.</summary>
        public const string Handler = "handler";

        /// <summary>The posted form: <see cref="PayloadTextProperty"/> lists the inputs.</summary>
        public const string Form = "form";

        /// <summary>Context (d): an MVC filter sets <c>context.Result</c> to the redirect; nothing is in hand to store.</summary>
        public const string Filter = "filter";

        /// <summary>Context (d): a middleware calls <c>Response.Redirect</c>; nothing is in hand to store.</summary>
        public const string Middleware = "middleware";

        /// <summary>Context (d): the status code pages middleware redirects; nothing is in hand to store.</summary>
        public const string StatusCodePages = "status-code-pages";
    }
}
