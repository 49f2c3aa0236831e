using System.Collections.Generic;
using System.Linq;

namespace SessionSafety.Benchmarks.Corpus;

// Start-up code per group of entities: authentication, session and antiforgery options lambdas,
// HttpClient registrations (some with a session-aware handler), cookie-writing middleware, an account
// controller that signs in with AuthenticationProperties, and delegating handlers.
public sealed partial class CorpusGenerator
{
    private void WriteGroup(IReadOnlyList<Entity> group, int index)
    {
        var module = group[0].Module;
        var ns = $"Contoso.{module}.Hosting.G{index}";
        var folder = $"/src/Contoso.{module}/Hosting/G{index}";
        var handled = PipelineHandles(index);
        Add($"{folder}/{module}Group{index}Registration.cs", Registration(group, module, ns, index, handled));
        Add($"{folder}/{module}Startup{index}.cs", Startup(module, ns, index));
        Add($"{folder}/{module}CookieMiddleware{index}.cs", CookieMiddleware(module, ns, index));
        Add($"{folder}/{module}AccountController{index}.cs", AccountController(module, ns, index));
        Add($"{folder}/{module}SessionHandler{index}.cs", SessionHandler(module, ns, index));
        Add($"{folder}/{module}ScriptSaves{index}.cs", ScriptSaves(module, ns, index));
        if (index % 2 == 0)
        {
            Plant("SESS002");
            Add($"{folder}/{module}AuthRedirectHandler{index}.cs", AuthRedirectHandler(module, ns, index));
        }
    }

    private static string Registration(IReadOnlyList<Entity> group, string module, string ns, int index, bool sessionAwarePipeline)
    {
        var handler = sessionAwarePipeline ? $"\n            .AddHttpMessageHandler<{module}SessionHandler{index}>()" : string.Empty;
        var registrations = string.Join("\n\n", group.Select(e => $$"""
                    services.AddSingleton<global::{{e.Namespace}}.{{e.Name}}Validator>();
                    services.AddSingleton<global::{{e.Namespace}}.{{e.Name}}Repository>();
                    services.AddScoped<global::{{e.Namespace}}.{{e.Name}}Calculator>();
                    services.AddHttpClient<global::{{e.Namespace}}.Services.{{e.Name}}ApiClient>(client =>
                    {
                        client.BaseAddress = baseAddress;
                        client.Timeout = TimeSpan.FromSeconds(30);
                        client.DefaultRequestHeaders.Add("X-Client", "{{e.Module}}");
                    }){{handler}};
            """));
        return $$"""
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            namespace {{ns}};

            public static class {{module}}Group{{index}}Registration
            {
                public static IServiceCollection Add{{module}}Group{{index}}(this IServiceCollection services, IConfiguration configuration)
                {
                    var baseAddress = new Uri(configuration["Api:{{module}}"] ?? "https://localhost:5001/");
                    services.AddTransient(provider => new {{module}}SessionHandler{{index}}(cancellationToken => Task.FromResult(false)));

            {{registrations}}

                    return services;
                }
            }
            """;
    }

