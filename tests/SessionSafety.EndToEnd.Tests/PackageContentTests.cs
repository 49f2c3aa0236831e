using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;

namespace SessionSafety.EndToEnd.Tests;

[Collection(PackageCollection.Name)]
public sealed class PackageContentTests(PackageFeed feed)
{
    [Fact]
    public void Package_ContainsExactlyTheExpectedFiles()
    {
        using var archive = ZipFile.OpenRead(feed.PackagePath);
        var files = archive.Entries
            .Select(e => e.FullName)
            .Where(name => !name.StartsWith("package/", System.StringComparison.Ordinal)
                && !name.StartsWith("_rels/", System.StringComparison.Ordinal)
                && name != "[Content_Types].xml")
            .OrderBy(name => name, System.StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(
            new[]
            {
                "README.md",
                "SessionSafety.nuspec",
                "analyzers/dotnet/cs/SessionSafety.Analyzers.dll",
                "analyzers/dotnet/cs/SessionSafety.CodeFixes.dll",
                "lib/net8.0/SessionSafety.dll",
                "lib/net8.0/SessionSafety.xml",
                "lib/netstandard2.0/SessionSafety.dll",
                "lib/netstandard2.0/SessionSafety.xml",
            },
            files);
    }

    [Fact]
    public void Nuspec_HasIdLicenseReadmeTagsAndIsNotADevelopmentDependency()
    {
        using var archive = ZipFile.OpenRead(feed.PackagePath);
        using var stream = archive.GetEntry("SessionSafety.nuspec")!.Open();
        var nuspec = XDocument.Load(stream);
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal("SessionSafety", Value("id"));
        Assert.Equal(feed.Version, Value("version"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Contains("roslyn", Value("tags"));
        Assert.Null(Value("developmentDependency"));

        // The runtime's own dependencies flow to consumers; no Roslyn dependency does.
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).ToList();
        Assert.DoesNotContain(dependencies, id => id.StartsWith("Microsoft.CodeAnalysis", System.StringComparison.Ordinal));
        Assert.Contains("System.Text.Json", dependencies);
    }
}
