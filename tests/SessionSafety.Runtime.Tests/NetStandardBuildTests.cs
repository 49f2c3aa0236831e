using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using SessionSafety.Runtime.Tests.Infrastructure;

namespace SessionSafety.Runtime.Tests;

/// <summary>
/// The netstandard2.0 build (what .NET Framework, Mono and older .NET get) loaded in its own
/// AssemblyLoadContext: it stores and reads drafts, seals them with AES-CBC + HMAC, detects tampering,
/// and its files and the .NET 8 build's are interchangeable.
/// </summary>
public sealed class NetStandardBuildTests : IDisposable
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "netstandard2.0-runtime");

    private readonly TempDirectory temp = new();
    private readonly IsolatedRuntime legacy = new();

    public void Dispose()
    {
        temp.Dispose();
        legacy.Unload();
    }

    [Fact]
    public void NetStandardBuild_IsTheNetStandardOne()
    {
        var framework = legacy.Runtime.GetCustomAttribute<System.Runtime.Versioning.TargetFrameworkAttribute>()!.FrameworkName;

        Assert.Equal(".NETStandard,Version=v2.0", framework);
        Assert.NotSame(typeof(FileDraftStore).Assembly, legacy.Runtime);
    }

    [Fact]
    public void NetStandardBuild_SavesLoadsListsAndRemoves()
    {
        dynamic store = legacy.Create("SessionSafety.FileDraftStore", temp.Path);

        store.Save("Compose.SendAsync", "typed on .NET Framework");
        dynamic draft = store.TryLoad("Compose.SendAsync");

        Assert.Equal("typed on .NET Framework", (string)draft.Content);
        Assert.Equal(1, (int)store.List().Count);
        Assert.True((bool)store.Remove("Compose.SendAsync"));
    }

    [Fact]
    public void EncryptedDrafts_AreInterchangeableBetweenTheBuilds()
    {
        var key = DraftEncryptionKey.GenerateKeyBytes();
        dynamic legacyStore = LegacyEncryptedStore(key);
        var modernStore = new FileDraftStore(new FileDraftStoreOptions { Directory = temp.Path, EncryptionKey = DraftEncryptionKey.FromBytes(key) });

        legacyStore.Save("from-netstandard", "sealed with CBC + HMAC");
        modernStore.Save("from-net8", "sealed with GCM");

        Assert.Equal(2, (int)File.ReadAllBytes(modernStore.GetPath("from-netstandard"))[9]);
        Assert.Equal("sealed with CBC + HMAC", modernStore.TryLoad("from-netstandard")!.Content);
        Assert.Equal("sealed with GCM", (string)legacyStore.TryLoad("from-net8").Content);
    }

    [Fact]
    public void NetStandardBuild_DetectsAFlippedByte()
    {
        dynamic store = LegacyEncryptedStore(DraftEncryptionKey.GenerateKeyBytes());
        store.Save("k", "secret");
        var path = (string)store.GetPath("k");
        var bytes = File.ReadAllBytes(path);
        bytes[Internal.DraftFileFormat.HeaderSize + 3] ^= 1;
        File.WriteAllBytes(path, CorruptDraftFileTests.WithChecksum(bytes));

        Assert.Null(store.TryLoad("k"));
        Assert.Single(Directory.GetFiles(temp.Path, "*.corrupt"));
    }

    [Fact]
    public void NetStandardBuild_DetectsAFlippedByteInADraftTheNet8BuildSealed()
    {
        var key = DraftEncryptionKey.GenerateKeyBytes();
        var modern = new FileDraftStore(new FileDraftStoreOptions { Directory = temp.Path, EncryptionKey = DraftEncryptionKey.FromBytes(key) });
        modern.Save("k", "secret");
        var bytes = File.ReadAllBytes(modern.GetPath("k"));
        bytes[^40] ^= 1;
        File.WriteAllBytes(modern.GetPath("k"), CorruptDraftFileTests.WithChecksum(bytes));
        dynamic store = LegacyEncryptedStore(key);

        Assert.Null(store.TryLoad("k"));
        Assert.Single(Directory.GetFiles(temp.Path, "*.corrupt"));
    }

    private object LegacyEncryptedStore(byte[] key)
    {
        var options = legacy.Create("SessionSafety.FileDraftStoreOptions");
        var encryptionKey = legacy.Runtime.GetType("SessionSafety.DraftEncryptionKey")!.GetMethod("FromBytes")!.Invoke(null, new object[] { key });
        options.GetType().GetProperty("Directory")!.SetValue(options, temp.Path);
        options.GetType().GetProperty("EncryptionKey")!.SetValue(options, encryptionKey);
        return legacy.Create("SessionSafety.FileDraftStore", options);
    }

    private sealed class IsolatedRuntime : AssemblyLoadContext
    {
        public IsolatedRuntime()
            : base("netstandard2.0 runtime", isCollectible: true)
        {
            Runtime = LoadFromAssemblyPath(Path.Combine(Folder, "SessionSafety.dll"));
        }

        public Assembly Runtime { get; }

        public object Create(string typeName, params object[] args) =>
            Activator.CreateInstance(Runtime.GetType(typeName, throwOnError: true)!, args)!;

        protected override Assembly? Load(AssemblyName name)
        {
            // The polyfills come from beside the netstandard2.0 build; everything else from the framework.
            var candidate = Path.Combine(Folder, name.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }
    }
}
