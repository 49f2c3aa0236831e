using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using SessionSafety.Analyzers;
using SessionSafety.CodeFixes.Internal;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace SessionSafety.CodeFixes.Rules.SESS004;

/// <summary>
/// The statements SESS004's fix adds to a cookie options lambda: <c>Events.OnRedirectToLogin</c> (and
/// <c>OnRedirectToAccessDenied</c>) answer 401 (403) to a script call — not a GET, or one that sends
/// <c>X-Requested-With: XMLHttpRequest</c> or asks for JSON — and leave the rest to the handler that was there
/// before (the framework's redirect to the login page). Type names are written as they bind where the code goes,
/// and every name it declares is one that is free there.
/// </summary>
internal static class ScriptCallEvents
{
    /// <summary>The statements for options parameter <paramref name="options"/>, or empty when the compilation lacks a type they use.</summary>
    public static ImmutableArray<StatementSyntax> For(SemanticModel model, int position, string options, bool accessDeniedHandled, string newLine)
    {
        var compilation = model.Compilation;
        var names = new List<string>();
        foreach (var metadataName in new[] { KnownTypes.HttpRequest, KnownTypes.HttpResponse, KnownTypes.HttpMethods, KnownTypes.StatusCodes, KnownTypes.StringComparison, KnownTypes.Task })
        {
            if (compilation.GetTypeByMetadataName(metadataName) is not { } type)
            {
                return ImmutableArray<StatementSyntax>.Empty;
            }

            names.Add(Name(model, position, type));
        }

        var (httpRequest, httpResponse, httpMethods, statusCodes, stringComparison, task) = (names[0], names[1], names[2], names[3], names[4], names[5]);
        var taken = new HashSet<string> { options };
        var isScriptCall = Free(model, position, "IsScriptCall", taken);
        var answer = Free(model, position, "Answer", taken);
        var context = Free(model, position, "context", taken);
        var redirectToLogin = Free(model, position, "redirectToLogin", taken);
        var redirectToAccessDenied = Free(model, position, "redirectToAccessDenied", taken);

        var lines = new List<string>
        {
            $"var {redirectToLogin} = {options}.Events.OnRedirectToLogin;",
            $"{options}.Events.OnRedirectToLogin = {context} => {isScriptCall}({context}.Request) ? {answer}({context}.Response, {statusCodes}.Status401Unauthorized) : {redirectToLogin}({context});",
        };
        if (!accessDeniedHandled)
        {
            lines.Add($"var {redirectToAccessDenied} = {options}.Events.OnRedirectToAccessDenied;");
            lines.Add($"{options}.Events.OnRedirectToAccessDenied = {context} => {isScriptCall}({context}.Request) ? {answer}({context}.Response, {statusCodes}.Status403Forbidden) : {redirectToAccessDenied}({context});");
        }

        var statements = lines.Select(line => ParseStatement(line)).ToList();
        statements.Add(ParseStatement(
            $"static bool {isScriptCall}({httpRequest} request) =>{newLine}" +
            $"    !{httpMethods}.IsGet(request.Method){newLine}" +
            $"    || request.Headers.XRequestedWith == \"XMLHttpRequest\"{newLine}" +
            $"    || request.Headers.Accept.ToString().Contains(\"application/json\", {stringComparison}.OrdinalIgnoreCase);"));
        statements.Add(ParseStatement(
            $"static {task} {answer}({httpResponse} response, int status){newLine}" +
            $"{{{newLine}" +
            $"    response.StatusCode = status;{newLine}" +
            $"    return {task}.CompletedTask;{newLine}" +
            $"}}"));

        // Why, for the next reader, on the first statement; the local functions after a blank line.
        statements[0] = statements[0].WithLeadingTrivia(
            Comment("// A script call (not a GET, or one that asks for JSON) gets 401/403, which its client can tell from a success"),
            ElasticEndOfLine(newLine),
            Comment("// and keep the user's input; a page navigation still goes to the login page."),
            ElasticEndOfLine(newLine));
        var firstFunction = statements.Count - 2;
        statements[firstFunction] = statements[firstFunction].WithLeadingTrivia(ElasticEndOfLine(newLine));
        return statements.Select(s => s.WithTrailingTrivia(ElasticEndOfLine(newLine)).WithAdditionalAnnotations(Formatter.Annotation)).ToImmutableArray();
    }

    /// <summary>
    /// The simple name when it means <paramref name="type"/> there, counting only types of its arity (<c>Task</c>
    /// is not ambiguous because <c>Task&lt;TResult&gt;</c> is in scope too); else the shortest qualified name.
    /// </summary>
    private static string Name(SemanticModel model, int position, INamedTypeSymbol type)
    {
        var visible = model.LookupNamespacesAndTypes(position, name: type.Name)
            .Where(s => s is not INamedTypeSymbol named || named.Arity == type.Arity)
            .ToList();
        return visible.Count == 1 && SymbolEqualityComparer.Default.Equals(visible[0], type) ? type.Name : TypeNames.Shortest(model, position, type);
    }

    /// <summary><paramref name="preferred"/>, or it with a number, so that it names no local, parameter or local function in scope.</summary>
    public static string Free(SemanticModel model, int position, string preferred, ISet<string> taken)
    {
        var inScope = new HashSet<string>(model.LookupSymbols(position)
            .Where(s => s is ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or IMethodSymbol { MethodKind: MethodKind.LocalFunction })
            .Select(s => s.Name));
        var name = preferred;
        for (var i = 2; inScope.Contains(name) || taken.Contains(name) || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None; i++)
        {
            name = preferred + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        taken.Add(name);
        return name;
    }
}
