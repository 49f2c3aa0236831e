using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SessionSafety.Analyzers.Rules.SESS004;
using SessionSafety.CodeFixes.Rules.SESS004;
using SessionSafety.Tests.Verifiers;

namespace SessionSafety.Tests.Fixes.SESS004;

/// <summary>
/// Proof on a real server that SESS004 matters and that its fix works. One app's source (<see cref="AppSource"/>:
/// cookie authentication and an authorized endpoint of each kind ASP.NET Core 10 still redirects) is analyzed —
/// SESS004 reports it — then fixed by the code fix itself; both versions are compiled, loaded and run on Kestrel
/// on 127.0.0.1. Before the fix a signed-out script POST follows the redirect and ends with 200 OK and the login
/// page, which the runtime's <see cref="DraftGuard"/> takes for an expired session (draft kept, SessionExpired
/// raised); after it the same POST gets 401, and a browser navigation still gets 302 to the login page.
/// </summary>
public sealed class SESS004KestrelProofTests : IAsyncLifetime
{
    private const string AppSource = """
        using System.IO;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication.Cookies;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public static class ProofApp
        {
            public static void AddAuthentication(IServiceCollection services) =>
                services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
                    .AddCookie(options => options.LoginPath = "/login");

            public static void Map(WebApplication app)
            {
                app.MapGet("/login", () => Results.Content("<html><body>Sign in</body></html>", "text/html"));
                app.MapGet("/compose", () => Results.Content("<html><body>Compose</body></html>", "text/html")).RequireAuthorization();
                app.MapPost("/api/messages", async (HttpContext context) =>
                {
                    var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
                    return Results.Ok(new { received = body.Length });
                }).RequireAuthorization();
                app.MapPost("/api/drafts", (HttpContext context) => "saved").RequireAuthorization();
                app.MapControllers();
            }
        }

        public sealed record Note(string Text);

        [Authorize]
        public sealed class NotesController : Controller
        {
            [HttpPost("/notes")]
            public IActionResult Save([FromBody] Note note) => Ok();

            [HttpPost("/notes/preview")]
            public IActionResult Preview([FromForm] string text) => Json(new { length = text.Length });
        }
        """;

    /// <summary>The POSTs a script makes, one per endpoint kind that ASP.NET Core 10 still redirects.</summary>
    public static TheoryData<string, string> ScriptPosts() => new()
    {
        { "notes", "a plain controller's [FromBody] action answering Ok()" },
        { "notes/preview", "a plain controller's action answering Json(…)" },
        { "api/messages", "a minimal API returning IResult that reads its body itself" },
        { "api/drafts", "a minimal API returning a string" },
    };

    private static readonly Lazy<Task<(Assembly Before, Assembly After, string FixedSource)>> Apps = new(BuildAppsAsync);

    private WebApplication before = null!;
    private WebApplication after = null!;

    public async Task InitializeAsync()
    {
        var apps = await Apps.Value;
        before = await StartAsync(apps.Before);
        after = await StartAsync(apps.After);
    }

    public async Task DisposeAsync()
    {
        await before.DisposeAsync();
        await after.DisposeAsync();
    }

    [Fact]
    public async Task TheAppsSource_ReportsSess004AndTheFixedSourceDoesNot()
    {
        var apps = await Apps.Value;

        Assert.Single(await AnalyzeAsync(AppSource));
        Assert.Empty(await AnalyzeAsync(apps.FixedSource));
        Assert.Contains("options.Events.OnRedirectToLogin = context => IsScriptCall(context.Request)", apps.FixedSource);
    }

    [Theory]
    [MemberData(nameof(ScriptPosts))]
    public async Task SignedOutScriptPost_BeforeTheFix_Ends200OkOnTheLoginPageAndTheGuardKeepsTheDraft(string path, string kind)
    {
        using var http = new HttpClient { BaseAddress = Address(before) };

        using (var plain = await PostAsync(http, path))
        {
            Assert.True(plain.StatusCode == HttpStatusCode.OK, $"{kind}: {plain.StatusCode}");
            Assert.Equal("/login", plain.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.Contains("Sign in", await plain.Content.ReadAsStringAsync());
        }

        var (store, expired, response) = await SendThroughGuardAsync(http, path);
        using (response)
        {
            var draft = Assert.Single(await store.ListAsync());
            Assert.Equal("Compose.Send", draft.Key);
            var notice = Assert.Single(expired);
            Assert.Equal(SessionExpiryReason.RedirectedToLogin, notice.Reason);
            Assert.True(notice.DraftKept);
        }
    }

    [Theory]
    [MemberData(nameof(ScriptPosts))]
    public async Task SignedOutScriptPost_AfterTheFix_Gets401AndTheGuardKeepsTheDraft(string path, string kind)
    {
        using var http = new HttpClient { BaseAddress = Address(after) };

        using (var plain = await PostAsync(http, path))
        {
            Assert.True(plain.StatusCode == HttpStatusCode.Unauthorized, $"{kind}: {plain.StatusCode}");
            Assert.Equal("/" + path, plain.RequestMessage!.RequestUri!.AbsolutePath);
        }

        var (store, expired, response) = await SendThroughGuardAsync(http, path);
        using (response)
        {
            Assert.Single(await store.ListAsync());
            Assert.Equal(SessionExpiryReason.Unauthorized, Assert.Single(expired).Reason);
        }
    }

    [Fact]
    public async Task BrowserNavigation_BeforeAndAfterTheFix_Gets302ToTheLoginPage()
    {
        foreach (var app in new[] { before, after })
        {
            using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = Address(app) };
            using var request = new HttpRequestMessage(HttpMethod.Get, "compose");
            request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

            using var response = await browser.SendAsync(request);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
        }
    }

