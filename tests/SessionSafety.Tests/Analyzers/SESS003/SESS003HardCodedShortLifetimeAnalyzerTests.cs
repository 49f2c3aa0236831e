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
using SessionSafety.Tests.Verifiers;
using static SessionSafety.Tests.Analyzers.SESS003.SESS003Sources;

using Verify = SessionSafety.Tests.Verifiers.CSharpAnalyzerVerifier<
    SessionSafety.Analyzers.Rules.SESS003.SESS003HardCodedShortLifetimeAnalyzer>;

namespace SessionSafety.Tests.Analyzers.SESS003;

public sealed class SESS003HardCodedShortLifetimeAnalyzerTests
{
    // ------------------------------------------------------------ targets

    [Fact]
    public async Task AddCookieExpireTimeSpanIdleLifetime_Reports()
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddAuthentication().AddCookie(options =>
                    {
                        options.ExpireTimeSpan = {|#0:TimeSpan.FromMinutes(20)|};
                    });
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic().WithLocation(0).WithArguments("00:20:00", "idle", "01:00:00"));
    }

    [Fact]
    public async Task ExpireTimeSpanWithSlidingExpirationFalseInSameLambdaAbsoluteLifetime_Reports()
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.ConfigureApplicationCookie(options =>
                    {
                        options.SlidingExpiration = false;
                        options.ExpireTimeSpan = {|#0:TimeSpan.FromDays(1)|};
                    });
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic().WithLocation(0).WithArguments("1.00:00:00", "absolute", "7.00:00:00"));
    }

    [Fact]
    public async Task ExpireTimeSpanWithSlidingExpirationFalseInAnotherConfigurationIsIdle_DoesNotReport()
    {
        // One day is a long idle lifetime; SlidingExpiration = false elsewhere does not make it absolute.
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.ConfigureApplicationCookie(options => options.ExpireTimeSpan = TimeSpan.FromDays(1));
                    services.ConfigureApplicationCookie(options => options.SlidingExpiration = false);
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task ExpireTimeSpanWithSlidingExpirationTrueIsIdle_DoesNotReport()
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.ConfigureApplicationCookie(options =>
                    {
                        options.ExpireTimeSpan = TimeSpan.FromHours(8);
                        options.SlidingExpiration = true;
                    });
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task ExpireTimeSpanInObjectInitializerWithSlidingExpirationFalseAbsoluteLifetime_Reports()
    {
        var source = Usings + """

            static class Setup
            {
                public static CookieAuthenticationOptions Create() =>
                    new CookieAuthenticationOptions { ExpireTimeSpan = {|#0:TimeSpan.FromHours(8)|}, SlidingExpiration = false };
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic().WithLocation(0).WithArguments("08:00:00", "absolute", "7.00:00:00"));
    }

    [Fact]
    public async Task ExpireTimeSpanInInitializerThenSlidingExpirationFalseOnTheLocalAbsoluteLifetime_Reports()
    {
        var source = Usings + """

            static class Setup
            {
                public static CookieAuthenticationOptions Create()
                {
                    var options = new CookieAuthenticationOptions { ExpireTimeSpan = {|#0:TimeSpan.FromHours(8)|} };
                    options.SlidingExpiration = false;
                    var other = new CookieAuthenticationOptions { ExpireTimeSpan = TimeSpan.FromHours(8) };
                    return options;
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic().WithLocation(0).WithArguments("08:00:00", "absolute", "7.00:00:00"));
    }

    [Fact]
    public async Task SessionIdleTimeoutInAddSession_Reports()
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddSession(options => options.IdleTimeout = {|#0:TimeSpan.FromMinutes(20)|});
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic().WithLocation(0).WithArguments("00:20:00", "idle", "01:00:00"));
    }

    [Fact]
    public async Task AuthCookieMaxAgeInConfigureAbsoluteLifetime_Reports()
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.Configure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, o => o.Cookie.MaxAge = {|#0:TimeSpan.FromHours(2)|});
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic().WithLocation(0).WithArguments("02:00:00", "absolute", "7.00:00:00"));
    }

    [Fact]
    public async Task AntiforgeryCookieExpirationAndMaxAge_Reports()
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddAntiforgery(o =>
                    {
                        o.Cookie.Expiration = [|TimeSpan.FromDays(1)|];
                        o.Cookie.MaxAge = [|TimeSpan.FromDays(1)|];
                    });
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task SessionOptionsNestedCookieInitializer_Reports()
    {
        var source = Usings + """

            static class Setup
            {
                public static SessionOptions Create() => new SessionOptions
                {
                    IdleTimeout = TimeSpan.FromHours(2),
                    Cookie = { MaxAge = [|TimeSpan.FromHours(8)|] },
                };
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task CookieBuilderAssignedToSessionOptionsCookieWhateverItsName_Reports()
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddSession(o => o.Cookie = new CookieBuilder { Name = "app", MaxAge = [|TimeSpan.FromMinutes(30)|] });
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    // Members whose text names no lifetime property are skipped; an escaped identifier still names one.
    [Fact]
    public async Task PropertySpelledWithUnicodeEscape_Reports()
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddSession(o => o.Cookie = new CookieBuilder { Name = "app", M\u0061xAge = [|TimeSpan.FromMinutes(30)|] });
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task CookieBuilderLocalFromAuthOptionsCookie_Reports()
    {
        var source = Usings + """

            sealed class ConfigureCookie : IConfigureOptions<CookieAuthenticationOptions>
            {
                public void Configure(CookieAuthenticationOptions options)
                {
                    var cookie = options.Cookie;
                    cookie.MaxAge = [|TimeSpan.FromHours(12)|];
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task StandaloneCookieBuilderNamedForTheSession_Reports()
    {
        var source = Usings + """

            static class Cookies
            {
                public static CookieBuilder Session() => new CookieBuilder { Name = "SessionId", Expiration = [|TimeSpan.FromHours(1)|] };

                public static CookieBuilder Theme() => new CookieBuilder { Name = "theme", Expiration = TimeSpan.FromHours(1) };
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task OtherOptionsCookies_DoesNotReport()
    {
        // Correlation and TempData cookies are short-lived on purpose and are not the session.
        var source = Usings + """

            static class Setup
            {
                public static void Remote(RemoteAuthenticationOptions options) =>
                    options.CorrelationCookie.MaxAge = TimeSpan.FromMinutes(15);

                public static void TempData(IServiceCollection services) =>
                    services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o => o.Cookie.MaxAge = TimeSpan.FromMinutes(20));
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task AuthenticationPropertiesExpiresUtcInSignIn_Reports()
    {
        var source = Usings + """

            static class Login
            {
                public static System.Threading.Tasks.Task SignIn(HttpContext context, System.Security.Claims.ClaimsPrincipal user) =>
                    context.SignInAsync(user, new AuthenticationProperties
                    {
                        IsPersistent = true,
                        ExpiresUtc = {|#0:DateTimeOffset.UtcNow.AddMinutes(30)|},
                    });
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic().WithLocation(0).WithArguments("00:30:00", "absolute", "7.00:00:00"));
    }

    [Fact]
    public async Task AuthenticationPropertiesExpiresUtcInCookieEvent_Reports()
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddAuthentication().AddCookie(o => o.Events.OnSigningIn = context =>
                    {
                        context.Properties.ExpiresUtc = [|DateTime.UtcNow.AddHours(12)|];
                        return System.Threading.Tasks.Task.CompletedTask;
                    });
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task CookieOptionsInlineInAppendOfSessionCookie_Reports()
    {
        var source = Usings + """

            static class Cookies
            {
                public static void Write(HttpResponse response, string value) =>
                    response.Cookies.Append("SessionId", value, new CookieOptions { HttpOnly = true, Expires = {|#0:DateTimeOffset.UtcNow.AddMinutes(20)|} });
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic().WithLocation(0).WithArguments("00:20:00", "absolute", "7.00:00:00"));
    }

    [Fact]
    public async Task CookieOptionsLocalAppendedAsSessionCookie_Reports()
    {
        var source = Usings + """

            static class Cookies
            {
                private const string TokenCookie = "XSRF-TOKEN";

                public static void Write(HttpContext context, string token)
                {
                    var options = new CookieOptions { Secure = true };
                    options.MaxAge = [|TimeSpan.FromHours(4)|];
                    context.Response.Cookies.Append(TokenCookie, token, options);
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task SystemNetCookieNamedInConstructor_Reports()
    {
        var source = Usings + """

            static class Client
            {
                public static System.Net.Cookie Create(string value) =>
                    new System.Net.Cookie("sid", value) { Expires = [|DateTime.Now.AddHours(3)|] };
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task SystemNetCookieNamedByProperty_Reports()
    {
        var source = Usings + """

            static class Client
            {
                public static System.Net.CookieContainer Create(string value)
                {
                    var jar = new System.Net.CookieContainer();
                    var cookie = new System.Net.Cookie { Value = value };
                    cookie.Name = "AuthToken";
                    cookie.Expires = [|DateTime.Today.AddDays(1)|];
                    jar.Add(new Uri("https://example.com"), cookie);
                    return jar;
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task ConfigureNamedOptionsClass_Reports()
    {
        var source = Usings + """

            sealed class ConfigureCookie : IConfigureNamedOptions<CookieAuthenticationOptions>
            {
                public void Configure(string? name, CookieAuthenticationOptions options)
                {
                    options.ExpireTimeSpan = [|new TimeSpan(0, 30, 0)|];
                }

                public void Configure(CookieAuthenticationOptions options) => Configure(Options.DefaultName, options);
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task PostConfigure_Reports()
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.PostConfigure<SessionOptions>(o => o.IdleTimeout = [|TimeSpan.FromMinutes(10)|]);
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task PlainAssignmentOnOptionsField_Reports()
    {
        var source = Usings + """

            sealed class Holder
            {
                private readonly SessionOptions options = new();

                public void Shorten() => options.IdleTimeout = [|TimeSpan.FromMinutes(5)|];
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    // ------------------------------------------------------------ hard-coded forms

    [Theory]
    [InlineData("TimeSpan.FromMinutes(20)", "00:20:00")]
    [InlineData("TimeSpan.FromHours(0.5)", "00:30:00")]
    [InlineData("TimeSpan.FromSeconds(900)", "00:15:00")]
    [InlineData("TimeSpan.FromMilliseconds(60000)", "00:01:00")]
    [InlineData("TimeSpan.FromTicks(6000000000)", "00:10:00")]
    [InlineData("TimeSpan.FromMinutes(10, 30)", "00:10:30")]
    [InlineData("TimeSpan.FromDays(0, 0, 45)", "00:45:00")]
    [InlineData("System.TimeSpan.FromMinutes(20)", "00:20:00")]
    [InlineData("new TimeSpan(0, 20, 0)", "00:20:00")]
    [InlineData("new TimeSpan(0, 0, 20, 0)", "00:20:00")]
    [InlineData("new TimeSpan(0, 0, 20, 0, 500)", "00:20:00.5000000")]
    [InlineData("new TimeSpan(12000000000)", "00:20:00")]
    [InlineData("new TimeSpan(hours: 0, minutes: 20, seconds: 0)", "00:20:00")]
    [InlineData("new(0, 20, 0)", "00:20:00")]
    [InlineData("TimeSpan.FromMinutes(Minutes)", "00:10:00")]
    [InlineData("TimeSpan.FromMinutes(ReadOnlyMinutes)", "00:15:00")]
    [InlineData("TimeSpan.FromMinutes(5) * 2", "00:10:00")]
    [InlineData("TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(30)", "00:10:30")]
    [InlineData("TimeSpan.FromHours(1) - TimeSpan.FromMinutes(1)", "00:59:00")]
    [InlineData("TimeSpan.FromMinutes(5).Add(TimeSpan.FromMinutes(5))", "00:10:00")]
    [InlineData("(TimeSpan.FromMinutes(20))", "00:20:00")]
    [InlineData("Lifetime", "00:20:00")]
    [InlineData("Limits.Lifetime", "00:25:00")]
    [InlineData("Limits.PropertyLifetime", "00:05:00")]
    [InlineData("Limits.ComputedLifetime", "00:06:00")]
    public async Task HardCodedDuration_Reports(string value, string duration)
    {
        var source = Usings + $$"""

            static class Limits
            {
                public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(25);
                public static TimeSpan PropertyLifetime { get; } = new TimeSpan(0, 5, 0);
                public static TimeSpan ComputedLifetime => TimeSpan.FromMinutes(6);
            }

            static class Setup
            {
                private const int Minutes = 10;
                private static readonly int ReadOnlyMinutes = 15;
                private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(20);

                public static void Add(IServiceCollection services) =>
                    services.AddSession(o => o.IdleTimeout = {|#0:{{value}}|});
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic().WithLocation(0).WithArguments(duration, "idle", "01:00:00"));
    }

    [Fact]
    public async Task StaticReadonlyFieldInAnotherFile_Reports()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """

                static class Setup
                {
                    public static void Add(IServiceCollection services) =>
                        services.AddSession(o =>
                        {
                            o.IdleTimeout = {|#0:SessionDefaults.Idle|};
                            o.Cookie.MaxAge = {|#1:SessionDefaults.Cookie|};
                        });
                }
                """,
            ExpectedDiagnostics =
            {
                Verify.Diagnostic().WithLocation(0).WithArguments("00:20:00", "idle", "01:00:00"),
                Verify.Diagnostic().WithLocation(1).WithArguments("1.00:00:00", "absolute", "7.00:00:00"),
            },
            TestState = { Sources = { ("/0/SessionDefaults.cs", """
                    using System;

                    static class SessionDefaults
                    {
                        public static readonly TimeSpan Idle = TimeSpan.FromMinutes(20);
                        public static readonly TimeSpan Cookie = new TimeSpan(1, 0, 0, 0);
                    }
                    """) } },
        };
        await test.RunAsync();
    }

    [Theory]
    [InlineData("DateTime.Now.AddMinutes(20)", "00:20:00")]
    [InlineData("DateTime.UtcNow.AddHours(1)", "01:00:00")]
    [InlineData("DateTime.Today.AddDays(1)", "1.00:00:00")]
    [InlineData("DateTimeOffset.Now.AddSeconds(3600)", "01:00:00")]
    [InlineData("DateTimeOffset.UtcNow.AddMilliseconds(60000)", "00:01:00")]
    [InlineData("DateTimeOffset.UtcNow.AddTicks(36000000000)", "01:00:00")]
    [InlineData("DateTimeOffset.UtcNow + TimeSpan.FromHours(2)", "02:00:00")]
    [InlineData("DateTime.UtcNow + new TimeSpan(2, 0, 0)", "02:00:00")]
    [InlineData("DateTimeOffset.UtcNow.Add(TimeSpan.FromHours(2))", "02:00:00")]
    [InlineData("DateTimeOffset.UtcNow.AddDays(2).AddHours(-1)", "1.23:00:00")]
    [InlineData("DateTimeOffset.UtcNow.AddDays(Days)", "3.00:00:00")]
    [InlineData("TimeProvider.System.GetUtcNow().AddMinutes(20)", "00:20:00")]
    [InlineData("clock.GetUtcNow().AddHours(1).AddMinutes(30)", "01:30:00")]
    [InlineData("clock.GetLocalNow() + Lifetime", "00:20:00")]
    public async Task HardCodedPointInTime_Reports(string value, string duration)
    {
        var source = Usings + $$"""

            static class Login
            {
                private const int Days = 3;
                private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(20);

                public static AuthenticationProperties Properties(TimeProvider clock) =>
                    new AuthenticationProperties { ExpiresUtc = {|#0:{{value}}|} };
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic().WithLocation(0).WithArguments(duration, "absolute", "7.00:00:00"));
    }

    [Theory]
    [InlineData("configuration.GetValue<TimeSpan>(\"Session:IdleTimeout\")")]
    [InlineData("configuration.GetValue(\"Session:IdleTimeout\", TimeSpan.FromMinutes(20))")]
    [InlineData("TimeSpan.FromMinutes(configuration.GetValue<int>(\"Session:Minutes\"))")]
    [InlineData("TimeSpan.Parse(configuration[\"Session:IdleTimeout\"]!)")]
    [InlineData("settings.Value.IdleTimeout")]
    [InlineData("TimeSpan.FromMinutes(settings.Value.Minutes)")]
    [InlineData("idle")]
    [InlineData("TimeSpan.FromMinutes(minutes)")]
    [InlineData("TimeSpan.FromMinutes(Environment.ProcessorCount)")]
    [InlineData("TimeSpan.FromMinutes(Mutable)")]
    [InlineData("Reassigned")]
    [InlineData("InstanceLifetime")]
    public async Task ValueNotHardCoded_DoesNotReport(string value)
    {
        var source = Usings + $$"""

            sealed class SessionSettings
            {
                public TimeSpan IdleTimeout { get; set; }
                public int Minutes { get; set; }
            }

            sealed class Setup
            {
                private static int Mutable = 10;
                private static readonly TimeSpan Reassigned = TimeSpan.FromMinutes(5);
                private readonly TimeSpan InstanceLifetime = TimeSpan.FromMinutes(5);

                static Setup() => Reassigned = TimeSpan.FromHours(8);

                public void Add(IServiceCollection services, IConfiguration configuration, IOptions<SessionSettings> settings, TimeSpan idle, int minutes, bool fast) =>
                    services.AddSession(o => o.IdleTimeout = {{value}});
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Theory]
    [InlineData("DateTimeOffset.UtcNow.AddMinutes(minutes)")]
    [InlineData("DateTimeOffset.UtcNow + idle")]
    [InlineData("start.AddMinutes(20)")]
    [InlineData("new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)")]
    [InlineData("DateTimeOffset.MaxValue")]
    [InlineData("DateTimeOffset.UtcNow")]
    public async Task PointInTimeNotHardCoded_DoesNotReport(string value)
    {
        var source = Usings + $$"""

            static class Login
            {
                public static AuthenticationProperties Properties(int minutes, TimeSpan idle, DateTimeOffset start) =>
                    new AuthenticationProperties { ExpiresUtc = {{value}} };
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    // ------------------------------------------------------------ conditional arms

    [Theory]
    [InlineData("fast ? {|#0:TimeSpan.FromMinutes(5)|} : TimeSpan.FromHours(8)", "00:05:00")]
    [InlineData("fast ? idle : {|#0:TimeSpan.FromMinutes(20)|}", "00:20:00")]
    [InlineData("fast ? {|#0:(TimeSpan.FromMinutes(5))|} : idle", "00:05:00")]
    [InlineData("configured ?? {|#0:TimeSpan.FromMinutes(20)|}", "00:20:00")]
    [InlineData("mode switch { 1 => {|#0:new TimeSpan(0, 10, 0)|}, 2 => TimeSpan.FromHours(2), _ => idle }", "00:10:00")]
    [InlineData("fast ? (slow ? idle : {|#0:TimeSpan.FromMinutes(3)|}) : idle", "00:03:00")]
    [InlineData("fast ? {|#0:Short|} : idle", "00:15:00")]
    public async Task ConditionalArmShortAndConstant_Reports(string value, string duration)
    {
        var source = Usings + $$"""

            sealed class Setup
            {
                private static readonly TimeSpan Short = TimeSpan.FromMinutes(15);

                public void Add(IServiceCollection services, TimeSpan idle, TimeSpan? configured, int mode, bool fast, bool slow) =>
                    services.AddSession(o => o.IdleTimeout = {{value}});
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic().WithLocation(0).WithArguments(duration, "idle", "01:00:00"));
    }

    [Fact]
    public async Task ConditionalWithTwoShortArms_ReportsEachArm()
    {
        var source = Usings + """

            sealed class Setup
            {
                public void Add(IServiceCollection services, bool fast) =>
                    services.AddSession(o => o.IdleTimeout = fast ? {|#0:TimeSpan.FromMinutes(5)|} : {|#1:TimeSpan.FromMinutes(30)|});
            }
            """;
        await Verify.VerifyAnalyzerAsync(
            source,
            Verify.Diagnostic().WithLocation(0).WithArguments("00:05:00", "idle", "01:00:00"),
            Verify.Diagnostic().WithLocation(1).WithArguments("00:30:00", "idle", "01:00:00"));
    }

    [Theory]
    [InlineData("limited ? {|#0:DateTimeOffset.UtcNow.AddMinutes(15)|} : expires", "00:15:00")]
    [InlineData("limited ? {|#0:clock.GetUtcNow().AddMinutes(15)|} : null", "00:15:00")]
    [InlineData("expires ?? {|#0:clock.GetUtcNow() + TimeSpan.FromHours(8)|}", "08:00:00")]
    [InlineData("limited switch { true => {|#0:DateTimeOffset.UtcNow.AddHours(1)|}, false => expires }", "01:00:00")]
    public async Task PointInTimeArmShortAndConstant_Reports(string value, string duration)
    {
        var source = Usings + $$"""

            static class Login
            {
                public static AuthenticationProperties Properties(bool limited, DateTimeOffset? expires, TimeProvider clock) =>
                    new AuthenticationProperties { ExpiresUtc = {{value}}, AllowRefresh = !limited };
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic().WithLocation(0).WithArguments(duration, "absolute", "7.00:00:00"));
    }

    [Fact]
    public async Task ExpireTimeSpanArmWithSlidingExpirationFalse_ReportsAsAbsolute()
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services, bool kiosk) =>
                    services.ConfigureApplicationCookie(options =>
                    {
                        options.SlidingExpiration = false;
                        options.ExpireTimeSpan = kiosk ? {|#0:TimeSpan.FromHours(1)|} : TimeSpan.FromDays(14);
                    });
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic().WithLocation(0).WithArguments("01:00:00", "absolute", "7.00:00:00"));
    }

    [Fact]
    public async Task SessionCookieArm_ReportsAndOtherCookieArm_DoesNotReport()
    {
        var source = Usings + """

            static class Cookies
            {
                public static void Write(HttpResponse response, string value, bool remember)
                {
                    response.Cookies.Append("SessionId", value, new CookieOptions { Expires = remember ? [|DateTimeOffset.UtcNow.AddDays(1)|] : null });
                    response.Cookies.Append("theme", value, new CookieOptions { Expires = remember ? DateTimeOffset.UtcNow.AddDays(1) : null });
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Theory]
    [InlineData("fast ? TimeSpan.FromHours(2) : idle")]
    [InlineData("configured ?? TimeSpan.FromHours(8)")]
    [InlineData("fast ? idle : configured ?? idle")]
    [InlineData("mode switch { 1 => TimeSpan.FromHours(1), _ => idle }")]
    [InlineData("fast ? TimeSpan.Zero : idle")]
    [InlineData("fast ? TimeSpan.FromMinutes(minutes) : TimeSpan.FromHours(2)")]
    [InlineData("TimeSpan.FromMinutes(fast ? 5 : minutes)")]
    public async Task ConditionalArmsLongOrConfigured_DoesNotReport(string value)
    {
        var source = Usings + $$"""

            sealed class Setup
            {
                public void Add(IServiceCollection services, TimeSpan idle, TimeSpan? configured, int mode, int minutes, bool fast) =>
                    services.AddSession(o => o.IdleTimeout = {{value}});
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Theory]
    [InlineData("remove ? DateTimeOffset.UtcNow.AddDays(-1) : expires")]
    [InlineData("remove ? DateTimeOffset.UnixEpoch : DateTimeOffset.UtcNow.AddDays(30)")]
    public async Task PointInTimeArmsDeletionOrLong_DoesNotReport(string value)
    {
        var source = Usings + $$"""

            static class Cookies
            {
                public static void Write(HttpResponse response, bool remove, DateTimeOffset? expires) =>
                    response.Cookies.Append("SessionId", "", new CookieOptions { Expires = {{value}} });
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    // ------------------------------------------------------------ thresholds and options

    [Theory]
    [InlineData("TimeSpan.FromHours(1)")]
    [InlineData("TimeSpan.FromMinutes(60)")]
    [InlineData("TimeSpan.FromHours(8)")]
    public async Task IdleLifetimeAtOrAboveTheMinimum_DoesNotReport(string value)
    {
        var source = Usings + $$"""

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddAuthentication().AddCookie(o => o.ExpireTimeSpan = {{value}});
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task IdleLifetimeJustBelowTheMinimum_Reports()
    {
        var source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddAuthentication().AddCookie(o => o.ExpireTimeSpan = {|#0:TimeSpan.FromMinutes(59)|});
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic().WithLocation(0).WithArguments("00:59:00", "idle", "01:00:00"));
    }

    [Theory]
    [InlineData("DateTimeOffset.UtcNow.AddDays(7)")]
    [InlineData("DateTimeOffset.UtcNow.AddHours(168)")]
    [InlineData("DateTimeOffset.UtcNow.AddMonths(1)")]
    [InlineData("DateTimeOffset.UtcNow.AddYears(1)")]
    [InlineData("DateTimeOffset.UtcNow.AddDays(400)")]
    public async Task AbsoluteLifetimeAtOrAboveTheMinimum_DoesNotReport(string value)
    {
        var source = Usings + $$"""

            static class Login
            {
                public static AuthenticationProperties Properties() => new AuthenticationProperties { ExpiresUtc = {{value}} };
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task MinIdleLifetimeOption_LowersTheThreshold()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """

                static class Setup
                {
                    public static void Add(IServiceCollection services)
                    {
                        services.AddSession(o => o.IdleTimeout = TimeSpan.FromMinutes(20));
                        services.AddAuthentication().AddCookie(o => o.ExpireTimeSpan = {|#0:TimeSpan.FromMinutes(9)|});
                    }
                }
                """,
            ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("00:09:00", "idle", "00:10:00") },
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.min_idle_lifetime = 00:10:00") } },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task MinIdleLifetimeOption_RaisesTheThreshold()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """

                static class Setup
                {
                    public static void Add(IServiceCollection services) =>
                        services.AddSession(o => o.IdleTimeout = {|#0:TimeSpan.FromMinutes(90)|});
                }
                """,
            ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("01:30:00", "idle", "02:00:00") },
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.min_idle_lifetime = 02:00:00") } },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task MinAbsoluteLifetimeOption_ChangesTheThreshold()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """

                static class Login
                {
                    public static AuthenticationProperties Long() => new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddDays(2) };

                    public static AuthenticationProperties Short() => new AuthenticationProperties { ExpiresUtc = {|#0:DateTimeOffset.UtcNow.AddHours(12)|} };
                }
                """,
            ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("12:00:00", "absolute", "1.00:00:00") },
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.min_absolute_lifetime = 1.00:00:00") } },
        };
        await test.RunAsync();
    }

    [Theory]
    [InlineData("session_safety.min_idle_lifetime = soon")]
    [InlineData("session_safety.min_idle_lifetime = -01:00:00")]
    [InlineData("session_safety.min_idle_lifetime = 0")]
    [InlineData("session_safety.min_absolute_lifetime = 1,5")]
    [InlineData("session_safety.session_cookie_names = ")]
    [InlineData("session_safety.include_tests = yes")]
    public async Task UnreadableOption_UsesTheDefaultWithoutThrowing(string option)
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """

                static class Setup
                {
                    public static void Add(IServiceCollection services, HttpResponse response)
                    {
                        services.AddSession(o => o.IdleTimeout = {|#0:TimeSpan.FromMinutes(20)|});
                        response.Cookies.Append("sid", "v", new CookieOptions { MaxAge = {|#1:TimeSpan.FromDays(1)|} });
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                Verify.Diagnostic().WithLocation(0).WithArguments("00:20:00", "idle", "01:00:00"),
                Verify.Diagnostic().WithLocation(1).WithArguments("1.00:00:00", "absolute", "7.00:00:00"),
            },
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig(option) } },
        };
        await test.RunAsync();
    }

    // ------------------------------------------------------------ exemptions

    [Theory]
    [InlineData("TimeSpan.Zero")]
    [InlineData("TimeSpan.FromMinutes(0)")]
    [InlineData("TimeSpan.FromDays(-1)")]
    [InlineData("-TimeSpan.FromHours(1)")]
    [InlineData("default(TimeSpan)")]
    public async Task ZeroOrNegativeDuration_DoesNotReport(string value)
    {
        var source = Usings + $$"""

            static class Cookies
            {
                public static void Delete(HttpResponse response) =>
                    response.Cookies.Append(".AspNetCore.Session", "", new CookieOptions { MaxAge = {{value}} });
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Theory]
    [InlineData("DateTime.UtcNow.AddDays(-1)")]
    [InlineData("DateTimeOffset.UtcNow.AddYears(-1)")]
    [InlineData("DateTimeOffset.UtcNow - TimeSpan.FromDays(1)")]
    [InlineData("DateTimeOffset.UnixEpoch")]
    public async Task CookieDeletionIdiom_DoesNotReport(string value)
    {
        var source = Usings + $$"""

            static class Cookies
            {
                public static void SignOut(HttpResponse response) =>
                    response.Cookies.Append("SessionId", "", new CookieOptions { Expires = {{value}} });
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Theory]
    [InlineData("theme")]
    [InlineData("culture")]
    [InlineData(".AspNetCore.Culture")]
    [InlineData("consider")]
    [InlineData("authorName")]
    [InlineData("tokens")]
    [InlineData("Preferences.Layout")]
    public async Task CookieThatIsNotASessionCookie_DoesNotReport(string name)
    {
        var source = Usings + $$"""

            static class Cookies
            {
                public static void Write(HttpResponse response, string value)
                {
                    response.Cookies.Append("{{name}}", value, new CookieOptions { Expires = DateTimeOffset.UtcNow.AddDays(1) });
                    var cookie = new System.Net.Cookie("{{name}}", value) { Expires = DateTime.Now.AddDays(1) };
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Theory]
    [InlineData("session")]
    [InlineData("SessionId")]
    [InlineData("app_sess")]
    [InlineData("sid")]
    [InlineData("my-auth")]
    [InlineData("XSRF-TOKEN")]
    [InlineData("RefreshToken")]
    [InlineData("identity")]
    [InlineData("LoginState")]
    [InlineData("csrf")]
    [InlineData("Antiforgery")]
    [InlineData("AUTHCookie")]
    [InlineData(".AspNetCore.Cookies")]
    [InlineData(".AspNetCore.Session")]
    [InlineData(".AspNetCore.Antiforgery.x1y2")]
    [InlineData(".AspNetCore.Identity.Application")]
    public async Task SessionCookieName_Reports(string name)
    {
        var source = Usings + $$"""

            static class Cookies
            {
                public static void Write(HttpResponse response, string value) =>
                    response.Cookies.Append("{{name}}", value, new CookieOptions { Expires = [|DateTimeOffset.UtcNow.AddDays(1)|] });
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task FrameworkCookieNames_ReportEvenWithOtherMarkers()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """

                static class Cookies
                {
                    public static void Write(HttpResponse response, string value)
                    {
                        response.Cookies.Append(".AspNetCore.Cookies", value, new CookieOptions { MaxAge = [|TimeSpan.FromDays(1)|] });
                        response.Cookies.Append("SessionId", value, new CookieOptions { MaxAge = TimeSpan.FromDays(1) });
                        response.Cookies.Append("cart", value, new CookieOptions { MaxAge = [|TimeSpan.FromDays(1)|] });
                    }
                }
                """,
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.session_cookie_names = cart|basket") } },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task LongSessionCookieNameList_FindsAnyListedWordAndOnlyThose()
    {
        var markers = string.Join("|", System.Linq.Enumerable.Range(0, 8000).Select(i => "marker" + i));
        var test = new Verify.Test
        {
            TestCode = Usings + """

                static class Cookies
                {
                    public static void Write(HttpResponse response, string value)
                    {
                        response.Cookies.Append("app-marker7999", value, new CookieOptions { MaxAge = [|TimeSpan.FromDays(1)|] });
                        response.Cookies.Append("Marker0Id", value, new CookieOptions { MaxAge = [|TimeSpan.FromDays(1)|] });
                        response.Cookies.Append("app-marker8000", value, new CookieOptions { MaxAge = TimeSpan.FromDays(1) });
                        response.Cookies.Append("SessionId", value, new CookieOptions { MaxAge = TimeSpan.FromDays(1) });
                    }
                }
                """,
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.session_cookie_names = " + markers) } },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task CookieNameNotConstant_DoesNotReport()
    {
        var source = Usings + """

            static class Cookies
            {
                public static void Write(HttpResponse response, string name, string value)
                {
                    response.Cookies.Append(name, value, new CookieOptions { Expires = DateTimeOffset.UtcNow.AddDays(1) });
                    response.Cookies.Append($"{name}-session", value, new CookieOptions { Expires = DateTimeOffset.UtcNow.AddDays(1) });
                    var cookie = new System.Net.Cookie(name, value) { Expires = DateTime.Now.AddDays(1) };
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task CookieOptionsThatGoNowhereKnown_DoesNotReport()
    {
        var source = Usings + """

            static class Cookies
            {
                public static CookieOptions Options() => new CookieOptions { Expires = DateTimeOffset.UtcNow.AddDays(1) };

                public static void Adjust(CookieOptions options) => options.MaxAge = TimeSpan.FromMinutes(5);
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task TestProjectUnlessIncluded_DoesNotReport()
    {
        const string Source = Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddSession(o => o.IdleTimeout = TimeSpan.FromMinutes(20));
            }
            """;
        var skipped = new Verify.Test {
            TestCode = Source,
        };
        skipped.TestState.AdditionalReferences.Add(typeof(FactAttribute).Assembly.Location);
        await skipped.RunAsync();

        var included = new Verify.Test {
            TestCode = Source.Replace("IdleTimeout = TimeSpan.FromMinutes(20)", "IdleTimeout = [|TimeSpan.FromMinutes(20)|]"),
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("session_safety.include_tests = true") } },
        };
        included.TestState.AdditionalReferences.Add(typeof(FactAttribute).Assembly.Location);
        await included.RunAsync();
    }

    [Fact]
    public async Task SeverityNone_DoesNotReport()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """

                static class Setup
                {
                    public static void Add(IServiceCollection services) =>
                        services.AddSession(o => o.IdleTimeout = TimeSpan.FromMinutes(20));
                }
                """,
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("dotnet_diagnostic.SESS003.severity = none") } },
        };
        await test.RunAsync();
    }

    // ------------------------------------------------------------ Razor

    [Fact]
    public async Task RazorCodeBlockAtTheRazorLine_Reports()
    {
        var test = new Verify.Test();
        test.TestState.AddRazorFile(("Pages/SignIn.razor", """
            @using Microsoft.AspNetCore.Authentication
            @using Microsoft.AspNetCore.Http

            <button @onclick="Remember">Remember me</button>

            @code {
                private AuthenticationProperties properties = new();

                private void Remember()
                {
                    properties.ExpiresUtc = [|DateTimeOffset.UtcNow.AddMinutes(30)|];
                    properties.IsPersistent = true;
                }
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task RazorCodeBlockConditionalArm_ReportsAtTheArm()
    {
        var test = new Verify.Test();
        test.TestState.AddRazorFile(("Pages/Profile.razor", """
            @using Microsoft.AspNetCore.Authentication

            <button @onclick="() => Remember(true)">Remember me briefly</button>

            @code {
                private AuthenticationProperties properties = new();

                private void Remember(bool briefly)
                {
                    properties.ExpiresUtc = briefly ? [|DateTimeOffset.UtcNow.AddMinutes(30)|] : DateTimeOffset.UtcNow.AddDays(30);
                }
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task RazorCodeBlock_ReadsTheOptionsOfTheRazorFile()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """

                static class Login
                {
                    public static AuthenticationProperties Properties() => new AuthenticationProperties { ExpiresUtc = [|DateTimeOffset.UtcNow.AddHours(1)|] };
                }
                """,
            TestState = { AnalyzerConfigFiles = { TestProject.EditorConfig("""
                [*.razor]
                session_safety.min_absolute_lifetime = 00:30:00
                """) } },
        };
        test.TestState.AddRazorFile(("Pages/SignIn.razor", """
            @using Microsoft.AspNetCore.Authentication

            @code {
                private AuthenticationProperties Short() => new AuthenticationProperties { ExpiresUtc = [|DateTimeOffset.UtcNow.AddMinutes(20)|] };

                private AuthenticationProperties Long() => new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) };
            }
            """));
        await test.RunAsync();
    }

    // Generated code is skipped (Razor's output aside): the same code in a file marked generated, or
    // named like one, is not reported. (The library skips its own generated-code check for analyzers
    // that configure generated-code analysis, as every rule does to see Razor output.)
    [Theory]
    [InlineData("// <auto-generated/>\n", "/0/Test0.cs")]
    [InlineData("", "/0/Test0.g.cs")]
    [InlineData("", "/0/Form1.Designer.cs")]
    public async Task GeneratedCode_DoesNotReport(string header, string path)
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add((path, header + Usings + """

            static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddAuthentication().AddCookie(options => options.ExpireTimeSpan = TimeSpan.FromMinutes(20));
            }
            """));
        await test.RunAsync();
    }
}
