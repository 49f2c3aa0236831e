using Microsoft.JSInterop;

namespace SessionSafety.Wasm.Client.Services;

/// <summary>
/// Whose drafts the browser store keeps: the user signed in on this browser. The store keeps each user's
/// drafts under keys of their own (<see cref="BrowserDraftStore.UserId"/>); this decides which user that is,
/// and removes a previous user's drafts when someone else signs in — localStorage holds plaintext that
/// anyone at this browser can read with the developer tools, so one person's text must not wait there for
/// the next.
/// </summary>
/// <remarks>
/// The last user to sign in on this browser is remembered (by name, in localStorage) so that a reload after
/// their session expired still finds their draft: the host no longer says who they are until they sign in.
/// </remarks>
public sealed class DraftOwner(IDraftStore drafts, IJSRuntime js)
{
    /// <summary>Outside the store's own keys (SessionSafety.draft…), so clearing drafts leaves it alone.</summary>
    private const string LastUserKey = "SessionSafety.Wasm.lastUser";

    private BrowserDraftStore Store => (BrowserDraftStore)drafts;

    private IJSInProcessRuntime Storage => (IJSInProcessRuntime)js;

    /// <summary>
    /// <paramref name="user"/> is signed in (the host said so, or the dialog's sign-in succeeded). If the
    /// browser's drafts are another user's — they left without signing out — those are removed first.
    /// </summary>
    public async Task SignedInAsync(string user)
    {
        var last = Storage.Invoke<string?>("localStorage.getItem", LastUserKey);
        if (last is not null && last != user)
        {
            // Only the last user's drafts can be here: every change of user passes this point.
            await Store.ClearAllAsync();
        }

        Store.UserId = user;
        Storage.InvokeVoid("localStorage.setItem", LastUserKey, user);
    }

    /// <summary>
    /// The host knows nobody: the session expired, or nobody has signed in. The drafts stay the last user's,
    /// so that their text comes back on a reload; they reach the server only after that user signs in again.
    /// </summary>
    public void NobodySignedIn() => Store.UserId = Storage.Invoke<string?>("localStorage.getItem", LastUserKey);

    /// <summary>The user signs out: their drafts leave this browser with them.</summary>
    public async Task SignedOutAsync()
    {
        await Store.ClearAsync();
        Storage.InvokeVoid("localStorage.removeItem", LastUserKey);
        Store.UserId = null;
    }
}
