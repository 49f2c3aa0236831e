using System.IO;

namespace SessionSafety.EndToEnd.Tests;

/// <summary>
/// SESS004 through the packed package and the real <c>dotnet build</c> / <c>dotnet format</c>: web projects on
/// ASP.NET Core 8 and 10 whose cookie scheme redirects a plain controller's <c>[FromBody]</c> save and an
/// <c>IResult</c> minimal API, and the same app after the fix, on .NET 8, 9 and 10.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class CookieRedirectEndToEndTests(PackageFeed feed)
{
    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <PropertyGroup>
            <TargetFrameworks>$(Frameworks)</TargetFrameworks>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="SessionSafety" Version="$(SessionSafetyVersion)" />
          </ItemGroup>
        </Project>
        """;

    private const string Program = """
        using Microsoft.AspNetCore.Authentication.Cookies;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options => options.LoginPath = "/login");
        builder.Services.AddAuthorization();
        builder.Services.AddControllers();
        var app = builder.Build();
        app.MapControllers();
        app.MapPost("/api/messages", (HttpContext context) => Results.Ok()).RequireAuthorization();
        app.Run();
        """;

    private const string Controller = """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        public sealed record Note(string Text);

        [Authorize]
        public sealed class NotesController : Controller
        {
            [HttpPost("/notes")]
            public IActionResult Save([FromBody] Note note) => Ok();
        }
        """;

    [Theory]
    [InlineData("net8.0")]
    [InlineData("net10.0")]
    public void WebProject_ReportsSess004AtAddCookie(string framework)
    {
        var project = feed.NewProject(
            "CookieRedirect" + framework.Replace(".", "", System.StringComparison.Ordinal),
            Project.Replace("$(Frameworks)", framework, System.StringComparison.Ordinal),
            ("Program.cs", Program),
            ("Controllers/NotesController.cs", Controller));

        var build = DotNet.Run(project, "build", "--disable-build-servers");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal(new[] { "Program.cs(5,6)" }, build.Diagnostics("SESS004"));
        Assert.Contains("Cookie scheme 'Cookies' redirects signed-out script calls such as", build.Output);
        Assert.DoesNotContain("AD0001", build.Output);
    }

    [Fact]
    public void WebProject_AfterDotnetFormat_BuildsWithoutSess004OnNet8Net9AndNet10()
    {
        var project = feed.NewProject(
            "CookieRedirectFixed",
            Project.Replace("$(Frameworks)", "net8.0;net9.0;net10.0", System.StringComparison.Ordinal),
            ("Program.cs", Program),
            ("Controllers/NotesController.cs", Controller));

        var format = DotNet.Run(project, "format", "analyzers", "--diagnostics", "SESS004", "--severity", "warn");
        Assert.True(format.ExitCode == 0, format.ToString());
        var fixedProgram = File.ReadAllText(Path.Combine(project, "Program.cs"));
        Assert.Contains("options.Events.OnRedirectToLogin = context => IsScriptCall(context.Request)", fixedProgram);
        Assert.Contains("options.LoginPath = \"/login\";", fixedProgram);

        var build = DotNet.Run(project, "build", "--no-incremental", "-warnaserror", "--disable-build-servers");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(build.Diagnostics("SESS004"));
        Assert.DoesNotContain("AD0001", build.Output);
    }
}
