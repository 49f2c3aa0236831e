using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace SessionSafety.Runtime.Tests.Infrastructure;

/// <summary>A real Kestrel server on 127.0.0.1 with a free port, for the app the test maps.</summary>
public sealed class KestrelServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private KestrelServer(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static Task<KestrelServer> StartAsync(Action<WebApplication> map) => StartAsync(_ => { }, map);

    public static async Task<KestrelServer> StartAsync(Action<WebApplicationBuilder> configure, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = new[] { "--urls", "http://127.0.0.1:0" } });
        builder.Logging.ClearProviders();
        configure(builder);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new KestrelServer(app, new Uri(app.Urls.Single() + "/"));
    }

    /// <summary>A port nothing listens on: bound, then released.</summary>
    public static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
