using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using SessionSafety.Runtime.Tests.Infrastructure;

namespace SessionSafety.Runtime.Tests;

/// <summary>Whatever the key, the draft's file is directly inside the store's folder.</summary>
public sealed class HostileKeyTests : IDisposable
{
    private static readonly Regex DraftFileName = new("^[0-9a-f]{64}\\.draft$");

    private readonly TempDirectory temp = new();

    private static readonly string[] KeyList =
    {
        "../../x",
        "..\\..\\x",
        "../../../../../../../../etc/passwd",
        "x/../../y",
        "/etc/passwd",
        "/tmp/escape",
        "C:\\Windows\\win.ini",
        "\\\\server\\share\\x",
        "~/escape",
        "%2e%2e%2fescape",
        ".",
        "..",
        "",
        " ",
        new string('k', 10_000),
        new string('/', 5_000),
        "a\0b",
        "\0",
        "ключ 🔑 字",
        "lone \uD800 surrogate",
        "CON",
        "NUL",
        "nul.txt",
        "COM1",
        "LPT1",
        "AUX",
        "PRN.draft",
        "trailing dot.",
        "trailing space ",
        "a:b|c*d?e\"f<g>h",
    };

    public static TheoryData<string> Keys
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var key in KeyList)
            {
                data.Add(key);
            }

            return data;
        }
    }

    public void Dispose() => temp.Dispose();

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task HostileKey_StaysInsideTheStoreFolder(string key)
    {
        var folder = temp.Combine("sandbox", "store");
        var store = new FileDraftStore(folder);

        await store.SaveAsync(key, "content of " + key.Length);

        Assert.Equal(folder, Path.GetDirectoryName(store.GetPath(key)));
        Assert.Matches(DraftFileName, Path.GetFileName(store.GetPath(key)));
        Assert.Equal("content of " + key.Length, (await store.TryLoadAsync(key))!.Content);
        Assert.Equal(key, Assert.Single(await store.ListAsync()).Key);
        AssertOnlyDraftFilesInside(folder);
        Assert.True(await store.RemoveAsync(key));
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task AllHostileKeysTogether_AreDistinctAndContained()
    {
        var folder = temp.Combine("sandbox", "store");
        var store = new FileDraftStore(folder);
        var keys = KeyList;

        foreach (var key in keys)
        {
            await store.SaveAsync(key, "value:" + key);
        }

        foreach (var key in keys)
        {
            Assert.Equal("value:" + key, (await store.TryLoadAsync(key))!.Content);
        }

        Assert.Equal(keys.OrderBy(k => k, StringComparer.Ordinal), (await store.ListAsync()).Select(d => d.Key));
        Assert.Equal(keys.Length, Directory.GetFiles(folder).Length);
        AssertOnlyDraftFilesInside(folder);
    }

    [Fact]
    public void KeysThatDifferOnlyInALoneSurrogate_GetDifferentFiles()
    {
        var store = new FileDraftStore(temp.Combine("store"));

        // UTF-8 would turn both into U+FFFD; the file name is taken from the UTF-16 code units.
        Assert.NotEqual(store.GetPath("k\uD800"), store.GetPath("k\uD801"));
        Assert.NotEqual(store.GetPath("k\uD800"), store.GetPath("k\uFFFD"));
    }

    private void AssertOnlyDraftFilesInside(string folder)
    {
        // Nothing anywhere under the temp root but the store folder and its draft files.
        var everything = Directory.GetFileSystemEntries(temp.Path, "*", SearchOption.AllDirectories);
        foreach (var entry in everything)
        {
            if (Directory.Exists(entry))
            {
                Assert.True(entry == folder || entry == Path.GetDirectoryName(folder), $"unexpected folder {entry}");
            }
            else
            {
                Assert.Equal(folder, Path.GetDirectoryName(entry));
                Assert.Matches(DraftFileName, Path.GetFileName(entry));
            }
        }
    }
}
