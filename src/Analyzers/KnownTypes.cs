namespace SessionSafety.Analyzers;

/// <summary>
/// Metadata names of the types the rules look for. The analyzers never reference the runtime helper
/// or ASP.NET Core: they find these types in the compilation being analyzed, once per compilation.
/// A meta test resolves every name against the real assemblies.
/// </summary>
public static class KnownTypes
{
    // System
    public const string TimeSpan = "System.TimeSpan";
    public const string DateTimeOffset = "System.DateTimeOffset";
    public const string TimeProvider = "System.TimeProvider";

    // System.Net.Http
    public const string HttpClient = "System.Net.Http.HttpClient";
    public const string HttpClientJsonExtensions = "System.Net.Http.Json.HttpClientJsonExtensions";
    public const string HttpRequestMessage = "System.Net.Http.HttpRequestMessage";
    public const string HttpMethod = "System.Net.Http.HttpMethod";
    public const string DelegatingHandler = "System.Net.Http.DelegatingHandler";
    public const string HttpStatusCode = "System.Net.HttpStatusCode";
    public const string HttpClientFactoryServiceCollectionExtensions = "Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions";
    public const string HttpResponseHeaders = "System.Net.Http.Headers.HttpResponseHeaders";

    // Blazor
    public const string AccessTokenNotAvailableException = "Microsoft.AspNetCore.Components.WebAssembly.Authentication.AccessTokenNotAvailableException";
    public const string NavigationManager = "Microsoft.AspNetCore.Components.NavigationManager";
    public const string IJSRuntime = "Microsoft.JSInterop.IJSRuntime";
    public const string AuthenticationStateProvider = "Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider";
    public const string ProtectedBrowserStorage = "Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage.ProtectedBrowserStorage";
    public const string NavigationManagerExtensions = "Microsoft.AspNetCore.Components.WebAssembly.Authentication.NavigationManagerExtensions";
    public const string IJSInProcessRuntime = "Microsoft.JSInterop.IJSInProcessRuntime";
    public const string JSRuntimeExtensions = "Microsoft.JSInterop.JSRuntimeExtensions";
    public const string JSInProcessRuntimeExtensions = "Microsoft.JSInterop.JSInProcessRuntimeExtensions";

    // ASP.NET Core MVC / Razor Pages / minimal APIs / authentication
    public const string ControllerBase = "Microsoft.AspNetCore.Mvc.ControllerBase";
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
    public const string ConfigurationBinder = "Microsoft.Extensions.Configuration.ConfigurationBinder";
    public const string AntiforgeryOptions = "Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions";
    public const string IResponseCookies = "Microsoft.AspNetCore.Http.IResponseCookies";
    public const string PageBase = "Microsoft.AspNetCore.Mvc.RazorPages.PageBase";
    public const string HttpRequest = "Microsoft.AspNetCore.Http.HttpRequest";
    public const string HttpResponse = "Microsoft.AspNetCore.Http.HttpResponse";
    public const string IFormCollection = "Microsoft.AspNetCore.Http.IFormCollection";
    public const string IFormFile = "Microsoft.AspNetCore.Http.IFormFile";
    public const string IFormFileCollection = "Microsoft.AspNetCore.Http.IFormFileCollection";
    public const string HttpPostAttribute = "Microsoft.AspNetCore.Mvc.HttpPostAttribute";
    public const string HttpPutAttribute = "Microsoft.AspNetCore.Mvc.HttpPutAttribute";
    public const string HttpPatchAttribute = "Microsoft.AspNetCore.Mvc.HttpPatchAttribute";
    public const string AcceptVerbsAttribute = "Microsoft.AspNetCore.Mvc.AcceptVerbsAttribute";
    public const string FromFormAttribute = "Microsoft.AspNetCore.Mvc.FromFormAttribute";
    public const string FromBodyAttribute = "Microsoft.AspNetCore.Mvc.FromBodyAttribute";
    public const string FromServicesAttribute = "Microsoft.AspNetCore.Mvc.FromServicesAttribute";
    public const string FromQueryAttribute = "Microsoft.AspNetCore.Mvc.FromQueryAttribute";
    public const string FromRouteAttribute = "Microsoft.AspNetCore.Mvc.FromRouteAttribute";
    public const string FromHeaderAttribute = "Microsoft.AspNetCore.Mvc.FromHeaderAttribute";
    public const string FromKeyedServicesAttribute = "Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute";
    public const string BindPropertyAttribute = "Microsoft.AspNetCore.Mvc.BindPropertyAttribute";
    public const string BindPropertiesAttribute = "Microsoft.AspNetCore.Mvc.BindPropertiesAttribute";
    public const string TempDataAttribute = "Microsoft.AspNetCore.Mvc.TempDataAttribute";
    public const string ITempDataDictionary = "Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataDictionary";
    public const string IUrlHelper = "Microsoft.AspNetCore.Mvc.IUrlHelper";
    public const string UrlHelperExtensions = "Microsoft.AspNetCore.Mvc.UrlHelperExtensions";
    public const string ChallengeResult = "Microsoft.AspNetCore.Mvc.ChallengeResult";
    public const string RedirectResult = "Microsoft.AspNetCore.Mvc.RedirectResult";
    public const string LocalRedirectResult = "Microsoft.AspNetCore.Mvc.LocalRedirectResult";
    public const string RedirectToActionResult = "Microsoft.AspNetCore.Mvc.RedirectToActionResult";
    public const string RedirectToPageResult = "Microsoft.AspNetCore.Mvc.RedirectToPageResult";
    public const string RedirectToRouteResult = "Microsoft.AspNetCore.Mvc.RedirectToRouteResult";

