using System.IO;

namespace SessionSafety.EndToEnd.Tests;

/// <summary>
/// The package through the real compiler: fresh projects consume the packed package from a local feed
/// and the real <c>dotnet build</c> / <c>dotnet format</c> run on them.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class EndToEndTests(PackageFeed feed)
{
    private const string ConsoleProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="SessionSafety" Version="$(SessionSafetyVersion)" />
          </ItemGroup>
        </Project>
        """;

    // Port 9 on loopback refuses the connection at once: the save fails with an exception.
    private const string ConsoleProgram = """
        using System.Net.Http.Json;

        var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:9/") };
        try
        {
            var response = await http.PostAsJsonAsync("api/messages", new Message("a long message"));
            response.EnsureSuccessStatusCode();
        }
        catch (HttpRequestException)
        {
            Console.WriteLine("send failed");
        }

        var drafts = await SessionSafety.DraftStore.Default.ListAsync();
        Console.WriteLine($"drafts kept: {drafts.Count}");

        public sealed record Message(string Text);
        """;

    private const string RazorLibraryProject = """
        <Project Sdk="Microsoft.NET.Sdk.Razor">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <FrameworkReference Include="Microsoft.AspNetCore.App" />
            <PackageReference Include="SessionSafety" Version="$(SessionSafetyVersion)" />
          </ItemGroup>
        </Project>
        """;

    private const string SaveComponent = """
        @using System.Net.Http.Json
        @inject HttpClient Http

        <textarea @bind="text"></textarea>
        <button @onclick="SendAsync">Send</button>

        @code {
            private string text = "";

            private async Task SendAsync()
            {
                var response = await Http.PostAsJsonAsync("api/messages", text);
                response.EnsureSuccessStatusCode();
            }
        }
        """;

    private const string WebProject = """
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="SessionSafety" Version="$(SessionSafetyVersion)" />
          </ItemGroup>
        </Project>
        """;

    private const string WebProgram = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthentication().AddCookie(options =>
        {
            options.ExpireTimeSpan = TimeSpan.FromMinutes(20);
        });
        builder.Services.AddSession(options => options.IdleTimeout = builder.Configuration.GetValue("Session:IdleTimeout", TimeSpan.FromMinutes(20)));
        var app = builder.Build();
        app.Run();
        """;

    [Fact]
    public void WebProject_ReportsSess003AtTheHardCodedLifetimeOnly()
    {
        var project = feed.NewProject("WebApp", WebProject, ("Program.cs", WebProgram));

        var build = DotNet.Run(project, "build", "--disable-build-servers");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal(new[] { "Program.cs(4,30)" }, build.Diagnostics("SESS003"));
        Assert.Contains("00:20:00 is a hard-coded idle lifetime below the minimum of 01:00:00", build.Output);
        Assert.DoesNotContain("AD0001", build.Output);
    }

    [Fact]
    public void WebProject_WithAnUnreadableOption_ReportsSess000AndKeepsTheDefault()
    {
        var project = feed.NewProject(
            "WebAppBadOption",
            WebProject,
            ("Program.cs", WebProgram),
            (".editorconfig", "root = true\n\n[*.cs]\nsession_safety.min_idle_lifetime = soon\n"));

        var build = DotNet.Run(project, "build", "--disable-build-servers");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("warning SESS000", build.Output);
        Assert.Contains("session_safety.min_idle_lifetime", build.Output);
        Assert.Equal(new[] { "Program.cs(4,30)" }, build.Diagnostics("SESS003"));
        Assert.DoesNotContain("AD0001", build.Output);
    }

    // A console app saves for whoever runs it, not for a signed-in web user: SESS001 looks at it only
    // when the project widens its scope (docs/rules/SESS001.md, "Scope").
    private const string SaveScopeAll = "root = true\n\n[*.cs]\nsession_safety.save_scope = all\n";

    [Fact]
    public void ConsoleProject_ByDefault_IsOutsideSess001sScope()
    {
        var project = feed.NewProject("ConsoleAppUserScope", ConsoleProject, ("Program.cs", ConsoleProgram));

        var build = DotNet.Run(project, "build", "-warnaserror", "--disable-build-servers");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(build.Diagnostics("SESS001"));
        Assert.DoesNotContain("AD0001", build.Output);
    }

    [Fact]
    public void ConsoleProject_WithSaveScopeAll_ReportsSess001AtTheCallAndFailsWithWarningsAsErrors()
    {
        var project = feed.NewProject("ConsoleApp", ConsoleProject, ("Program.cs", ConsoleProgram), (".editorconfig", SaveScopeAll));

        var build = DotNet.Run(project, "build", "--disable-build-servers");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal(new[] { "Program.cs(6,31)" }, build.Diagnostics("SESS001"));

        var strict = DotNet.Run(project, "build", "--no-incremental", "-warnaserror", "--disable-build-servers");
        Assert.NotEqual(0, strict.ExitCode);
        Assert.Contains("error SESS001", strict.Output);
    }

    [Fact]
    public void ConsoleProject_AfterDotnetFormat_BuildsCleanAndKeepsTheDraft()
    {
        var project = feed.NewProject("FormattedApp", ConsoleProject, ("Program.cs", ConsoleProgram), (".editorconfig", SaveScopeAll));

        var before = DotNet.Run(project, "run", "--disable-build-servers");
        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Contains("drafts kept: 0", before.Output);

        var format = DotNet.Run(project, "format", "analyzers", "--diagnostics", "SESS001", "--severity", "warn");
        Assert.True(format.ExitCode == 0, format.ToString());
        var fixedProgram = File.ReadAllText(Path.Combine(project, "Program.cs"));
        Assert.Contains("DraftGuard.Default.SendAsync(\"Program.Main\"", fixedProgram);
        Assert.Contains("using SessionSafety;", fixedProgram);

        var strict = DotNet.Run(project, "build", "--no-incremental", "-warnaserror", "--disable-build-servers");
        Assert.True(strict.ExitCode == 0, strict.ToString());

        var after = DotNet.Run(project, "run", "--no-build");
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains("send failed", after.Output);
        Assert.Contains("drafts kept: 1", after.Output);
    }

    private const string ExpiredSessionComponent = """
        @using System.Net
        @using System.Net.Http
        @using System.Net.Http.Json
        @inject HttpClient Http
        @inject NavigationManager Nav

        <textarea @bind="message"></textarea>
        <button @onclick="SendAsync">Send</button>

        @code {
            private string message = "";

            private async Task SendAsync()
            {
                var response = await Http.PostAsJsonAsync("api/messages", message);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    Nav.NavigateTo("/login");
                }
            }
        }
        """;

    [Fact]
    public void RazorClassLibrary_ReportsSess002AtTheRedirectInTheRazorFile()
    {
        var project = feed.NewProject("RazorLibRedirect", RazorLibraryProject, ("Send.razor", ExpiredSessionComponent));

        var build = DotNet.Run(project, "build", "--disable-build-servers");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal(new[] { "Send.razor(18,13)" }, build.Diagnostics("SESS002"));
        Assert.Empty(build.Diagnostics("SESS001"));
        Assert.Contains("discards 'message'", build.Output);
    }

    [Fact]
    public void RazorClassLibrary_ReportsSess001AtTheRazorLine()
    {
        var project = feed.NewProject("RazorLib", RazorLibraryProject, ("Save.razor", SaveComponent));

        var build = DotNet.Run(project, "build", "--disable-build-servers");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal(new[] { "Save.razor(12,35)" }, build.Diagnostics("SESS001"));
    }
}
