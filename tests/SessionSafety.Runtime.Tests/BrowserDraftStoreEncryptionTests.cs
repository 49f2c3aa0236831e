using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using SessionSafety.Internal;
using SessionSafety.Runtime.Tests.Infrastructure;

namespace SessionSafety.Runtime.Tests;

/// <summary>
/// The browser store with a key that stays on the server (Blazor Server): what localStorage holds, what a
/// changed, moved or foreign entry does, rotation, old plaintext entries, and the refusal in WebAssembly.
/// </summary>
public sealed class BrowserDraftStoreEncryptionTests
{
    private const string DraftKey = "Compose.SendAsync";

    private readonly FakeTimeProvider time = new();
    private readonly RecordingJSRuntime js = new();
    private readonly List<DraftProblemEventArgs> problems = new();
    private readonly DraftEncryptionKey key = NewKey();
    private readonly string tag = "tag-" + Guid.NewGuid().ToString("N");

    public static TheoryData<string> Ciphers => new() { nameof(DraftCipherKind.AesGcm), nameof(DraftCipherKind.AesCbcHmacSha256) };

    private string Secret => $"Meet me at the usual place at 7 ({tag}) — Ана 🔑";

    [Theory]
    [MemberData(nameof(Ciphers))]
    public async Task EncryptedStore_StorageHoldsCiphertextOnly(string cipher)
    {
        var store = Create(userId: "alice@example.com", cipher: cipher);

        await store.SaveAsync(DraftKey, Secret);
        await store.SaveAsync("Notes.Save", Secret + " again");

        // Every value ever written, not only what is there now.
        var written = js.Calls.Where(c => c.Identifier == "localStorage.setItem").Select(c => (string)c.Args[1]!).ToList();
        Assert.Equal(2, written.Count);
        foreach (var value in written.Concat(js.Local.Values))
        {
            Assert.DoesNotContain(tag, value, StringComparison.Ordinal);
            Assert.DoesNotContain("usual place", value, StringComparison.Ordinal);
            Assert.DoesNotContain("alice", value, StringComparison.Ordinal);
            Assert.DoesNotContain("\\", value, StringComparison.Ordinal); // Base64 as is, no escapes
            var entry = JsonNode.Parse(value)!;
            Assert.Equal(2, (int)entry["v"]!);
            Assert.Equal((int)Enum.Parse<DraftCipherKind>(cipher), (int)entry["cipher"]!);
            Assert.Null(entry["content"]);
            Assert.Null(entry["key"]);

            // Not merely encoded: the sealed bytes hold neither the UTF-8 nor the UTF-16 of the tag.
            var sealedBytes = Convert.FromBase64String((string)entry["sealed"]!);
            Assert.False(Contains(sealedBytes, Encoding.UTF8.GetBytes(tag)));
            Assert.False(Contains(sealedBytes, Encoding.Unicode.GetBytes(tag)));
            Assert.False(Contains(sealedBytes, Encoding.UTF8.GetBytes(DraftKey)));
        }

        Assert.True(store.IsEncrypted);
        Assert.Equal(Secret, (await store.TryLoadAsync(DraftKey))!.Content);
        Assert.Equal(time.GetUtcNow(), (await store.TryLoadAsync(DraftKey))!.SavedAt);
        Assert.Equal(new[] { DraftKey, "Notes.Save" }, (await store.ListAsync()).Select(d => d.Key));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task EncryptedStore_HostileKeysAndText_RoundTrip()
    {
        var store = Create(userId: "bob");
        var drafts = new Dictionary<string, string>
        {
            ["../../x"] = "plain",
            ["a\0b"] = "NUL \0 inside",
            [new string('k', 10_000)] = new string('x', 100_000),
            ["ключ 🔑"] = "текст 🔑",
            ["lone \uD800"] = "a lone key",
            ["k"] = "half an emoji: \uD83D alone",
            ["empty"] = string.Empty,
        };

        foreach (var (draftKey, content) in drafts)
        {
            await store.SaveAsync(draftKey, content);
        }

        foreach (var (draftKey, content) in drafts)
        {
            Assert.Equal(content, (await store.TryLoadAsync(draftKey))!.Content);
        }

        Assert.Equal(drafts.Keys.OrderBy(k => k, StringComparer.Ordinal), (await store.ListAsync()).Select(d => d.Key));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task IdenticalContent_IsNotSealedAgain()
    {
        var store = Create();
        await store.SaveAsync(DraftKey, Secret);
        var first = js.Local[store.GetStorageKey(DraftKey)];
        time.Advance(TimeSpan.FromMinutes(1));

        await store.SaveAsync(DraftKey, Secret);

        Assert.Equal(1, js.CountCalls("localStorage.setItem"));
        Assert.Equal(first, js.Local[store.GetStorageKey(DraftKey)]);
        await store.SaveAsync(DraftKey, Secret + "!");
        Assert.Equal(2, js.CountCalls("localStorage.setItem"));
    }

    [Theory]
    [MemberData(nameof(Ciphers))]
    public async Task EveryFlippedByteOfTheSealedBody_IsSetAsideAndReported(string cipher)
    {
        var store = Create(cipher: cipher);
        await store.SaveAsync("bystander", "fine");
        await store.SaveAsync(DraftKey, Secret);
        var storageKey = store.GetStorageKey(DraftKey);
        var original = js.Local[storageKey];
        var sealedBytes = SealedBytes(original);

        for (var position = 0; position < sealedBytes.Length; position++)
        {
            problems.Clear();
            var tampered = (byte[])sealedBytes.Clone();
            tampered[position] ^= 0x01;
            var raw = WithField(original, "sealed", Convert.ToBase64String(tampered));
            js.SetItem(storageKey, raw);

            var loaded = await store.TryLoadAsync(DraftKey);

            Assert.True(loaded is null, $"byte {position} flipped was returned as a draft");
            var problem = Assert.Single(problems);
            Assert.Equal(DraftProblemKind.AuthenticationFailed, problem.Kind);
            Assert.Equal(DraftKey, problem.DraftKey);
            Assert.False(js.Local.ContainsKey(storageKey));
            Assert.Equal(raw, js.Local[problem.SetAsideLocation!]);
        }

        Assert.Equal("fine", (await store.TryLoadAsync("bystander"))!.Content);
        js.SetItem(storageKey, original);
        Assert.Equal(Secret, (await store.TryLoadAsync(DraftKey))!.Content);
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(253_402_300_799_999L)]
    public async Task ChangedSaveTime_IsSetAsideAndReported(long savedAt)
    {
        var store = Create();
        await store.SaveAsync(DraftKey, Secret);
        var storageKey = store.GetStorageKey(DraftKey);

        // A later time would keep the draft past its expiry; an earlier one would expire it.
        js.SetItem(storageKey, WithField(js.Local[storageKey], "savedAt", savedAt));

        Assert.Null(await store.TryLoadAsync(DraftKey));
        Assert.Equal(DraftProblemKind.AuthenticationFailed, Assert.Single(problems).Kind);
    }

    [Theory]
    [MemberData(nameof(Ciphers))]
    public async Task ChangedCipher_IsSetAsideAndReported(string cipher)
    {
        var store = Create(cipher: cipher);
        await store.SaveAsync(DraftKey, Secret);
        var storageKey = store.GetStorageKey(DraftKey);
        var other = cipher == nameof(DraftCipherKind.AesGcm) ? DraftCipherKind.AesCbcHmacSha256 : DraftCipherKind.AesGcm;

        js.SetItem(storageKey, WithField(js.Local[storageKey], "cipher", (int)other));

        Assert.Null(await store.TryLoadAsync(DraftKey));
        Assert.Equal(DraftProblemKind.AuthenticationFailed, Assert.Single(problems).Kind);
    }

    [Theory]
    [InlineData("{\"v\":2}")]
    [InlineData("{\"v\":2,\"cipher\":1,\"savedAt\":0}")]
    [InlineData("{\"v\":2,\"cipher\":0,\"savedAt\":0,\"sealed\":\"AAAA\"}")]
    [InlineData("{\"v\":2,\"cipher\":9,\"savedAt\":0,\"sealed\":\"AAAA\"}")]
    [InlineData("{\"v\":2,\"cipher\":1,\"savedAt\":0,\"sealed\":\"not base64!\"}")]
    [InlineData("{\"v\":2,\"cipher\":1,\"savedAt\":99999999999999999,\"sealed\":\"AAAA\"}")]
    [InlineData("{\"v\":2,\"cipher\":1,\"savedAt\":0,\"sealed\":\"\"}")]
    public async Task CraftedSealedEntry_IsSetAsideNotThrown(string raw)
    {
        var store = Create();
        js.SetItem(store.GetStorageKey(DraftKey), raw);

        Assert.Null(await store.TryLoadAsync(DraftKey));
        Assert.Empty(await store.ListAsync());
        var problem = Assert.Single(problems);
        Assert.True(problem.Kind is DraftProblemKind.Corrupt or DraftProblemKind.AuthenticationFailed, problem.Kind + ": " + problem.Reason);
    }

    [Fact]
    public async Task EntryMovedToAnotherUser_IsRefused()
    {
        var alice = Create(userId: "alice");
        var bob = Create(userId: "bob");
        await alice.SaveAsync(DraftKey, Secret);

        // Someone at the keyboard copies Alice's entry under Bob's key, for Bob's session to open it.
        js.SetItem(bob.GetStorageKey(DraftKey), js.Local[alice.GetStorageKey(DraftKey)]);

        Assert.Null(await bob.TryLoadAsync(DraftKey));
        var problem = Assert.Single(problems);
        Assert.Equal(DraftProblemKind.AuthenticationFailed, problem.Kind);
        Assert.Equal(Secret, (await alice.TryLoadAsync(DraftKey))!.Content);
    }

    [Fact]
    public async Task EntryOfNobodyMovedIntoAUsersPartition_IsRefused()
    {
        var nobody = Create();
        var alice = Create(userId: "alice");
        await nobody.SaveAsync(DraftKey, Secret);

        js.SetItem(alice.GetStorageKey(DraftKey), js.Local[nobody.GetStorageKey(DraftKey)]);

        Assert.Null(await alice.TryLoadAsync(DraftKey));
        Assert.Equal(DraftProblemKind.AuthenticationFailed, Assert.Single(problems).Kind);
    }

    [Fact]
    public async Task EntryMovedToAnotherDraftKey_IsRefused()
    {
        var store = Create(userId: "alice");
        await store.SaveAsync("Profile.Save", "harmless");
        await store.SaveAsync(DraftKey, Secret);

        js.SetItem(store.GetStorageKey("Profile.Save"), js.Local[store.GetStorageKey(DraftKey)]);

        Assert.Null(await store.TryLoadAsync("Profile.Save"));
        Assert.Equal(DraftProblemKind.AuthenticationFailed, Assert.Single(problems).Kind);
        Assert.Equal(Secret, (await store.TryLoadAsync(DraftKey))!.Content);
    }

    [Fact]
    public async Task EntrySealedWithAnotherKey_IsSetAsideAndReported()
    {
        await Create(userId: "alice").SaveAsync(DraftKey, Secret);
        var otherServer = Create(userId: "alice", encryptionKey: NewKey());

        Assert.Null(await otherServer.TryLoadAsync(DraftKey));
        Assert.Empty(await otherServer.ListAsync());

        var problem = Assert.Single(problems);
        Assert.Equal(DraftProblemKind.AuthenticationFailed, problem.Kind);
        Assert.StartsWith("SessionSafety.draft.user-", problem.SetAsideLocation);
        Assert.DoesNotContain(tag, js.Local[problem.SetAsideLocation!], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotatedKey_EntriesOfThePreviousKeyAreReadAndSealedWithTheNewOne()
    {
        var oldKey = key;
        var newKey = NewKey();
        var before = Create(userId: "alice", encryptionKey: oldKey);
        await before.SaveAsync(DraftKey, Secret);
        var savedAt = time.GetUtcNow();
        var sealedWithOldKey = js.Local[before.GetStorageKey(DraftKey)];
        time.Advance(TimeSpan.FromHours(1));

        var rotated = Create(userId: "alice", encryptionKey: newKey, previousKeys: new[] { oldKey });
        var draft = await rotated.TryLoadAsync(DraftKey);

        Assert.Equal(Secret, draft!.Content);
        Assert.Equal(savedAt, draft.SavedAt);
        var resealed = js.Local[rotated.GetStorageKey(DraftKey)];
        Assert.NotEqual(sealedWithOldKey, resealed);
        Assert.DoesNotContain(tag, resealed, StringComparison.Ordinal);

        // The new key alone now opens it; the old key alone no longer does.
        Assert.Equal(Secret, (await Create(userId: "alice", encryptionKey: newKey).TryLoadAsync(DraftKey))!.Content);
        Assert.Empty(problems);
        Assert.Null(await Create(userId: "alice", encryptionKey: oldKey).TryLoadAsync(DraftKey));
        Assert.Equal(DraftProblemKind.AuthenticationFailed, Assert.Single(problems).Kind);
    }

    [Fact]
    public async Task RotatedKey_SavingTheSameTextSealsItWithTheNewKey()
    {
        var oldKey = key;
        var newKey = NewKey();
        await Create(encryptionKey: oldKey).SaveAsync(DraftKey, Secret);
        var rotated = Create(encryptionKey: newKey, previousKeys: new[] { oldKey });

        await rotated.SaveAsync(DraftKey, Secret);

        Assert.Equal(2, js.CountCalls("localStorage.setItem"));
        Assert.Equal(Secret, (await Create(encryptionKey: newKey).TryLoadAsync(DraftKey))!.Content);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task PlaintextEntryOfTheFirstFormat_LoadsAndIsSealedAtOnce()
    {
        var storageKey = "SessionSafety.draft.user-" + UserHash("alice") + ":" + DraftKey;
        var savedAt = time.GetUtcNow().ToUnixTimeMilliseconds();

        // Exactly what version 1 of the store wrote (before encryption existed).
        js.SetItem(storageKey, $"{{\"v\":1,\"key\":\"{DraftKey}\",\"savedAt\":{savedAt},\"content\":\"{Secret}\",\"sha256\":\"{V1Checksum(DraftKey, Secret, savedAt)}\"}}");
        var store = Create(userId: "alice");
        Assert.Equal(storageKey, store.GetStorageKey(DraftKey));

        var draft = await store.TryLoadAsync(DraftKey);

        Assert.Equal(Secret, draft!.Content);
        Assert.Equal(savedAt, draft.SavedAt.ToUnixTimeMilliseconds());
        Assert.DoesNotContain(tag, js.Local[storageKey], StringComparison.Ordinal);
        Assert.Equal(2, (int)JsonNode.Parse(js.Local[storageKey])!["v"]!);
        Assert.Equal(Secret, (await store.TryLoadAsync(DraftKey))!.Content);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task PlaintextEntry_SavingTheSameTextSealsIt()
    {
        await Create(encrypted: false).SaveAsync(DraftKey, Secret);
        var store = Create();

        await store.SaveAsync(DraftKey, Secret);

        Assert.Equal(2, js.CountCalls("localStorage.setItem"));
        Assert.DoesNotContain(tag, js.Local[store.GetStorageKey(DraftKey)], StringComparison.Ordinal);
        Assert.Equal(Secret, (await store.TryLoadAsync(DraftKey))!.Content);
    }

    [Fact]
    public async Task PlaintextEntry_OnceUnencryptedDraftsAreNoLongerRead_IsSetAside()
    {
        await Create(encrypted: false).SaveAsync(DraftKey, "planted by whoever can write to localStorage");
        var store = Create(readUnencrypted: false);

        Assert.Null(await store.TryLoadAsync(DraftKey));
        Assert.Equal(DraftProblemKind.EncryptionMismatch, Assert.Single(problems).Kind);
    }

    [Fact]
    public async Task SealedEntry_InAStoreWithoutAKey_IsSetAsideNotThrown()
    {
        await Create().SaveAsync(DraftKey, Secret);
        var withoutKey = Create(encrypted: false);

        Assert.Null(await withoutKey.TryLoadAsync(DraftKey));
        Assert.Equal(DraftProblemKind.EncryptionMismatch, Assert.Single(problems).Kind);
    }

    [Fact]
    public async Task EntriesOfEitherCipher_AreRead()
    {
        await Create(cipher: nameof(DraftCipherKind.AesCbcHmacSha256)).SaveAsync("cbc", "written with CBC + HMAC");
        await Create(cipher: nameof(DraftCipherKind.AesGcm)).SaveAsync("gcm", "written with GCM");
        var store = Create();

        Assert.Equal("written with CBC + HMAC", (await store.TryLoadAsync("cbc"))!.Content);
        Assert.Equal("written with GCM", (await store.TryLoadAsync("gcm"))!.Content);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task ResealFailure_IsReportedAndTheDraftStillReturned()
    {
        await Create(encrypted: false).SaveAsync(DraftKey, Secret);
        var store = Create();
        var failing = new FailingSetItemJSRuntime(js);
        var overFailingStorage = new BrowserDraftStore(failing, new BrowserDraftStoreOptions { TimeProvider = time, EncryptionKey = key });
        overFailingStorage.Problem += (_, e) => problems.Add(e);

        Assert.Equal(Secret, (await overFailingStorage.TryLoadAsync(DraftKey))!.Content);
        Assert.Equal(DraftProblemKind.StorageFailure, Assert.Single(problems).Kind);
        Assert.Equal(Secret, (await store.TryLoadAsync(DraftKey))!.Content);
    }

    [Fact]
    public void KeyInTheBrowser_IsRefusedWhenTheStoreIsMade()
    {
        var options = new BrowserDraftStoreOptions { RunsInBrowser = true, EncryptionKey = key };

        var refused = Assert.Throws<PlatformNotSupportedException>(() => new BrowserDraftStore(js, options));

        Assert.Contains("no AES", refused.Message, StringComparison.Ordinal);
        Assert.Contains("protects nothing", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Blazor Server", refused.Message, StringComparison.Ordinal);
        Assert.Empty(js.Calls);
    }

    [Fact]
    public void PreviousKeysInTheBrowser_AreRefusedToo()
    {
        var options = new BrowserDraftStoreOptions { RunsInBrowser = true };
        options.PreviousEncryptionKeys.Add(key);

        Assert.Throws<PlatformNotSupportedException>(() => new BrowserDraftStore(js, options));
    }

    [Fact]
    public async Task BrowserStoreWithoutAKey_InTheBrowser_IsMadeAndWritesTheFirstFormat()
    {
        var wasm = new RecordingInProcessJSRuntime();
        var store = new BrowserDraftStore(wasm, new BrowserDraftStoreOptions { RunsInBrowser = true, TimeProvider = time });

        await store.SaveAsync(DraftKey, "typed in WebAssembly");

        Assert.False(store.IsEncrypted);
        Assert.Contains("\"v\":1", wasm.Local["SessionSafety.draft:" + DraftKey], StringComparison.Ordinal);
    }

    [Fact]
    public void KeyInTheBrowser_IsRefusedAtRegistration()
    {
        var services = new ServiceCollection();

        var refused = Assert.Throws<PlatformNotSupportedException>(() => services.AddSessionSafety(o => o.UseBrowserStorage(browser =>
        {
            browser.RunsInBrowser = true;
            browser.EncryptionKey = key;
        })));

        Assert.Contains("no AES", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registration_OnAServer_GivesEachCircuitAnEncryptedStoreOfItsUser()
    {
        var services = new ServiceCollection()
            .AddScoped<IJSRuntime>(_ => js)
            .AddSingleton<TimeProvider>(time)
            .AddSessionSafety(o =>
            {
                o.PerUser = true;
                o.DraftTimeToLive = TimeSpan.FromHours(2);
                o.UseBrowserStorage(browser =>
                {
                    browser.EncryptionKey = key;
                    browser.UserId = "ignored: the circuit's user wins";
                });
                o.UserId = _ => "alice";
            })
            .BuildServiceProvider();
        try
        {
            using var circuit = services.CreateScope();
            var store = Assert.IsType<BrowserDraftStore>(circuit.ServiceProvider.GetRequiredService<IDraftStore>());
            await store.SaveAsync(DraftKey, Secret);

            Assert.True(store.IsEncrypted);
            Assert.Equal("alice", store.UserId);
            Assert.Equal(TimeSpan.FromHours(2), store.TimeToLive);
            Assert.DoesNotContain(tag, Assert.Single(js.Local.Values), StringComparison.Ordinal);
            Assert.Equal(Secret, (await Create(userId: "alice").TryLoadAsync(DraftKey))!.Content);
        }
        finally
        {
            ServerHost.ForgetPerUser();
        }
    }

    private static DraftEncryptionKey NewKey() => DraftEncryptionKey.FromBytes(DraftEncryptionKey.GenerateKeyBytes());

    private static bool Contains(byte[] haystack, byte[] needle)
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

    private static byte[] SealedBytes(string raw) => Convert.FromBase64String((string)JsonNode.Parse(raw)!["sealed"]!);

    private static string WithField(string raw, string name, JsonNode? value)
    {
        var entry = JsonNode.Parse(raw)!.AsObject();
        entry[name] = value;
        return entry.ToJsonString();
    }

    private static string UserHash(string userId) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.Unicode.GetBytes(userId))).ToLowerInvariant().Substring(0, 32);

    private static string V1Checksum(string draftKey, string content, long savedAt) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.Unicode.GetBytes($"{savedAt}\n{draftKey.Length}\n{draftKey}{content}"))).ToLowerInvariant();

    /// <summary>A store over the test's storage, sealing with <paramref name="encryptionKey"/> (the test's key by default) unless not <paramref name="encrypted"/>.</summary>
    private BrowserDraftStore Create(
        string? userId = null,
        string? cipher = null,
        DraftEncryptionKey? encryptionKey = null,
        IEnumerable<DraftEncryptionKey>? previousKeys = null,
        bool readUnencrypted = true,
        bool encrypted = true)
    {
        var options = new BrowserDraftStoreOptions
        {
            TimeProvider = time,
            UserId = userId,
            EncryptionKey = encrypted ? encryptionKey ?? key : null,
            ReadUnencryptedDrafts = readUnencrypted,
        };
        foreach (var previous in previousKeys ?? Array.Empty<DraftEncryptionKey>())
        {
            options.PreviousEncryptionKeys.Add(previous);
        }

        var store = new BrowserDraftStore(js, options);
        if (cipher is not null)
        {
            store.Cipher = Enum.Parse<DraftCipherKind>(cipher);
        }

        store.Problem += (_, e) => problems.Add(e);
        return store;
    }

    /// <summary>Reads from the browser's storage, fails every write (a full quota).</summary>
    private sealed class FailingSetItemJSRuntime(RecordingJSRuntime inner) : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            InvokeAsync<TValue>(identifier, default, args);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, System.Threading.CancellationToken cancellationToken, object?[]? args) =>
            identifier.EndsWith(".setItem", StringComparison.Ordinal)
                ? ValueTask.FromException<TValue>(new JSException("QuotaExceededError"))
                : inner.InvokeAsync<TValue>(identifier, cancellationToken, args);
    }
}
