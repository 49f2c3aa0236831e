using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.JSInterop;
using OpenQA.Selenium;

namespace SessionSafety.BrowserTests;

/// <summary>What the runtime's browser store keeps in a page's localStorage, and how the tests read it.</summary>
public static class DraftStorage
{
    /// <summary>The prefix of every storage key of the runtime's browser store (drafts, partitions, set-aside entries).</summary>
    public const string DraftPrefix = "SessionSafety.draft";

    /// <summary>The draft key of both apps' recommended compose page.</summary>
    public const string ComposeDraftKey = "Compose.SendAsync";

    /// <summary>
    /// The storage key of <paramref name="user"/>'s draft of the recommended compose page (the browser's own,
    /// without a user): the browser store keeps each user's drafts under keys of their own, named by the first
    /// 128 bits of the SHA-256 of the user id's UTF-16 code units (the apps' user id is the user name).
    /// Computed here independently, so that a change of the format shows.
    /// </summary>
    public static string ComposeDraft(string? user) => Partition(user) + ":" + ComposeDraftKey;

    /// <summary>The start of every storage key of <paramref name="user"/>'s entries (drafts and set-aside ones).</summary>
    public static string Partition(string? user) =>
        user is null ? DraftPrefix : $"{DraftPrefix}.user-{Convert.ToHexStringLower(SHA256.HashData(Encoding.Unicode.GetBytes(user)))[..32]}";

    /// <summary>Every key of the runtime's drafts in this browser's localStorage.</summary>
    public static string[] DraftKeys(this IWebDriver browser) =>
        browser.LocalStorageKeys().Where(k => k.StartsWith(DraftPrefix, StringComparison.Ordinal)).ToArray();

    /// <summary>Every value in this browser's localStorage, whoever wrote it: what script on the page (or anyone with the developer tools) can read.</summary>
    public static string[] LocalStorageValues(this IWebDriver browser) =>
        browser.LocalStorageKeys().Select(k => browser.LocalStorage(k) ?? string.Empty).ToArray();

    /// <summary>
    /// A long message, unique to the test (the hosts' records are shared by the tests of a run), without
    /// characters that JSON would escape, so it can be looked for in the stored text as typed.
    /// </summary>
    public static string LongMessage(string test) =>
        $"[{test} {Guid.NewGuid():N}] " + string.Concat(Enumerable.Repeat("Forty minutes of careful writing, and then the session expired. ", 12));

    /// <summary>
    /// The body of the compose draft under <paramref name="draftKey"/> of <paramref name="user"/>, opened the
    /// way the Blazor Server app opens it: by the runtime's store, with the server's key, reading the page's
    /// localStorage. Null when there is none or it does not open (sealed with another key or for another
    /// user, altered, or not sealed at all: unencrypted entries are refused here).
    /// </summary>
    public static string? OpenSealedDraft(this IWebDriver browser, DraftEncryptionKey serverKey, string? user, string draftKey = ComposeDraftKey)
    {
        var options = new BrowserDraftStoreOptions { EncryptionKey = serverKey, UserId = user, ReadUnencryptedDrafts = false };
        var draft = new BrowserDraftStore(new PageStorage(browser), options).TryLoadAsync(draftKey).AsTask().GetAwaiter().GetResult();
        if (draft is null)
        {
            return null;
        }

        using var message = JsonDocument.Parse(draft.Content);
        return message.RootElement.GetProperty("body").GetString();
    }

    /// <summary>The page's Web Storage as <see cref="IJSRuntime"/> calls it (<c>localStorage.getItem</c> …), through Selenium.</summary>
    private sealed class PageStorage(IWebDriver browser) : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            InvokeAsync<TValue>(identifier, CancellationToken.None, args);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
        {
            var dot = identifier.IndexOf('.', StringComparison.Ordinal);
            object?[] call = [identifier[..dot], identifier[(dot + 1)..], .. args ?? []];
            var result = ((IJavaScriptExecutor)browser).ExecuteScript("const [storage, name, ...rest] = arguments; return window[storage][name](...rest);", call);
            return new ValueTask<TValue>((TValue)result!);
        }
    }
}