    private string Startup(string module, string ns, int index)
    {
        var cookie = cookieLifetimes.Next();
        var session = sessionLifetimes.Next();
        var antiforgeryShort = index % 3 == 0;
        if (ConfigShapes.IsFlagged(cookie))
        {
            Plant("SESS003");
        }

        if (ConfigShapes.IsFlagged(session))
        {
            Plant("SESS003");
        }

        if (antiforgeryShort)
        {
            Plant("SESS003");
        }

        var staticLifetime = cookie == CookieLifetimeShape.StaticReadonlyShort
            ? "    private static readonly TimeSpan DefaultCookieLifetime = TimeSpan.FromMinutes(15);\n\n"
            : string.Empty;
        var antiforgery = antiforgeryShort ? "options.Cookie.MaxAge = TimeSpan.FromHours(4);" : "options.Cookie.MaxAge = TimeSpan.FromDays(30);";
        var lower = module.ToLowerInvariant();
        return $$"""
            using Microsoft.AspNetCore.Authentication.Cookies;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            namespace {{ns}};

            public static class {{module}}Startup{{index}}
            {
            {{staticLifetime}}    public static WebApplication Build(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddControllersWithViews();
                    builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
                        .AddCookie(options =>
                        {
                            options.LoginPath = "/account/login";
                            options.AccessDeniedPath = "/account/denied";
                            options.Cookie.HttpOnly = true;
                            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            {{Text.Indent(ConfigShapes.CookieLifetime(cookie), 16)}}
                        });
                    builder.Services.AddAuthorization(options => options.AddPolicy("{{module}}Writers", policy => policy.RequireClaim("scope", "{{lower}}.write")));
                    builder.Services.AddDistributedMemoryCache();
                    builder.Services.AddSession(options =>
                    {
                        options.Cookie.Name = ".Contoso.Session";
                        options.Cookie.IsEssential = true;
                        {{ConfigShapes.SessionLifetime(session)}}
                    });
                    builder.Services.AddAntiforgery(options =>
                    {
                        options.HeaderName = "X-CSRF-TOKEN";
                        {{antiforgery}}
                    });
                    builder.Services.Configure<CookiePolicyOptions>(options =>
                    {
                        options.MinimumSameSitePolicy = SameSiteMode.Lax;
                        options.Secure = CookieSecurePolicy.Always;
                    });
                    builder.Services.AddCors(options => options.AddDefaultPolicy(policy => policy
                        .WithOrigins(builder.Configuration["Cors:Origin"] ?? "https://localhost")
                        .AllowCredentials()
                        .AllowAnyHeader()));
                    builder.Services.Add{{module}}Group{{index}}(builder.Configuration);

                    var app = builder.Build();
                    if (!app.Environment.IsDevelopment())
                    {
                        app.UseExceptionHandler("/error");
                        app.UseHsts();
                    }

                    app.UseHttpsRedirection();
                    app.UseStaticFiles();
                    app.UseRouting();
                    app.UseCors();
                    app.UseSession();
                    app.UseAuthentication();
                    app.UseAuthorization();
                    app.UseMiddleware<{{module}}CookieMiddleware{{index}}>();

                    var api = app.MapGroup("/api/{{lower}}/g{{index}}").RequireAuthorization();
                    api.MapGet("/status", () => Results.Ok(new { Status = "ok", Time = DateTime.UtcNow }));
                    api.MapPost("/notes", (NoteInput input) => Results.Created($"/api/{{lower}}/g{{index}}/notes/{input.Id}", input));
                    api.MapPut("/notes/{id:guid}", (Guid id, NoteInput input) => id == input.Id ? Results.NoContent() : Results.BadRequest());
                    app.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}");
                    return app;
                }
            }

            public sealed record NoteInput(Guid Id, string Text);
            """;
    }

    private string CookieMiddleware(string module, string ns, int index)
    {
        var appends = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var shape = cookieAppends.Next();
            if (ConfigShapes.IsFlagged(shape))
            {
                Plant("SESS003");
            }

            appends.Add(Text.Indent(ConfigShapes.CookieAppend(shape), 8));
        }

