namespace SessionSafety.Analyzers;

/// <summary>
/// Metadata names of the types the rules look for. The analyzers never reference the runtime helper
/// or ASP.NET Core: they find these types in the compilation being analyzed, once per compilation.
/// A meta test resolves every name against the real assemblies.
/// </summary>
public static class KnownTypes
{
    // System.Net.Http
    public const string HttpClient = "System.Net.Http.HttpClient";
    public const string HttpClientJsonExtensions = "System.Net.Http.Json.HttpClientJsonExtensions";
    public const string HttpRequestMessage = "System.Net.Http.HttpRequestMessage";
    public const string HttpResponseMessage = "System.Net.Http.HttpResponseMessage";
    public const string HttpMethod = "System.Net.Http.HttpMethod";
    public const string HttpRequestException = "System.Net.Http.HttpRequestException";
    public const string DelegatingHandler = "System.Net.Http.DelegatingHandler";
    public const string HttpStatusCode = "System.Net.HttpStatusCode";
    public const string HttpClientFactoryExtensions = "System.Net.Http.HttpClientFactoryExtensions";
    public const string HttpClientFactoryServiceCollectionExtensions = "Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions";
    public const string HttpClientBuilderExtensions = "Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions";
    public const string IHttpClientFactory = "System.Net.Http.IHttpClientFactory";

    // Blazor
    public const string AccessTokenNotAvailableException = "Microsoft.AspNetCore.Components.WebAssembly.Authentication.AccessTokenNotAvailableException";
    public const string NavigationManager = "Microsoft.AspNetCore.Components.NavigationManager";
    public const string IJSRuntime = "Microsoft.JSInterop.IJSRuntime";
    public const string ProtectedLocalStorage = "Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage.ProtectedLocalStorage";
    public const string ProtectedSessionStorage = "Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage.ProtectedSessionStorage";
    public const string ProtectedBrowserStorage = "Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage.ProtectedBrowserStorage";

    // ASP.NET Core MVC / Razor Pages / minimal APIs / authentication
    public const string ControllerBase = "Microsoft.AspNetCore.Mvc.ControllerBase";
    public const string Controller = "Microsoft.AspNetCore.Mvc.Controller";
    public const string PageModel = "Microsoft.AspNetCore.Mvc.RazorPages.PageModel";
    public const string Results = "Microsoft.AspNetCore.Http.Results";
    public const string TypedResults = "Microsoft.AspNetCore.Http.TypedResults";
    public const string AuthenticationHttpContextExtensions = "Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions";
    public const string CookieAuthenticationOptions = "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions";
    public const string SessionOptions = "Microsoft.AspNetCore.Builder.SessionOptions";
    public const string CookieBuilder = "Microsoft.AspNetCore.Http.CookieBuilder";
    public const string CookieOptions = "Microsoft.AspNetCore.Http.CookieOptions";
    public const string AuthenticationProperties = "Microsoft.AspNetCore.Authentication.AuthenticationProperties";
    public const string SystemNetCookie = "System.Net.Cookie";
    public const string IConfiguration = "Microsoft.Extensions.Configuration.IConfiguration";

    // The runtime helper (package SessionSafety)
    public const string DraftGuard = "SessionSafety.DraftGuard";
    public const string IDraftStore = "SessionSafety.IDraftStore";
    public const string DraftStore = "SessionSafety.DraftStore";
    public const string SessionRecoveryHandler = "SessionSafety.SessionRecoveryHandler";
    public const string SessionSafetyHttpClientBuilderExtensions = "SessionSafety.SessionSafetyHttpClientBuilderExtensions";

    // Test frameworks: a compilation that references one of these is a test project.
    public static readonly string[] TestFrameworkAssemblies =
    {
        "xunit.core",
        "xunit.v3.core",
        "nunit.framework",
        "Microsoft.VisualStudio.TestPlatform.TestFramework",
        "MSTest.TestFramework",
        "TUnit.Core",
    };
}
