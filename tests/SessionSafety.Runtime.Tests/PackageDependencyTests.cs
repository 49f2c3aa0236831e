using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace SessionSafety.Runtime.Tests;

/// <summary>The package ships the runtime's dll, so its dependencies must be the runtime's, per target framework.</summary>
public sealed class PackageDependencyTests
{
    [Theory]
    [InlineData("netstandard2.0")]
    [InlineData("net8.0")]
    public void PackageReferences_MirrorTheRuntimes(string targetFramework)
    {
        var root = FindRepositoryRoot();
        var runtime = References(Path.Combine(root, "src", "Runtime", "SessionSafety.csproj"), targetFramework);
        var package = References(Path.Combine(root, "src", "Package", "SessionSafety.Package.csproj"), targetFramework);

        Assert.NotEmpty(runtime);
        Assert.Equal(runtime, package);
    }

    private static string[] References(string project, string targetFramework) =>
        XDocument.Load(project).Descendants("PackageReference")
            .Where(r => Applies(r, targetFramework))
            .Select(r => (string)r.Attribute("Include")!)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();

    private static bool Applies(XElement reference, string targetFramework)
    {
        foreach (var element in reference.AncestorsAndSelf())
        {
            var condition = (string?)element.Attribute("Condition");
            if (condition is not null && !condition.Contains($"'{targetFramework}'", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SessionSafety.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("SessionSafety.sln not found above the test output.");
    }
}