    [Fact]
    public async Task SignedOutScriptGetAskingForJson_AfterTheFix_Gets401()
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = Address(after) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "compose");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static Uri Address(WebApplication app) => new(app.Urls.Single() + "/");

    /// <summary>What a script sends: JSON for the JSON endpoints, a form for the form action.</summary>
    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string path) =>
        path == "notes/preview"
            ? http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["text"] = "typed for an hour" }))
            : http.PostAsJsonAsync(path, new { text = "typed for an hour" });

    private static async Task<(InMemoryDraftStore Store, ConcurrentQueue<SessionExpiredEventArgs> Expired, HttpResponseMessage Response)> SendThroughGuardAsync(HttpClient http, string path)
    {
        var store = new InMemoryDraftStore();
        var expired = new ConcurrentQueue<SessionExpiredEventArgs>();
        var guard = new DraftGuard(store);
        guard.SessionExpired += (_, e) => expired.Enqueue(e);
        var response = await guard.SendAsync("Compose.Send", new { text = "typed for an hour" }, _ => PostAsync(http, path));
        return (store, expired, response);
    }

    private static async Task<WebApplication> StartAsync(Assembly app)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = new[] { "--urls", "http://127.0.0.1:0" } });
        builder.Logging.ClearProviders();
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        Invoke(app, "AddAuthentication", builder.Services);
        builder.Services.AddAuthorization();
        builder.Services.AddControllers().AddApplicationPart(app);
        var web = builder.Build();
        web.UseAuthentication();
        web.UseAuthorization();
        Invoke(app, "Map", web);
        await web.StartAsync();
        return web;
    }

    private static void Invoke(Assembly app, string method, object argument) =>
        app.GetType("ProofApp")!.GetMethod(method)!.Invoke(null, new[] { argument });

    // ------------------------------------------------------------ the app before and after the fix

    private static async Task<(Assembly Before, Assembly After, string FixedSource)> BuildAppsAsync()
    {
        var fixedSource = await ApplyFixAsync(AppSource);
        return (Compile("ProofAppBefore", AppSource), Compile("ProofAppAfter", fixedSource), fixedSource);
    }

    private static ImmutableArray<MetadataReference> References => TestReferences.Default.Add(TestReferences.Runtime);

    private static CSharpCompilation Compilation(string name, string source) =>
        CSharpCompilation.Create(
            name,
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/0/ProofApp.cs") },
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source) =>
        await Compilation("ProofAppAnalyzed", source)
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SESS004CookieRedirectsApiCallsAnalyzer()))
            .GetAnalyzerDiagnosticsAsync();

    private static Assembly Compile(string name, string source)
    {
        using var image = new MemoryStream();
        var emitted = Compilation(name, source).Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;
        return AssemblyLoadContext.Default.LoadFromStream(image);
    }

    /// <summary>The code fix applied as the IDE applies it: its one code action's changed solution.</summary>
    private static async Task<string> ApplyFixAsync(string source)
    {
        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Create(),
                "ProofApp",
                "ProofApp",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: References))
            .AddDocument(documentId, "ProofApp.cs", source, filePath: "/0/ProofApp.cs");
        var document = solution.GetDocument(documentId)!;
        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostic = Assert.Single(await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SESS004CookieRedirectsApiCallsAnalyzer()))
            .GetAnalyzerDiagnosticsAsync());

        var actions = new List<CodeAction>();
        await new SESS004CookieRedirectsApiCallsCodeFix().RegisterCodeFixesAsync(
            new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        var operations = await Assert.Single(actions).GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return (await changed.GetDocument(documentId)!.GetTextAsync()).ToString();
    }
}
