using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SessionSafety.Runtime.Tests.Infrastructure;

/// <summary>
/// What .NET's browser handler makes of a server whose save endpoint redirects to its sign-in page, for the
/// decisions that only happen in WebAssembly (no browser runs here): it reads the request's
/// <c>WebAssemblyFetchOptions</c> as the real handler does; with <c>redirect: "manual"</c> it answers as
/// fetch does, status 0 and the reason "opaqueredirect"; otherwise it "follows", and the login page's 200
/// comes back with the original request, address and method unchanged — fetch never tells .NET where it
/// ended. The real thing runs in tests/SessionSafety.BrowserTests.
/// </summary>
public sealed class FakeFetch : HttpMessageHandler
{
    private static readonly HttpRequestOptionsKey<IDictionary<string, object>> FetchOptions = new("WebAssemblyFetchOptions");

    private readonly ConcurrentQueue<(HttpMethod Method, string? Redirect)> sent = new();

    /// <summary>Whether the server redirects the save (its session has expired); otherwise it accepts it.</summary>
    public bool Redirects { get; set; } = true;

    /// <summary>Each request as fetch got it: its method and its <c>redirect</c> mode (null: fetch's default, follow).</summary>
    public IReadOnlyCollection<(HttpMethod Method, string? Redirect)> Sent => sent.ToArray();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var redirect = request.Options.TryGetValue(FetchOptions, out var options) && options.TryGetValue("redirect", out var mode) ? (string)mode : null;
        sent.Enqueue((request.Method, redirect));

        HttpResponseMessage response;
        if (!Redirects)
        {
            response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"id\":42}", Encoding.UTF8, "application/json") };
        }
        else if (redirect == "manual")
        {
            response = new HttpResponseMessage(0) { ReasonPhrase = "opaqueredirect", Content = new ByteArrayContent(Array.Empty<byte>()) };
        }
        else
        {
            response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html><form>Sign in</form></html>", Encoding.UTF8, "text/html") };
        }

        response.RequestMessage = request;
        return Task.FromResult(response);
    }
}
