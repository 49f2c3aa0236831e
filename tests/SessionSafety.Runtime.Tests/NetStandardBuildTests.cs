using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
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
    public void NetStandardBuild_AsksFetchNotToFollowRedirects_UnderTheKeyTheBrowserHandlerReads()
    {
        // An app on .NET 5-7 WebAssembly gets this build: it has no OperatingSystem.IsBrowser nor Options,
        // and sets the fetch option through Properties, which .NET 5+ keeps in the same place as Options.
        var fetch = legacy.Runtime.GetType("SessionSafety.Internal.BrowserFetch", throwOnError: true)!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://app.example/api/messages");

        fetch.GetMethod("DoNotFollowRedirects", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, new object[] { request });

        Assert.True(request.Options.TryGetValue(new HttpRequestOptionsKey<IDictionary<string, object>>("WebAssemblyFetchOptions"), out var options));
        Assert.Equal("manual", options["redirect"]);
        Assert.False((bool)fetch.GetProperty("IsBrowser", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!);
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

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void NetStandardBuild_CreatesOwnerOnlyFoldersAndFiles()
    {
        var folder = temp.Combine("a", "b", "drafts");
        dynamic store = legacy.Create("SessionSafety.FileDraftStore", folder);

        store.Save("k", "typed on .NET Framework");

        foreach (var created in new[] { temp.Combine("a"), temp.Combine("a", "b"), folder })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(created));
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode((string)store.GetPath("k")));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void NetStandardBuild_RefusesAFolderOthersCanWriteTo()
    {
        var folder = temp.Combine("shared");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)Convert.ToInt32("777", 8));
        dynamic store = legacy.Create("SessionSafety.FileDraftStore", folder);

        store.Save("k", "text");

        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void NetStandardBuildsPbkdf2_MatchesTheTestVectorsAndTheNet8Build()
    {
        var pbkdf2 = legacy.Runtime.GetType("SessionSafety.Internal.Bytes")!.GetMethod("Pbkdf2Sha256", BindingFlags.Public | BindingFlags.Static)!;
        byte[] Legacy(string password, string salt, int iterations, int length) =>
            (byte[])pbkdf2.Invoke(null, new object[] { System.Text.Encoding.UTF8.GetBytes(password), System.Text.Encoding.UTF8.GetBytes(salt), iterations, length })!;

        // RFC 7914, section 11: PBKDF2-HMAC-SHA256 ("passwd", "salt", 1 iteration, 64 bytes).
        Assert.Equal(
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783",
            Convert.ToHexString(Legacy("passwd", "salt", 1, 64)).ToLowerInvariant());
        Assert.Equal(
            System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2("correct horse", System.Text.Encoding.UTF8.GetBytes("a salt of 16+ bytes"), 1000, System.Security.Cryptography.HashAlgorithmName.SHA256, 32),
            Legacy("correct horse", "a salt of 16+ bytes", 1000, 32));
    }

    [Fact]
    public void KeyFromAPassword_OpensDraftsAcrossTheBuilds()
    {
        var salt = DraftEncryptionKey.GenerateKeyBytes();
        var fromPassword = legacy.Runtime.GetType("SessionSafety.DraftEncryptionKey")!.GetMethod("FromPassword")!;
        var legacyKey = fromPassword.Invoke(null, new object[] { "a long passphrase nobody guesses", salt, 100_000 });
        var options = legacy.Create("SessionSafety.FileDraftStoreOptions");
        options.GetType().GetProperty("Directory")!.SetValue(options, temp.Path);
        options.GetType().GetProperty("EncryptionKey")!.SetValue(options, legacyKey);
        dynamic legacyStore = legacy.Create("SessionSafety.FileDraftStore", options);
        var modern = new FileDraftStore(new FileDraftStoreOptions
        {
            Directory = temp.Path,
            EncryptionKey = DraftEncryptionKey.FromPassword("a long passphrase nobody guesses", salt, 100_000),
        });

        legacyStore.Save("k", "sealed with a password");

        Assert.Equal("sealed with a password", modern.TryLoad("k")!.Content);
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