    // ASP.NET Core authorization, antiforgery, MVC filters and middleware (SESS002 (c), (d))
    public const string AuthorizationEndpointConventionBuilderExtensions = "Microsoft.AspNetCore.Builder.AuthorizationEndpointConventionBuilderExtensions";
    public const string IAuthorizationFilter = "Microsoft.AspNetCore.Mvc.Filters.IAuthorizationFilter";
    public const string IAsyncAuthorizationFilter = "Microsoft.AspNetCore.Mvc.Filters.IAsyncAuthorizationFilter";
    public const string FilterCollection = "Microsoft.AspNetCore.Mvc.Filters.FilterCollection";
    public const string FilterContext = "Microsoft.AspNetCore.Mvc.Filters.FilterContext";
    public const string TypeFilterAttribute = "Microsoft.AspNetCore.Mvc.TypeFilterAttribute";
    public const string ServiceFilterAttribute = "Microsoft.AspNetCore.Mvc.ServiceFilterAttribute";
    public const string ValidateAntiForgeryTokenAttribute = "Microsoft.AspNetCore.Mvc.ValidateAntiForgeryTokenAttribute";
    public const string AutoValidateAntiforgeryTokenAttribute = "Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute";
    public const string IgnoreAntiforgeryTokenAttribute = "Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryTokenAttribute";
    public const string HttpContext = "Microsoft.AspNetCore.Http.HttpContext";
    public const string IHeaderDictionary = "Microsoft.AspNetCore.Http.IHeaderDictionary";
    public const string RequestHeaders = "Microsoft.AspNetCore.Http.Headers.RequestHeaders";
    public const string IMiddleware = "Microsoft.AspNetCore.Http.IMiddleware";
    public const string RequestDelegate = "Microsoft.AspNetCore.Http.RequestDelegate";
    public const string IApplicationBuilder = "Microsoft.AspNetCore.Builder.IApplicationBuilder";
    public const string StatusCodeContext = "Microsoft.AspNetCore.Diagnostics.StatusCodeContext";
    public const string StatusCodePagesExtensions = "Microsoft.AspNetCore.Builder.StatusCodePagesExtensions";
    public const string UnauthorizedResult = "Microsoft.AspNetCore.Mvc.UnauthorizedResult";
    public const string StatusCodeResult = "Microsoft.AspNetCore.Mvc.StatusCodeResult";
    public const string ForbidResult = "Microsoft.AspNetCore.Mvc.ForbidResult";
    public const string IActionResult = "Microsoft.AspNetCore.Mvc.IActionResult";

