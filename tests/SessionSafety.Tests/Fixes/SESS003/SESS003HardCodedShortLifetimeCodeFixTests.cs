using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Microsoft.CodeAnalysis;
using SessionSafety.CodeFixes;
using SessionSafety.Analyzers.Rules.SESS003;
using SessionSafety.CodeFixes.Rules.SESS003;
using SessionSafety.Tests.Verifiers;
using static SessionSafety.Tests.Analyzers.SESS003.SESS003Sources;

using Verify = SessionSafety.Tests.Verifiers.CSharpCodeFixVerifier<
    SessionSafety.Analyzers.Rules.SESS003.SESS003HardCodedShortLifetimeAnalyzer,
    SessionSafety.CodeFixes.Rules.SESS003.SESS003HardCodedShortLifetimeCodeFix>;

namespace SessionSafety.Tests.Fixes.SESS003;

public sealed class SESS003HardCodedShortLifetimeCodeFixTests
{
    // ------------------------------------------------------------ fix: read the lifetime from configuration

    [Fact]
    public async Task TopLevelProgram_ReadsFromBuilderConfiguration()
    {
        // A library cannot have top-level statements (CS8805); the fix must still add no new error.
        var test = new Verify.Test
        {
            TestCode = Usings + """

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddAuthentication().AddCookie(options =>
                {
                    options.ExpireTimeSpan = [|TimeSpan.FromMinutes(20)|];
                });
                builder.Services.AddSession(options => options.IdleTimeout = [|new TimeSpan(0, 20, 0)|]);
                var app = builder.Build();
                app.Run();
                """,
            FixedCode = Usings + """

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddAuthentication().AddCookie(options =>
                {
                    options.ExpireTimeSpan = builder.Configuration.GetValue("Authentication:Cookie:ExpireTimeSpan", TimeSpan.FromMinutes(20));
                });
                builder.Services.AddSession(options => options.IdleTimeout = builder.Configuration.GetValue("Session:IdleTimeout", new TimeSpan(0, 20, 0)));
                var app = builder.Build();
                app.Run();
                """,
            CodeActionEquivalenceKey = FixEquivalenceKeys.ReadLifetimeFromConfiguration,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task MainMethod_ReadsFromBuilderConfigurationAndAddsTheUsing()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using System;
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.DependencyInjection;

                public static class Program
                {
                    public static void Main(string[] args)
                    {
                        var builder = WebApplication.CreateBuilder(args);
                        builder.Services.AddAntiforgery(o => o.Cookie.Expiration = [|TimeSpan.FromDays(1)|]);
                        builder.Services.AddSession(o => o.Cookie.MaxAge = [|TimeSpan.FromHours(2)|]);
                        builder.Build().Run();
                    }
                }
                """,
            FixedCode = """
                using System;
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.Configuration;
                using Microsoft.Extensions.DependencyInjection;

                public static class Program
                {
                    public static void Main(string[] args)
                    {
                        var builder = WebApplication.CreateBuilder(args);
                        builder.Services.AddAntiforgery(o => o.Cookie.Expiration = builder.Configuration.GetValue("Antiforgery:Cookie:Expiration", TimeSpan.FromDays(1)));
                        builder.Services.AddSession(o => o.Cookie.MaxAge = builder.Configuration.GetValue("Session:Cookie:MaxAge", TimeSpan.FromHours(2)));
                        builder.Build().Run();
                    }
                }
                """,
            CodeActionEquivalenceKey = FixEquivalenceKeys.ReadLifetimeFromConfiguration,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task StartupConfigurationProperty_ReadsFromIt()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """

                public sealed class Startup
                {
                    public Startup(IConfiguration configuration) => Configuration = configuration;

                    public IConfiguration Configuration { get; }

                    public void ConfigureServices(IServiceCollection services)
                    {
                        services.AddSession(o => o.IdleTimeout = [|TimeSpan.FromMinutes(20)|]);
                        services.ConfigureApplicationCookie(o =>
                        {
                            o.ExpireTimeSpan = [|TimeSpan.FromHours(8)|];
                            o.SlidingExpiration = false;
                        });
                    }
                }
                """,
            FixedCode = Usings + """

                public sealed class Startup
                {
                    public Startup(IConfiguration configuration) => Configuration = configuration;

                    public IConfiguration Configuration { get; }

                    public void ConfigureServices(IServiceCollection services)
                    {
                        services.AddSession(o => o.IdleTimeout = Configuration.GetValue("Session:IdleTimeout", TimeSpan.FromMinutes(20)));
                        services.ConfigureApplicationCookie(o =>
                        {
                            o.ExpireTimeSpan = Configuration.GetValue("Authentication:Cookie:ExpireTimeSpan", TimeSpan.FromHours(8));
                            o.SlidingExpiration = false;
                        });
                    }
                }
                """,
            CodeActionEquivalenceKey = FixEquivalenceKeys.ReadLifetimeFromConfiguration,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task ConfigureOptionsWithPrimaryConstructorParameter_ReadsFromIt()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """

                public sealed class ConfigureCookie(IConfiguration configuration) : IConfigureNamedOptions<CookieAuthenticationOptions>
                {
                    public void Configure(string? name, CookieAuthenticationOptions options)
                    {
                        options.ExpireTimeSpan = [|new(0, 30, 0)|];
                        options.Cookie.MaxAge = [|Short|];
                    }

                    public void Configure(CookieAuthenticationOptions options) => Configure(Options.DefaultName, options);

                    private static readonly TimeSpan Short = TimeSpan.FromHours(12);
                }
                """,
            FixedCode = Usings + """

                public sealed class ConfigureCookie(IConfiguration configuration) : IConfigureNamedOptions<CookieAuthenticationOptions>
                {
                    public void Configure(string? name, CookieAuthenticationOptions options)
                    {
                        options.ExpireTimeSpan = configuration.GetValue<TimeSpan>("Authentication:Cookie:ExpireTimeSpan", new(0, 30, 0));
                        options.Cookie.MaxAge = configuration.GetValue("Authentication:Cookie:MaxAge", Short);
                    }

                    public void Configure(CookieAuthenticationOptions options) => Configure(Options.DefaultName, options);

                    private static readonly TimeSpan Short = TimeSpan.FromHours(12);
                }
                """,
            CodeActionEquivalenceKey = FixEquivalenceKeys.ReadLifetimeFromConfiguration,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task ConfigureOptionsWithConfigurationField_ReadsFromIt()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """

                public sealed class ConfigureSession : IConfigureOptions<SessionOptions>
                {
                    private readonly IConfiguration _configuration;

                    public ConfigureSession(IConfiguration configuration) => _configuration = configuration;

                    public void Configure(SessionOptions options) => options.IdleTimeout = [|TimeSpan.FromMinutes(20)|];
                }
                """,
            FixedCode = Usings + """

                public sealed class ConfigureSession : IConfigureOptions<SessionOptions>
                {
                    private readonly IConfiguration _configuration;

                    public ConfigureSession(IConfiguration configuration) => _configuration = configuration;

                    public void Configure(SessionOptions options) => options.IdleTimeout = _configuration.GetValue("Session:IdleTimeout", TimeSpan.FromMinutes(20));
                }
                """,
            CodeActionEquivalenceKey = FixEquivalenceKeys.ReadLifetimeFromConfiguration,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task PointInTimeWithConfigurationParameter_ReadsTheDurationFromIt()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """

                static class Login
                {
                    public static void Write(HttpResponse response, IConfiguration config, TimeProvider clock, string value)
                    {
                        response.Cookies.Append("SessionId", value, new CookieOptions { Expires = [|DateTimeOffset.UtcNow.AddMinutes(20)|] });
                        var properties = new AuthenticationProperties { ExpiresUtc = [|clock.GetUtcNow() + TimeSpan.FromHours(2)|] };
                        properties.ExpiresUtc = [|DateTimeOffset.UtcNow.AddHours(1).AddMinutes(30)|];
                    }
                }
                """,
            FixedCode = Usings + """

                static class Login
                {
                    public static void Write(HttpResponse response, IConfiguration config, TimeProvider clock, string value)
                    {
                        response.Cookies.Append("SessionId", value, new CookieOptions { Expires = DateTimeOffset.UtcNow.Add(config.GetValue("Cookies:SessionId:Lifetime", TimeSpan.FromMinutes(20))) });
                        var properties = new AuthenticationProperties { ExpiresUtc = clock.GetUtcNow() + config.GetValue("Authentication:Properties:Lifetime", TimeSpan.FromHours(2)) };
                        properties.ExpiresUtc = DateTimeOffset.UtcNow.Add(config.GetValue("Authentication:Properties:Lifetime", TimeSpan.FromMinutes(90)));
                    }
                }
                """,
            CodeActionEquivalenceKey = FixEquivalenceKeys.ReadLifetimeFromConfiguration,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task HostBuilderContextConfiguration_ReadsFromIt()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """

                static class Hosting
                {
                    public static void Configure(Microsoft.Extensions.Hosting.IHostBuilder host) =>
                        host.ConfigureServices((context, services) =>
                            services.AddSession(o => o.IdleTimeout = [|TimeSpan.FromMinutes(20)|]));
                }
                """,
            FixedCode = Usings + """

                static class Hosting
                {
                    public static void Configure(Microsoft.Extensions.Hosting.IHostBuilder host) =>
                        host.ConfigureServices((context, services) =>
                            services.AddSession(o => o.IdleTimeout = context.Configuration.GetValue("Session:IdleTimeout", TimeSpan.FromMinutes(20))));
                }
                """,
            CodeActionEquivalenceKey = FixEquivalenceKeys.ReadLifetimeFromConfiguration,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task ConfigurationFixWithoutUsingDirective_AddsItOnceForFixAll()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using System;
                using Microsoft.AspNetCore.Http;

                sealed class Cookies(Microsoft.Extensions.Configuration.IConfiguration configuration)
                {
                    public void Write(HttpResponse response, string value)
                    {
                        response.Cookies.Append("sid", value, new CookieOptions { MaxAge = [|TimeSpan.FromHours(1)|] });
                        response.Cookies.Append("csrf", value, new CookieOptions { MaxAge = [|TimeSpan.FromHours(2)|] });
                    }
                }
                """,
            FixedCode = """
                using System;
                using Microsoft.AspNetCore.Http;
                using Microsoft.Extensions.Configuration;

                sealed class Cookies(Microsoft.Extensions.Configuration.IConfiguration configuration)
                {
                    public void Write(HttpResponse response, string value)
                    {
                        response.Cookies.Append("sid", value, new CookieOptions { MaxAge = configuration.GetValue("Cookies:sid:MaxAge", TimeSpan.FromHours(1)) });
                        response.Cookies.Append("csrf", value, new CookieOptions { MaxAge = configuration.GetValue("Cookies:csrf:MaxAge", TimeSpan.FromHours(2)) });
                    }
                }
                """,
            CodeActionEquivalenceKey = FixEquivalenceKeys.ReadLifetimeFromConfiguration,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task ConfigurationFixAcrossDocuments_FixAllInProjectAndSolution()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """

                sealed class First(IConfiguration configuration)
                {
                    public void Add(IServiceCollection services) => services.AddSession(o => o.IdleTimeout = [|TimeSpan.FromMinutes(20)|]);
                }
                """,
            FixedCode = Usings + """

                sealed class First(IConfiguration configuration)
                {
                    public void Add(IServiceCollection services) => services.AddSession(o => o.IdleTimeout = configuration.GetValue("Session:IdleTimeout", TimeSpan.FromMinutes(20)));
                }
                """,
            CodeActionEquivalenceKey = FixEquivalenceKeys.ReadLifetimeFromConfiguration,
            TestState = { Sources = { ("/0/Second.cs", Usings + """

                    sealed class Second(IConfiguration configuration)
                    {
                        public void Add(IServiceCollection services) => services.AddAuthentication().AddCookie(o => o.ExpireTimeSpan = [|TimeSpan.FromMinutes(30)|]);
                    }
                    """) } },
            FixedState = { Sources = { ("/0/Second.cs", Usings + """

                    sealed class Second(IConfiguration configuration)
                    {
                        public void Add(IServiceCollection services) => services.AddAuthentication().AddCookie(o => o.ExpireTimeSpan = configuration.GetValue("Authentication:Cookie:ExpireTimeSpan", TimeSpan.FromMinutes(30)));
                    }
                    """) } },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task NoConfigurationInReach_OffersOnlyRaise()
    {
        var keys = await OfferedFixKeysAsync(Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddSession(o => o.IdleTimeout = TimeSpan.FromMinutes(20));
            }
            """);
        Assert.Equal(new[] { FixEquivalenceKeys.RaiseLifetimeToMinimum }, keys);
    }

    [Fact]
    public async Task InstanceConfigurationFromStaticMethod_OffersOnlyRaise()
    {
        var keys = await OfferedFixKeysAsync(Usings + """

            sealed class Startup
            {
                public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();

                public static void Add(IServiceCollection services) =>
                    services.AddSession(o => o.IdleTimeout = TimeSpan.FromMinutes(20));
            }
            """);
        Assert.Equal(new[] { FixEquivalenceKeys.RaiseLifetimeToMinimum }, keys);
    }

    [Fact]
    public async Task PrimaryConstructorParameterFromStaticMethod_OffersOnlyRaise()
    {
        var keys = await OfferedFixKeysAsync(Usings + """

            sealed class Setup(IConfiguration configuration)
            {
                public IConfiguration Configuration => configuration;

                public static void Add(IServiceCollection services) =>
                    services.AddSession(o => o.IdleTimeout = TimeSpan.FromMinutes(20));
            }
            """);
        Assert.Equal(new[] { FixEquivalenceKeys.RaiseLifetimeToMinimum }, keys);
    }

    [Fact]
    public async Task ConfigurationOutsideStaticLambda_OffersOnlyRaise()
    {
        var keys = await OfferedFixKeysAsync(Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services, IConfiguration configuration) =>
                    services.AddSession(static o => o.IdleTimeout = TimeSpan.FromMinutes(20));
            }
            """);
        Assert.Equal(new[] { FixEquivalenceKeys.RaiseLifetimeToMinimum }, keys);
    }

    [Fact]
    public async Task LocalDeclaredAfterTheValue_OffersOnlyRaise()
    {
        var keys = await OfferedFixKeysAsync(Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddSession(o => o.IdleTimeout = TimeSpan.FromMinutes(20));
                    IConfiguration late = new ConfigurationBuilder().Build();
                }
            }
            """);
        Assert.Equal(new[] { FixEquivalenceKeys.RaiseLifetimeToMinimum }, keys);
    }

    [Fact]
    public async Task ConfigurationInReach_OffersBothFixes()
    {
        var keys = await OfferedFixKeysAsync(Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services, IConfiguration configuration) =>
                    services.AddSession(o => o.IdleTimeout = TimeSpan.FromMinutes(20));
            }
            """);
        Assert.Equal(new[] { FixEquivalenceKeys.ReadLifetimeFromConfiguration, FixEquivalenceKeys.RaiseLifetimeToMinimum }, keys);
    }

    [Fact]
    public async Task MonthsFromNow_OffersOnlyRaise()
    {
        // AddMonths has no exact TimeSpan, so reading it from configuration would change behaviour.
        var test = new Verify.Test
        {
            TestCode = Usings + """

                static class Login
                {
                    public static AuthenticationProperties Properties(IConfiguration configuration) =>
                        new AuthenticationProperties { ExpiresUtc = [|DateTimeOffset.UtcNow.AddMonths(1)|] };
                }
                """,
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.min_absolute_lifetime = 90.00:00:00") } },
        };
        await test.RunAsync();
        var keys = await OfferedFixKeysAsync(test.TestState.Sources[0].content.ToString().Replace("[|", string.Empty).Replace("|]", string.Empty), "session_safety.min_absolute_lifetime = 90.00:00:00");
        Assert.Equal(new[] { FixEquivalenceKeys.RaiseLifetimeToMinimum }, keys);
    }

    [Fact]
    public async Task ConditionalArms_ReadFromConfigurationRewritesOnlyTheArms()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """

                static class Login
                {
                    public static AuthenticationProperties Properties(IConfiguration config, bool limited, DateTimeOffset? expires) =>
                        new AuthenticationProperties { ExpiresUtc = limited ? [|DateTimeOffset.UtcNow.AddMinutes(15)|] : expires, AllowRefresh = !limited };

                    public static void Add(IServiceCollection services, IConfiguration config, TimeSpan? configured, bool kiosk) =>
                        services.AddSession(o => o.IdleTimeout = configured ?? (kiosk ? [|TimeSpan.FromMinutes(5)|] : [|TimeSpan.FromMinutes(20)|]));
                }
                """,
            FixedCode = Usings + """

                static class Login
                {
                    public static AuthenticationProperties Properties(IConfiguration config, bool limited, DateTimeOffset? expires) =>
                        new AuthenticationProperties { ExpiresUtc = limited ? DateTimeOffset.UtcNow.Add(config.GetValue("Authentication:Properties:Lifetime", TimeSpan.FromMinutes(15))) : expires, AllowRefresh = !limited };

                    public static void Add(IServiceCollection services, IConfiguration config, TimeSpan? configured, bool kiosk) =>
                        services.AddSession(o => o.IdleTimeout = configured ?? (kiosk ? config.GetValue("Session:IdleTimeout", TimeSpan.FromMinutes(5)) : config.GetValue("Session:IdleTimeout", TimeSpan.FromMinutes(20))));
                }
                """,
            CodeActionEquivalenceKey = FixEquivalenceKeys.ReadLifetimeFromConfiguration,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task ConditionalArms_RaiseRewritesOnlyTheArms()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """

                static class Login
                {
                    public static AuthenticationProperties Properties(TimeProvider clock, bool limited, DateTimeOffset? expires) =>
                        new AuthenticationProperties { ExpiresUtc = limited ? [|clock.GetUtcNow().AddMinutes(15)|] : expires };

                    public static void Add(IServiceCollection services, int mode, TimeSpan idle) =>
                        services.AddSession(o => o.IdleTimeout = mode switch { 1 => [|new TimeSpan(0, 10, 0)|], _ => idle });
                }
                """,
            FixedCode = Usings + """

                static class Login
                {
                    public static AuthenticationProperties Properties(TimeProvider clock, bool limited, DateTimeOffset? expires) =>
                        new AuthenticationProperties { ExpiresUtc = limited ? clock.GetUtcNow().AddDays(7) : expires };

                    public static void Add(IServiceCollection services, int mode, TimeSpan idle) =>
                        services.AddSession(o => o.IdleTimeout = mode switch { 1 => new TimeSpan(1, 0, 0), _ => idle });
                }
                """,
            CodeActionEquivalenceKey = FixEquivalenceKeys.RaiseLifetimeToMinimum,
        };
        await test.RunAsync();
    }

    // ------------------------------------------------------------ fix: raise to the minimum

    [Fact]
    public async Task RaiseDurations_WritesTheMinimumInTheSameForm()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """

                static class Setup
                {
                    public static void Add(IServiceCollection services)
                    {
                        services.AddSession(o => o.IdleTimeout = [|TimeSpan.FromMinutes(20)|]);
                        services.AddAuthentication().AddCookie(o => o.ExpireTimeSpan = [|new TimeSpan(0, 20, 0)|]);
                        services.AddAntiforgery(o => o.Cookie.MaxAge = [|new TimeSpan(1, 0, 0, 0)|]);
                        services.ConfigureApplicationCookie(o => o.Cookie.MaxAge = [|System.TimeSpan.FromHours(2)|]);
                    }
                }
                """,
            FixedCode = Usings + """

                static class Setup
                {
                    public static void Add(IServiceCollection services)
                    {
                        services.AddSession(o => o.IdleTimeout = TimeSpan.FromHours(1));
                        services.AddAuthentication().AddCookie(o => o.ExpireTimeSpan = new TimeSpan(1, 0, 0));
                        services.AddAntiforgery(o => o.Cookie.MaxAge = new TimeSpan(7, 0, 0, 0));
                        services.ConfigureApplicationCookie(o => o.Cookie.MaxAge = System.TimeSpan.FromDays(7));
                    }
                }
                """,
            CodeActionEquivalenceKey = FixEquivalenceKeys.RaiseLifetimeToMinimum,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task RaisePointsInTime_WritesTheMinimumInTheSameForm()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """

                static class Login
                {
                    private static readonly TimeSpan Short = TimeSpan.FromHours(1);

                    public static void Write(HttpResponse response, TimeProvider clock, string value)
                    {
                        response.Cookies.Append("SessionId", value, new CookieOptions { Expires = [|DateTimeOffset.UtcNow.AddMinutes(20)|] });
                        var properties = new AuthenticationProperties { ExpiresUtc = [|clock.GetUtcNow() + TimeSpan.FromHours(2)|] };
                        properties.ExpiresUtc = [|DateTime.UtcNow.AddHours(1).AddMinutes(30)|];
                        properties.ExpiresUtc = [|DateTimeOffset.UtcNow.Add(Short)|];
                    }
                }
                """,
            FixedCode = Usings + """

                static class Login
                {
                    private static readonly TimeSpan Short = TimeSpan.FromHours(1);

                    public static void Write(HttpResponse response, TimeProvider clock, string value)
                    {
                        response.Cookies.Append("SessionId", value, new CookieOptions { Expires = DateTimeOffset.UtcNow.AddDays(7) });
                        var properties = new AuthenticationProperties { ExpiresUtc = clock.GetUtcNow() + TimeSpan.FromDays(7) };
                        properties.ExpiresUtc = DateTime.UtcNow.AddDays(7);
                        properties.ExpiresUtc = DateTimeOffset.UtcNow.Add(TimeSpan.FromDays(7));
                    }
                }
                """,
            CodeActionEquivalenceKey = FixEquivalenceKeys.RaiseLifetimeToMinimum,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task RaiseWithConfiguredMinimum_UsesThatMinimum()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """

                static class Setup
                {
                    public static void Add(IServiceCollection services) =>
                        services.AddSession(o => o.IdleTimeout = [|TimeSpan.FromMinutes(20)|]);
                }
                """,
            FixedCode = Usings + """

                static class Setup
                {
                    public static void Add(IServiceCollection services) =>
                        services.AddSession(o => o.IdleTimeout = TimeSpan.FromMinutes(90));
                }
                """,
            CodeActionEquivalenceKey = FixEquivalenceKeys.RaiseLifetimeToMinimum,
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.min_idle_lifetime = 01:30:00") } },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task RaiseWithoutUsingSystem_QualifiesTimeSpan()
    {
        var test = new Verify.Test
        {
            TestCode = """
                static class Setup
                {
                    private static readonly System.TimeSpan Short = new System.TimeSpan(0, 0, 30);

                    public static void Add(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
                        Microsoft.Extensions.DependencyInjection.SessionServiceCollectionExtensions.AddSession(services, o => o.IdleTimeout = [|Short|]);
                }
                """,
            FixedCode = """
                static class Setup
                {
                    private static readonly System.TimeSpan Short = new System.TimeSpan(0, 0, 30);

                    public static void Add(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
                        Microsoft.Extensions.DependencyInjection.SessionServiceCollectionExtensions.AddSession(services, o => o.IdleTimeout = System.TimeSpan.FromHours(1));
                }
                """,
            CodeActionEquivalenceKey = FixEquivalenceKeys.RaiseLifetimeToMinimum,
        };
        await test.RunAsync();
    }

    // ------------------------------------------------------------ helpers

    /// <summary>The equivalence keys of the actions offered for the single SESS003 in <paramref name="source"/>, in order.</summary>
    private static async Task<string?[]> OfferedFixKeysAsync(string source, string? editorConfig = null)
    {
        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            "P",
            "P",
            LanguageNames.CSharp,
            filePath: "/0/P.csproj",
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: TestReferences.Default));
        var documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(documentId, "Test0.cs", SourceText.From(source), filePath: "/0/Test0.cs");
        if (editorConfig is not null)
        {
            solution = solution.AddAnalyzerConfigDocument(
                DocumentId.CreateNewId(projectId), ".editorconfig", SourceText.From("root = true\n[*.cs]\n" + editorConfig + "\n"), filePath: "/0/.editorconfig");
        }

        var project = solution.GetProject(projectId)!;
        var compilation = (await project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SESS003HardCodedShortLifetimeAnalyzer()), project.AnalyzerOptions)
            .GetAnalyzerDiagnosticsAsync();
        var diagnostic = Assert.Single(diagnostics);

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(project.GetDocument(documentId)!, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new SESS003HardCodedShortLifetimeCodeFix().RegisterCodeFixesAsync(context);
        return actions.Select(a => a.EquivalenceKey).ToArray();
    }
}
