namespace SessionSafety.EndToEnd.Tests;

/// <summary>All end-to-end tests share one packed package.</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFeed>
{
    public const string Name = "Packed package";
}