        return $$"""
            using Microsoft.AspNetCore.Http;

            namespace {{ns}};

            public sealed class {{module}}CookieMiddleware{{index}}
            {
                private readonly RequestDelegate next;

                public {{module}}CookieMiddleware{{index}}(RequestDelegate next)
                {
                    this.next = next;
                }

                public async Task InvokeAsync(HttpContext context)
                {
                    var sessionId = context.Request.Cookies["SessionId"] ?? Guid.NewGuid().ToString("N");
                    var token = context.Request.Headers["X-Auth-Token"].ToString();
                    var requested = context.Request.Query["theme"].ToString();
                    var theme = requested.Length > 0 ? requested : "light";
                    var culture = "c=" + (context.Request.Headers.AcceptLanguage.ToString().Split(',').FirstOrDefault() ?? "en");
                    if (token.Length == 0 && sessionId.Length == 0 && theme.Length == 0 && culture.Length == 0)
                    {
                        return;
                    }

            {{string.Join("\n", appends)}}
                    await next(context);
                }
            }
            """;
    }

    private string AccountController(string module, string ns, int index)
    {
        var signIn = signIns.Next();
        if (ConfigShapes.IsFlagged(signIn))
        {
            Plant("SESS003");
        }

        return $$"""
            using System.Security.Claims;
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.AspNetCore.Authentication.Cookies;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            namespace {{ns}};

            public sealed class LoginForm
            {
                public string UserName { get; set; } = string.Empty;

                public string Password { get; set; } = string.Empty;

                public bool RememberMe { get; set; }

                public string? ReturnUrl { get; set; }
            }

            [Route("account")]
            public sealed class {{module}}AccountController{{index}} : Controller
            {
                [HttpGet("login")]
                [AllowAnonymous]
                public IActionResult Login(string? returnUrl) => View(new LoginForm { ReturnUrl = returnUrl });

                [HttpPost("login")]
                [AllowAnonymous]
                [ValidateAntiForgeryToken]
                public async Task<IActionResult> Login(LoginForm form)
                {
                    if (!ModelState.IsValid || form.Password.Length < 8)
                    {
                        ModelState.AddModelError(string.Empty, "The user name or password is not valid.");
                        return View(form);
                    }

                    var identity = new ClaimsIdentity(new[] { new Claim(ClaimTypes.Name, form.UserName) }, CookieAuthenticationDefaults.AuthenticationScheme);
            {{Text.Indent(ConfigShapes.SignInProperties(signIn), 8)}}
                    await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity), properties);
                    return LocalRedirect(form.ReturnUrl ?? "/");
                }

                [HttpPost("logout")]
                [ValidateAntiForgeryToken]
                public async Task<IActionResult> Logout()
                {
                    await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    return RedirectToAction(nameof(Login));
                }
            }
            """;
    }

    private static string SessionHandler(string module, string ns, int index) => $$"""
        namespace {{ns}};

        /// <summary>Renews the session once on 401/403 and retries: what makes a typed client session-aware.</summary>
        public sealed class {{module}}SessionHandler{{index}} : DelegatingHandler
        {
            private readonly Func<CancellationToken, Task<bool>> renewSession;

            public {{module}}SessionHandler{{index}}(Func<CancellationToken, Task<bool>> renewSession)
            {
                this.renewSession = renewSession;
            }

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var response = await base.SendAsync(request, cancellationToken);
                if (response.StatusCode != HttpStatusCode.Unauthorized && response.StatusCode != HttpStatusCode.Forbidden)
                {
                    return response;
                }

                if (!await renewSession(cancellationToken))
                {
                    return response;
                }

                response.Dispose();
                var retry = await CloneAsync(request);
                return await base.SendAsync(retry, cancellationToken);
            }

            private static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage request)
            {
                var clone = new HttpRequestMessage(request.Method, request.RequestUri);
                if (request.Content is not null)
                {
                    var bytes = await request.Content.ReadAsByteArrayAsync();
                    clone.Content = new ByteArrayContent(bytes);
                    foreach (var header in request.Content.Headers)
                    {
                        clone.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                    }
                }

                foreach (var header in request.Headers)
                {
                    clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                return clone;
            }
        }
        """;

    private static string AuthRedirectHandler(string module, string ns, int index) => $$"""
        using Microsoft.AspNetCore.Components;

        namespace {{ns}};

        /// <summary>Sends the user to the login page when the API answers 401.</summary>
        public sealed class {{module}}AuthRedirectHandler{{index}} : DelegatingHandler
        {
            private readonly NavigationManager navigation;

            public {{module}}AuthRedirectHandler{{index}}(NavigationManager navigation)
            {
                this.navigation = navigation;
            }

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var response = await base.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    navigation.NavigateTo("login", forceLoad: true);
                }

                return response;
            }
        }
        """;
}
