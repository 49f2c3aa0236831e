using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using SessionSafety.Docs;
using SessionSafety.Docs.BlazorServer;
using SessionSafety.Runtime.Tests.Infrastructure;

namespace SessionSafety.Runtime.Tests;

/// <summary>
/// docs/runtime.md shows code from docs/snippets/*.cs, which this project compiles; these tests keep the
/// two identical and run the examples that can run here.
/// </summary>
[Collection(StaticDefaultsCollection.Name)]
public sealed class DocsExamplesTests
{
    private static readonly string DocsFolder = Path.Combine(AppContext.BaseDirectory, "DocsSnippets");

    [Fact]
    public void EverySnippetInTheDoc_IsTheCompiledCode()
    {
        var doc = File.ReadAllText(Path.Combine(DocsFolder, "runtime.md")).Replace("\r\n", "\n");
        var regions = ReadRegions();
        var references = Regex.Matches(doc, "<!-- snippet: (?<name>[a-z0-9-]+) -->\n```csharp\n(?<code>.*?)```", RegexOptions.Singleline);

        Assert.NotEmpty(references);
        foreach (Match reference in references)
        {
            var name = reference.Groups["name"].Value;
            Assert.True(regions.ContainsKey(name), $"runtime.md shows snippet '{name}', which no docs/snippets file defines");
            Assert.Equal(regions[name], reference.Groups["code"].Value);
        }

        var shown = references.Select(m => m.Groups["name"].Value).ToHashSet();
        foreach (var name in regions.Keys)
        {
            Assert.True(shown.Contains(name), $"snippet '{name}' is not shown in runtime.md");
        }
    }

    [Fact]
    public async Task ConsoleExample_KeepsTheDraftOn401AndSendsItNextTime()
    {
        using var temp = new TempDirectory();
        var expired = true;
        var received = new List<string>();
        await using var server = await KestrelServer.StartAsync(app =>
            app.MapPost("/api/messages", async (HttpRequest request) =>
            {
                if (expired)
                {
                    return Results.StatusCode(401);
                }

                received.Add(await new StreamReader(request.Body).ReadToEndAsync());
                return Results.Ok();
            }));
        var previousStore = DraftStore.Default;
        try
        {
            Assert.Equal(1, await ConsoleApp.RunAsync(server.BaseAddress, temp.Path, () => "typed before the session expired"));

            expired = false;
            Assert.Equal(0, await ConsoleApp.RunAsync(server.BaseAddress, temp.Path, () => throw new InvalidOperationException("asked again")));

            Assert.Equal("{\"subject\":\"Report\",\"body\":\"typed before the session expired\"}", Assert.Single(received));
            Assert.Empty(await DraftStore.Default.ListAsync());
        }
        finally
        {
            DraftStore.Default = previousStore;
        }
    }

    [Fact]
    public async Task BlazorServerCircuitHandler_MakesTheCircuitsStoreAmbient()
    {
        var services = new ServiceCollection()
            .AddScoped<IJSRuntime, RecordingJSRuntime>()
            .AddSessionSafety(o => o.UseBrowserStorage())
            .BuildServiceProvider();
        using var circuit = services.CreateScope();
        var handler = new SessionSafetyCircuitHandler(circuit.ServiceProvider);
        IDraftStore? seen = null;

        await handler.CreateInboundActivityHandler(_ =>
        {
            seen = DraftStore.Default;
            return Task.CompletedTask;
        })(null!);

        Assert.Same(circuit.ServiceProvider.GetRequiredService<IDraftStore>(), seen);
        Assert.NotSame(seen, DraftStore.Default);
    }

