using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SessionSafety.Runtime.Tests.Infrastructure;

namespace SessionSafety.Runtime.Tests;

/// <summary>
/// Unreadable draft files are set aside as *.corrupt and reported (event and logger); nothing is thrown
/// at the caller, and the other drafts are unaffected.
/// </summary>
public sealed class CorruptDraftFileTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly FakeTimeProvider time = new();
    private readonly CapturingLogger logger = new();
    private readonly List<DraftProblemEventArgs> problems = new();

    public void Dispose() => temp.Dispose();

    public static TheoryData<string> Damages => new()
    {
        "truncated",
        "zero-bytes",
        "garbage",
        "other-format-version",
        "checksum-mismatch",
        "another-keys-file",
        "last-byte-missing",
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task DamagedFile_IsSetAsideAndReported(string damage)
    {
        var store = CreateStore();
        await store.SaveAsync("victim", "the user's text");
        await store.SaveAsync("bystander", "another draft");
        var path = store.GetPath("victim");
        var expectedKind = Damage(store, path, damage);

        var loaded = await store.TryLoadAsync("victim");

        Assert.Null(loaded);
        var problem = Assert.Single(problems);
        Assert.Equal(expectedKind, problem.Kind);
        Assert.Equal("victim", problem.DraftKey);
        Assert.Equal("load", problem.Operation);
        Assert.Equal(path, problem.Location);
        Assert.NotNull(problem.SetAsideLocation);
        Assert.EndsWith(FileDraftStore.CorruptExtension, problem.SetAsideLocation);
        Assert.True(File.Exists(problem.SetAsideLocation));
        Assert.False(File.Exists(path));
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.EventId.Name == "DraftCorrupt" && e.Message.Contains("victim"));

        Assert.Equal("another draft", (await store.TryLoadAsync("bystander"))!.Content);
        Assert.Equal(new[] { "bystander" }, (await store.ListAsync()).Select(d => d.Key));

        await store.SaveAsync("victim", "typed again");
        Assert.Equal("typed again", (await store.TryLoadAsync("victim"))!.Content);
        Assert.Single(problems);
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task DamagedFileFoundByList_IsSetAsideAndReported(string damage)
    {
        var store = CreateStore();
        await store.SaveAsync("victim", "the user's text");
        await store.SaveAsync("bystander", "another draft");
        var path = store.GetPath("victim");
        Damage(store, path, damage);

        var list = await store.ListAsync();

        Assert.Equal(new[] { "bystander" }, list.Select(d => d.Key));
        var problem = Assert.Single(problems);
        Assert.Equal("list", problem.Operation);
        Assert.False(File.Exists(path));
        Assert.Single(Directory.GetFiles(store.Directory, "*" + FileDraftStore.CorruptExtension));
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task DamagedFile_IsReplacedBySave(string damage)
    {
        var store = CreateStore();
        await store.SaveAsync("victim", "the user's text");
        await store.SaveAsync("bystander", "another draft");
        Damage(store, store.GetPath("victim"), damage);

        await store.SaveAsync("victim", "new text");

        Assert.Equal("new text", (await store.TryLoadAsync("victim"))!.Content);
        Assert.Equal("save", Assert.Single(problems).Operation);
        Assert.Single(Directory.GetFiles(store.Directory, "*" + FileDraftStore.CorruptExtension));
    }

    [Fact]
    public async Task FileSealedWithAnotherKey_IsSetAsideAndReported()
    {
        var writer = CreateStore(DraftEncryptionKey.FromBytes(DraftEncryptionKey.GenerateKeyBytes()));
        await writer.SaveAsync("victim", "sealed text");
        await writer.SaveAsync("bystander", "sealed too");
        var reader = CreateStore(DraftEncryptionKey.FromBytes(DraftEncryptionKey.GenerateKeyBytes()));

        Assert.Null(await reader.TryLoadAsync("victim"));

        var problem = Assert.Single(problems);
        Assert.Equal(DraftProblemKind.AuthenticationFailed, problem.Kind);
        Assert.False(File.Exists(reader.GetPath("victim")));
        Assert.Equal("sealed too", (await writer.TryLoadAsync("bystander"))!.Content);
    }

    [Fact]
    public async Task PlainFileInEncryptedStore_IsRejected()
    {
        var plain = CreateStore();
        await plain.SaveAsync("victim", "planted text");
        var sealedStore = CreateStore(DraftEncryptionKey.FromBytes(DraftEncryptionKey.GenerateKeyBytes()));

        Assert.Null(await sealedStore.TryLoadAsync("victim"));
        Assert.Equal(DraftProblemKind.EncryptionMismatch, Assert.Single(problems).Kind);
    }

    [Fact]
    public async Task EncryptedFileInPlainStore_IsSetAsideNotReturned()
    {
        var sealedStore = CreateStore(DraftEncryptionKey.FromBytes(DraftEncryptionKey.GenerateKeyBytes()));
        await sealedStore.SaveAsync("victim", "sealed text");
        var plain = CreateStore();

        Assert.Null(await plain.TryLoadAsync("victim"));
        Assert.Equal(DraftProblemKind.EncryptionMismatch, Assert.Single(problems).Kind);
    }

    [Fact]
    public async Task ThrowingProblemHandler_DoesNotReachTheCaller()
    {
        var store = CreateStore();
        store.Problem += (_, _) => throw new InvalidOperationException("handler bug");
        await store.SaveAsync("victim", "text");
        File.WriteAllBytes(store.GetPath("victim"), new byte[] { 1, 2, 3 });

        Assert.Null(await store.TryLoadAsync("victim"));
        Assert.Contains(logger.Entries, e => e.EventId.Name == "EventHandlerFailed");
    }

    [Fact]
    public async Task SetAsideFiles_AreDeletedOnceADraftWouldHaveExpired()
    {
        var store = CreateStore();
        await store.SaveAsync("victim", "text");
        File.WriteAllBytes(store.GetPath("victim"), new byte[] { 1, 2, 3 });
        await store.TryLoadAsync("victim");
        var setAside = Assert.Single(problems).SetAsideLocation!;
        File.SetLastWriteTimeUtc(setAside, DateTime.UtcNow - TimeSpan.FromHours(25));

        await store.ListAsync();

        Assert.False(File.Exists(setAside));
    }

    private static DraftProblemKind Damage(FileDraftStore store, string path, string damage)
    {
        var bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "truncated":
                File.WriteAllBytes(path, bytes.Take(bytes.Length / 2).ToArray());
                return DraftProblemKind.Corrupt;
            case "last-byte-missing":
                File.WriteAllBytes(path, bytes.Take(bytes.Length - 1).ToArray());
                return DraftProblemKind.Corrupt;
            case "zero-bytes":
                File.WriteAllBytes(path, Array.Empty<byte>());
                return DraftProblemKind.Corrupt;
            case "garbage":
                File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(bytes.Length));
                return DraftProblemKind.Corrupt;
            case "other-format-version":
                bytes[8] = 2;
                File.WriteAllBytes(path, WithChecksum(bytes));
                return DraftProblemKind.UnsupportedVersion;
            case "checksum-mismatch":
                bytes[^1] ^= 0x55;
                File.WriteAllBytes(path, bytes);
                return DraftProblemKind.Corrupt;
            case "another-keys-file":
                File.Copy(store.GetPath("bystander"), path, overwrite: true);
                return DraftProblemKind.WrongKey;
            default:
                throw new ArgumentOutOfRangeException(nameof(damage));
        }
    }

    /// <summary>Recomputes the trailing SHA-256, so that only the deeper checks can notice the change.</summary>
    internal static byte[] WithChecksum(byte[] file)
    {
        var hash = SHA256.HashData(file.AsSpan(0, file.Length - 32));
        hash.CopyTo(file, file.Length - 32);
        return file;
    }

    private FileDraftStore CreateStore(DraftEncryptionKey? key = null)
    {
        var store = new FileDraftStore(new FileDraftStoreOptions
        {
            Directory = temp.Combine("drafts"),
            TimeProvider = time,
            Logger = logger,
            EncryptionKey = key,
        });
        store.Problem += (_, e) => problems.Add(e);
        return store;
    }
}
