using System.Net.Http.Json;

namespace SessionSafety.Wasm.Client.Services;

/// <summary>The host's account endpoints: who is signed in, the dialog's sign-in, sign-out.</summary>
public sealed class AccountClient(HttpClient http, IDraftStore drafts)
{
    public async Task<string?> WhoAmIAsync() =>
        (await http.GetFromJsonAsync<Me>("api/account/me"))?.Name;

    public async Task<bool> SignInAsync(string userName, string password)
    {
        using var response = await http.PostAsJsonAsync("api/account/signin", new { userName, password });
        return response.IsSuccessStatusCode;
    }

    /// <summary>
    /// Signs out and removes this browser's drafts first: the next person to sign in on this browser must
    /// not find them.
    /// </summary>
    public async Task SignOutAsync()
    {
        // Today's runtime has no "clear on sign-out": every draft is listed and removed. Issue #18 adds
        // per-user partitions and a clear call; this is the one place to switch to it.
        foreach (var draft in await drafts.ListAsync())
        {
            await drafts.RemoveAsync(draft.Key);
        }

        using var response = await http.PostAsync("api/account/signout", content: null);
    }

    private sealed record Me(string? Name);
}