    // Cookie authentication, its schemes and the endpoints it redirects (SESS004)
    public const string CookieAuthenticationEvents = "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationEvents";
    public const string AuthenticationBuilder = "Microsoft.AspNetCore.Authentication.AuthenticationBuilder";
    public const string AuthenticationOptions = "Microsoft.AspNetCore.Authentication.AuthenticationOptions";
    public const string IServiceCollection = "Microsoft.Extensions.DependencyInjection.IServiceCollection";
    public const string IdentityBuilder = "Microsoft.AspNetCore.Identity.IdentityBuilder";
    public const string IdentityConstants = "Microsoft.AspNetCore.Identity.IdentityConstants";
    public const string IdentityCookiesBuilder = "Microsoft.AspNetCore.Identity.IdentityCookiesBuilder";
    public const string OptionsBuilder = "Microsoft.Extensions.Options.OptionsBuilder`1";
    public const string IConfigureOptions = "Microsoft.Extensions.Options.IConfigureOptions`1";
    public const string IConfigureNamedOptions = "Microsoft.Extensions.Options.IConfigureNamedOptions`1";
    public const string IPostConfigureOptions = "Microsoft.Extensions.Options.IPostConfigureOptions`1";
    public const string AuthorizationOptions = "Microsoft.AspNetCore.Authorization.AuthorizationOptions";
    public const string AuthorizationBuilder = "Microsoft.AspNetCore.Authorization.AuthorizationBuilder";
    public const string IAuthorizeData = "Microsoft.AspNetCore.Authorization.IAuthorizeData";
    public const string IAllowAnonymous = "Microsoft.AspNetCore.Authorization.IAllowAnonymous";
    public const string AuthorizeFilter = "Microsoft.AspNetCore.Mvc.Authorization.AuthorizeFilter";
    public const string IEndpointRouteBuilder = "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder";
    public const string IEndpointConventionBuilder = "Microsoft.AspNetCore.Builder.IEndpointConventionBuilder";
    public const string IDisableCookieRedirectMetadata = "Microsoft.AspNetCore.Http.Metadata.IDisableCookieRedirectMetadata";
    public const string IAllowCookieRedirectMetadata = "Microsoft.AspNetCore.Http.Metadata.IAllowCookieRedirectMetadata";
    public const string IResult = "Microsoft.AspNetCore.Http.IResult";
    public const string IEndpointMetadataProvider = "Microsoft.AspNetCore.Http.Metadata.IEndpointMetadataProvider";
    public const string IFromBodyMetadata = "Microsoft.AspNetCore.Http.Metadata.IFromBodyMetadata";
    public const string IFromServiceMetadata = "Microsoft.AspNetCore.Http.Metadata.IFromServiceMetadata";
    public const string IFromFormMetadata = "Microsoft.AspNetCore.Http.Metadata.IFromFormMetadata";
    public const string IFromRouteMetadata = "Microsoft.AspNetCore.Http.Metadata.IFromRouteMetadata";
    public const string IFromQueryMetadata = "Microsoft.AspNetCore.Http.Metadata.IFromQueryMetadata";
    public const string IFromHeaderMetadata = "Microsoft.AspNetCore.Http.Metadata.IFromHeaderMetadata";
    public const string IApiBehaviorMetadata = "Microsoft.AspNetCore.Mvc.Infrastructure.IApiBehaviorMetadata";
    public const string Controller = "Microsoft.AspNetCore.Mvc.Controller";
    public const string ControllerAttribute = "Microsoft.AspNetCore.Mvc.ControllerAttribute";
    public const string NonControllerAttribute = "Microsoft.AspNetCore.Mvc.NonControllerAttribute";
    public const string NonActionAttribute = "Microsoft.AspNetCore.Mvc.NonActionAttribute";
    public const string JsonResult = "Microsoft.AspNetCore.Mvc.JsonResult";
    public const string TaskOfT = "System.Threading.Tasks.Task`1";
    public const string ValueTaskOfT = "System.Threading.Tasks.ValueTask`1";
    public const string Task = "System.Threading.Tasks.Task";
    public const string StringComparison = "System.StringComparison";
    public const string HttpMethods = "Microsoft.AspNetCore.Http.HttpMethods";
    public const string StatusCodes = "Microsoft.AspNetCore.Http.StatusCodes";

