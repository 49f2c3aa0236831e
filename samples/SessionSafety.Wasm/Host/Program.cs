using SessionSafety.Wasm.Host;
using SessionSafety.Wasm.Host.Auth;
using SessionSafety.Wasm.Host.Endpoints;
using SessionSafety.Wasm.Host.Testing;

var builder = WebApplication.CreateBuilder(args);

// Off unless asked for (the browser tests do): a clock that can be moved forward, and endpoints that move
// it and report what the server received. `dotnet run` never exposes them.
var testing = builder.Configuration.GetValue("Sample:TestEndpoints", false);
if (testing)
{
    builder.Services.AddSingleton<TimeProvider>(new ShiftableClock());
}

builder.Services.AddSampleAuthentication(builder.Configuration);
builder.Services.AddSingleton<MessageLog>();

var app = builder.Build();

if (testing)
{
    app.UseSaveStatusCounting();
}

app.UseAuthentication();
app.UseAuthorization();

// The client's files (the _framework folder, css), by their names with and without fingerprints.
app.MapStaticAssets();
app.MapAccountEndpoints();
app.MapMessageEndpoints();
if (testing)
{
    app.MapTestEndpoints();
}

// Every other path is a page of the WebAssembly client.
app.MapFallbackToFile("index.html");

app.Run();