    [Fact]
    public async Task BlazorServerUser_IsTheCircuitsSignedInUser_AndSignOutClearsTheirDrafts()
    {
        var signedIn = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            new[] { new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "user-42") }, "cookie"));
        var services = new ServiceCollection()
            .AddScoped<IJSRuntime, RecordingJSRuntime>()
            .AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>(_ => new FixedAuthenticationState(signedIn))
            .AddSessionSafety(o =>
            {
                o.PerUser = true;
                o.UseBrowserStorage();
                o.UserId = CircuitUser.IdOf;
            })
            .BuildServiceProvider();
        try
        {
            using var circuit = services.CreateScope();
            var drafts = circuit.ServiceProvider.GetRequiredService<IDraftStore>();
            await drafts.SaveAsync("Compose.SendAsync", "typed");

            Assert.Equal("user-42", ((BrowserDraftStore)drafts).UserId);
            Assert.Null(CircuitUser.IdOf(new ServiceCollection().BuildServiceProvider()));
            await CircuitUser.ForgetDraftsAsync(drafts);
            Assert.Empty(((RecordingJSRuntime)circuit.ServiceProvider.GetRequiredService<IJSRuntime>()).Local);
        }
        finally
        {
            SessionSafety.Internal.ServerHost.ForgetPerUser();
        }
    }

    [Fact]
    public async Task MvcExample_GivesEachBrowserItsOwnStore()
    {
        using var temp = new TempDirectory();
        await using var server = await KestrelServer.StartAsync(app =>
        {
            SessionSafety.Docs.ServerApps.MvcDrafts.UsePerBrowserDrafts(app, temp.Path);
            app.MapPost("/compose", async (HttpRequest request) =>
            {
                var form = await request.ReadFormAsync();
                DraftStore.Default.Save("Compose.Post", form["text"].ToString());
                return Results.Redirect("/Account/Login");
            });
            app.MapGet("/draft", async () => (await DraftStore.Default.TryLoadAsync("Compose.Post"))?.Content ?? "(none)");
            app.MapPost("/signout", (HttpContext context) =>
            {
                SessionSafety.Docs.ServerApps.MvcDrafts.ForgetBrowserDrafts(context);
                return Results.Ok();
            });
        });

        // The owner cookie is Secure; over this test's plain HTTP the "browser" sends it back by hand.
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = server.BaseAddress };
        async Task<string> BrowserAsync(string text)
        {
            using var post = await client.PostAsync("compose", new FormUrlEncodedContent(new Dictionary<string, string> { ["text"] = text }));
            Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
            var cookie = post.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
            using var get = new HttpRequestMessage(HttpMethod.Get, "draft");
            get.Headers.Add("Cookie", cookie);
            using var response = await client.SendAsync(get);
            return await response.Content.ReadAsStringAsync();
        }

        Assert.Equal("alice's text", await BrowserAsync("alice's text"));
        Assert.Equal("bob's text", await BrowserAsync("bob's text"));
        Assert.Equal("(none)", await client.GetStringAsync("draft"));
        using (var forged = new HttpRequestMessage(HttpMethod.Get, "draft"))
        {
            forged.Headers.Add("Cookie", "drafts.owner=../../etc");
            using var response = await client.SendAsync(forged);
            Assert.Equal("(none)", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(2, Directory.GetDirectories(temp.Path).Length);
        using (var signOut = await client.PostAsync("signout", null))
        {
            Assert.Contains(signOut.Headers.GetValues("Set-Cookie"), c => c.StartsWith("drafts.owner=;") && c.Contains("expires=Thu, 01 Jan 1970"));
        }
    }

    private sealed class FixedAuthenticationState(System.Security.Claims.ClaimsPrincipal user) : Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider
    {
        public override Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new Microsoft.AspNetCore.Components.Authorization.AuthenticationState(user));
    }

    private static Dictionary<string, string> ReadRegions()
    {
        var regions = new Dictionary<string, string>();
        foreach (var file in Directory.GetFiles(Path.Combine(DocsFolder, "Sources"), "*.cs"))
        {
            var lines = File.ReadAllText(file).Replace("\r\n", "\n").Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var open = Regex.Match(lines[i], "^(\\s*)// <(?<name>[a-z0-9-]+)>$");
                if (!open.Success)
                {
                    continue;
                }

                var name = open.Groups["name"].Value;
                var end = Array.FindIndex(lines, i + 1, l => l.Trim() == $"// </{name}>");
                Assert.True(end > i, $"{file}: region {name} is not closed");
                var body = lines.Skip(i + 1).Take(end - i - 1).ToArray();
                var indent = body.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
                regions.Add(name, string.Join("\n", body.Select(l => l.Length >= indent ? l.Substring(indent) : l.TrimStart())) + "\n");
            }
        }

        return regions;
    }
}

/// <summary>Tests that set the process-wide defaults run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StaticDefaultsCollection
{
    public const string Name = "Static defaults";
}
