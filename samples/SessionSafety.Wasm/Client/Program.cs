using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using SessionSafety;
using SessionSafety.Wasm.Client;
using SessionSafety.Wasm.Client.Services;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
ClientServices.Add(builder.Services, new Uri(builder.HostEnvironment.BaseAddress));

var host = builder.Build();
// The tab is one user's: the static defaults that SessionSafety's fixes generate may be its store and guard.
host.Services.UseSessionSafetyDefaults();
await host.RunAsync();