    // .NET MAUI (not on every machine: the rules look them up and do without them when absent)
    public const string Shell = "Microsoft.Maui.Controls.Shell";
    public const string Preferences = "Microsoft.Maui.Storage.Preferences";
    public const string IPreferences = "Microsoft.Maui.Storage.IPreferences";
    public const string SecureStorage = "Microsoft.Maui.Storage.SecureStorage";
    public const string ISecureStorage = "Microsoft.Maui.Storage.ISecureStorage";

    // The runtime helper (package SessionSafety)
    public const string DraftGuard = "SessionSafety.DraftGuard";
    public const string IDraftStore = "SessionSafety.IDraftStore";
    public const string DraftStore = "SessionSafety.DraftStore";
    public const string SessionRecoveryHandler = "SessionSafety.SessionRecoveryHandler";
    public const string SessionSafetyHttpClientBuilderExtensions = "SessionSafety.SessionSafetyHttpClientBuilderExtensions";
    public const string DraftStoreExtensions = "SessionSafety.DraftStoreExtensions";

    // SESS001 scope: a compilation that knows one of these types is a client UI app (or a library shared
    // with one), where every save is made for the signed-in user. The names of the frameworks that are
    // not installed here were checked against their own reference documentation (docs/rules/SESS001.md).
    public const string WebAssemblyHostBuilder = "Microsoft.AspNetCore.Components.WebAssembly.Hosting.WebAssemblyHostBuilder";
    public const string AuthorizationMessageHandler = "Microsoft.AspNetCore.Components.WebAssembly.Authentication.AuthorizationMessageHandler";
    public const string MauiPage = "Microsoft.Maui.Controls.Page";
    public const string MauiApp = "Microsoft.Maui.Hosting.MauiApp";
    public const string WpfWindow = "System.Windows.Window";
    public const string WinFormsForm = "System.Windows.Forms.Form";
    public const string AvaloniaApplication = "Avalonia.Application";
    public const string AvaloniaWindow = "Avalonia.Controls.Window";
    public const string UnoUwpWindow = "Windows.UI.Xaml.Window";
    public const string WinUIWindow = "Microsoft.UI.Xaml.Window";
    public const string XamarinFormsPage = "Xamarin.Forms.Page";
    public const string XamarinFormsApplication = "Xamarin.Forms.Application";

    /// <summary>The client UI frameworks' types, any one of which makes a compilation a client UI compilation (Uno's WinUI flavour shares WinUI's names).</summary>
    public static readonly string[] ClientUiTypes =
    {
        WebAssemblyHostBuilder, AccessTokenNotAvailableException, AuthorizationMessageHandler,
        MauiPage, MauiApp, WpfWindow, WinFormsForm, AvaloniaApplication, AvaloniaWindow,
        UnoUwpWindow, WinUIWindow, XamarinFormsPage, XamarinFormsApplication,
    };

    // SESS001: where a save is made and who its credentials belong to.
    public const string HttpHeaders = "System.Net.Http.Headers.HttpHeaders";
    public const string ComponentBase = "Microsoft.AspNetCore.Components.ComponentBase";
    public const string IHostedService = "Microsoft.Extensions.Hosting.IHostedService";
    public const string IConfigurationSection = "Microsoft.Extensions.Configuration.IConfigurationSection";

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
