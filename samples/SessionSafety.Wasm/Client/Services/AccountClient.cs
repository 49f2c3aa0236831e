using System.Net.Http.Json;

namespace SessionSafety.Wasm.Client.Services;

/// <summary>The host's account endpoints: who is signed in, the dialog's sign-in, sign-out.</summary>
/// <remarks>Each answer about the signed-in user also tells <see cref="DraftOwner"/> whose drafts to keep.</remarks>
public sealed class AccountClient(HttpClient http, DraftOwner drafts)
{
    public async Task<string?> WhoAmIAsync()
    {
        var name = (await http.GetFromJsonAsync<Me>("api/account/me"))?.Name;
        if (name is null)
        {
            drafts.NobodySignedIn();
        }
        else
        {
            await drafts.SignedInAsync(name);
        }

        return name;
    }

    public async Task<bool> SignInAsync(string userName, string password)
    {
        using var response = await http.PostAsJsonAsync("api/account/signin", new { userName, password });
        if (response.IsSuccessStatusCode)
        {
            await drafts.SignedInAsync(userName);
        }

        return response.IsSuccessStatusCode;
    }

    /// <summary>
    /// Signs out and removes the user's drafts from this browser first: the next person to sign in on this
    /// browser must not find them.
    /// </summary>
    public async Task SignOutAsync()
    {
        await drafts.SignedOutAsync();
        using var response = await http.PostAsync("api/account/signout", content: null);
    }

    private sealed record Me(string? Name);
}
