using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using SessionSafety.Internal;
using SessionSafety.Runtime.Tests.Infrastructure;

namespace SessionSafety.Runtime.Tests;

public sealed class EncryptionTests : IDisposable
{
    private const string Secret = "Meet me at the usual place at 7 — Ana";

    private readonly TempDirectory temp = new();
    private readonly FakeTimeProvider time = new();
    private readonly List<DraftProblemEventArgs> problems = new();
    private readonly DraftEncryptionKey key = DraftEncryptionKey.FromBytes(DraftEncryptionKey.GenerateKeyBytes());

    public static TheoryData<string> Ciphers => new() { nameof(DraftCipherKind.AesGcm), nameof(DraftCipherKind.AesCbcHmacSha256) };

    public void Dispose() => temp.Dispose();

    [Theory]
    [MemberData(nameof(Ciphers))]
    public async Task EncryptedDraft_RoundTripsAndHidesTheText(string cipher)
    {
        var store = CreateStore(cipher);

        await store.SaveAsync("Compose.SendAsync", Secret);

        var bytes = File.ReadAllBytes(store.GetPath("Compose.SendAsync"));
        Assert.Equal((byte)Enum.Parse<DraftCipherKind>(cipher), bytes[9]);
        Assert.DoesNotContain(Encoding.Unicode.GetString(bytes), Secret, StringComparison.Ordinal);
        Assert.False(ContainsSequence(bytes, Encoding.Unicode.GetBytes("Compose")));
        Assert.False(ContainsSequence(bytes, Encoding.UTF8.GetBytes("usual place")));
        Assert.Equal(Secret, (await store.TryLoadAsync("Compose.SendAsync"))!.Content);
        Assert.Equal("Compose.SendAsync", Assert.Single(await store.ListAsync()).Key);
        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Ciphers))]
    public async Task EveryFlippedByte_IsDetectedAndNeverReturned(string cipher)
    {
        var store = CreateStore(cipher);
        await store.SaveAsync("k", Secret);
        var path = store.GetPath("k");
        var original = File.ReadAllBytes(path);

        for (var position = 0; position < original.Length - 32; position++)
        {
            foreach (var recomputeChecksum in new[] { false, true })
            {
                problems.Clear();
                var tampered = (byte[])original.Clone();
                tampered[position] ^= 0x01;
                File.WriteAllBytes(path, recomputeChecksum ? CorruptDraftFileTests.WithChecksum(tampered) : tampered);

                var loaded = await store.TryLoadAsync("k");

                Assert.True(loaded is null, $"byte {position} flipped (checksum recomputed: {recomputeChecksum}) was returned as a draft");
                var problem = Assert.Single(problems);
                Assert.NotEqual(DraftProblemKind.StorageFailure, problem.Kind);
                if (recomputeChecksum && position >= 12)
                {
                    // Past the magic, version and cipher bytes only the authentication can notice.
                    Assert.True(problem.Kind is DraftProblemKind.AuthenticationFailed or DraftProblemKind.Corrupt, $"byte {position}: {problem.Kind}");
                }
            }
        }

        foreach (var file in Directory.GetFiles(store.Directory, "*.corrupt"))
        {
            File.Delete(file);
        }

        File.WriteAllBytes(path, original);
        Assert.Equal(Secret, (await store.TryLoadAsync("k"))!.Content);
    }

    [Theory]
    [MemberData(nameof(Ciphers))]
    public async Task FlippedCiphertextByteWithValidChecksum_IsReportedAsAuthenticationFailure(string cipher)
    {
        var store = CreateStore(cipher);
        await store.SaveAsync("k", Secret);
        var path = store.GetPath("k");
        var bytes = File.ReadAllBytes(path);
        bytes[DraftFileFormat.HeaderSize + 20] ^= 0x80;
        File.WriteAllBytes(path, CorruptDraftFileTests.WithChecksum(bytes));

        Assert.Null(await store.TryLoadAsync("k"));
        Assert.Equal(DraftProblemKind.AuthenticationFailed, Assert.Single(problems).Kind);
    }

    [Fact]
    public async Task ExtendingTheSaveTime_IsDetected()
    {
        // The save time is authenticated: an attacker cannot make an old draft live longer.
        var store = CreateStore(nameof(DraftCipherKind.AesGcm));
        await store.SaveAsync("k", Secret);
        var path = store.GetPath("k");
        var bytes = File.ReadAllBytes(path);
        BitConverter.GetBytes(time.GetUtcNow().AddDays(30).ToUnixTimeMilliseconds()).CopyTo(bytes, 12);
        File.WriteAllBytes(path, CorruptDraftFileTests.WithChecksum(bytes));

        Assert.Null(await store.TryLoadAsync("k"));
        Assert.Equal(DraftProblemKind.AuthenticationFailed, Assert.Single(problems).Kind);
    }

    [Fact]
    public async Task ContentHash_DoesNotRevealTheContentWithoutTheKey()
    {
        var store = CreateStore(nameof(DraftCipherKind.AesGcm));
        await store.SaveAsync("k", Secret);
        var stored = File.ReadAllBytes(store.GetPath("k")).AsSpan(20, 32).ToArray();

        Assert.NotEqual(DraftFileFormat.ContentHash(Secret, null), stored);
        Assert.Equal(DraftFileFormat.ContentHash(Secret, key), stored);
    }

    [Fact]
    public async Task IdenticalEncryptedContent_IsNotRewritten()
    {
        var store = CreateStore(nameof(DraftCipherKind.AesGcm));
        await store.SaveAsync("k", Secret);
        var first = File.ReadAllBytes(store.GetPath("k"));
        time.Advance(TimeSpan.FromMinutes(1));

        await store.SaveAsync("k", Secret);

        Assert.Equal(first, File.ReadAllBytes(store.GetPath("k")));
    }

    [Fact]
    public void ShortKey_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => DraftEncryptionKey.FromBytes(new byte[15]));
        Assert.Throws<ArgumentException>(() => DraftEncryptionKey.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
        Assert.Equal(32, DraftEncryptionKey.GenerateKeyBytes().Length);
        Assert.NotEqual(DraftEncryptionKey.GenerateKeyBytes(), DraftEncryptionKey.GenerateKeyBytes());
    }

    [Theory]
    [InlineData("correct horse battery staple!!!!")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("a password of 32 characters....\n")]
    public void KeyThatIsText_IsRefusedWithAClearError(string password)
    {
        var error = Assert.Throws<ArgumentException>(() => DraftEncryptionKey.FromBytes(System.Text.Encoding.ASCII.GetBytes(password)));

        Assert.Contains("FromPassword", error.Message);
        Assert.Contains("GenerateKeyBytes", error.Message);
    }

    [Fact]
    public void KeyWithFewDistinctBytes_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => DraftEncryptionKey.FromBytes(new byte[32]));
        Assert.Throws<ArgumentException>(() => DraftEncryptionKey.FromBytes(Enumerable.Repeat(new byte[] { 0x00, 0xFF, 0x10, 0x80 }, 8).SelectMany(b => b).ToArray()));
    }

    [Fact]
    public void RandomKeys_AreAccepted()
    {
        // A random 32-byte key is refused as text with a chance of about 1 in 10^13.
        for (var i = 0; i < 200; i++)
        {
            DraftEncryptionKey.FromBytes(DraftEncryptionKey.GenerateKeyBytes());
        }

        DraftEncryptionKey.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));
    }

    [Fact]
    public void PasswordKey_IsStretchedAndNeedsASalt()
    {
        var salt = DraftEncryptionKey.GenerateKeyBytes();

        Assert.Throws<ArgumentException>(() => DraftEncryptionKey.FromPassword("passphrase", new byte[8]));
        Assert.Throws<ArgumentOutOfRangeException>(() => DraftEncryptionKey.FromPassword("passphrase", salt, 1_000));
        Assert.Throws<ArgumentException>(() => DraftEncryptionKey.FromPassword("", salt));
        Assert.Equal(600_000, DraftEncryptionKey.DefaultPasswordIterations);
    }

    [Fact]
    public async Task RotatedKey_DraftsOfThePreviousKeyAreReadAndSealedWithTheNewOne()
    {
        var oldKey = key;
        var newKey = DraftEncryptionKey.FromBytes(DraftEncryptionKey.GenerateKeyBytes());
        var before = new FileDraftStore(new FileDraftStoreOptions { Directory = temp.Combine("rotated"), TimeProvider = time, EncryptionKey = oldKey });
        await before.SaveAsync("k", Secret);
        var savedAt = (await before.TryLoadAsync("k"))!.SavedAt;
        time.Advance(TimeSpan.FromHours(1));
        var options = new FileDraftStoreOptions { Directory = temp.Combine("rotated"), TimeProvider = time, EncryptionKey = newKey };
        options.PreviousEncryptionKeys.Add(oldKey);
        var after = new FileDraftStore(options);
        after.Problem += (_, e) => problems.Add(e);

        var draft = await after.TryLoadAsync("k");

        Assert.Equal(Secret, draft!.Content);
        Assert.Equal(savedAt, draft.SavedAt);
        Assert.Empty(problems);

        // Sealed again with the new key: a store that knows only the new key reads it, one with only the old key does not.
        var newOnly = new FileDraftStore(new FileDraftStoreOptions { Directory = temp.Combine("rotated"), TimeProvider = time, EncryptionKey = newKey });
        Assert.Equal(Secret, (await newOnly.TryLoadAsync("k"))!.Content);
        var oldOnly = new FileDraftStore(new FileDraftStoreOptions { Directory = temp.Combine("rotated"), TimeProvider = time, EncryptionKey = oldKey });
        oldOnly.Problem += (_, e) => problems.Add(e);
        Assert.Null(await oldOnly.TryLoadAsync("k"));
        Assert.Equal(DraftProblemKind.AuthenticationFailed, Assert.Single(problems).Kind);
    }

    [Fact]
    public async Task KeyFromBase64_ReadsWhatTheSameKeyWrote()
    {
        var material = Convert.ToBase64String(DraftEncryptionKey.GenerateKeyBytes());
        var writer = new FileDraftStore(new FileDraftStoreOptions { Directory = temp.Combine("d"), EncryptionKey = DraftEncryptionKey.FromBase64(material) });
        await writer.SaveAsync("k", Secret);
        var reader = new FileDraftStore(new FileDraftStoreOptions { Directory = temp.Combine("d"), EncryptionKey = DraftEncryptionKey.FromBase64(material) });

        Assert.Equal(Secret, (await reader.TryLoadAsync("k"))!.Content);
    }

    [Fact]
    public async Task DraftsWrittenWithEitherCipher_AreReadBack()
    {
        // A draft written by the netstandard2.0 build (CBC + HMAC) is read by the .NET 8 build and back.
        var cbc = CreateStore(nameof(DraftCipherKind.AesCbcHmacSha256));
        await cbc.SaveAsync("from-cbc", Secret);
        var gcm = CreateStore(nameof(DraftCipherKind.AesGcm));
        await gcm.SaveAsync("from-gcm", Secret);

        Assert.Equal(Secret, (await gcm.TryLoadAsync("from-cbc"))!.Content);
        Assert.Equal(Secret, (await cbc.TryLoadAsync("from-gcm"))!.Content);
    }

    private static bool ContainsSequence(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return true;
            }
        }

        return false;
    }

    private FileDraftStore CreateStore(string cipher)
    {
        var store = new FileDraftStore(new FileDraftStoreOptions
        {
            Directory = temp.Combine("drafts"),
            TimeProvider = time,
            EncryptionKey = key,
        })
        {
            Cipher = Enum.Parse<DraftCipherKind>(cipher),
        };
        store.Problem += (_, e) => problems.Add(e);
        return store;
    }
}
