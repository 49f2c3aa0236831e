using System.Net;
using System.Net.Http.Json;

namespace SessionSafety.Sample.Services;

public sealed record Message(string To, string Body);

/// <summary>A typed client as real apps write them: some saves handle an expired session, one does not.</summary>
public sealed class MessagesClient(HttpClient http)
{
    /// <summary>SESS001: a failed save is only "not successful"; the message is gone.</summary>
    public async Task<bool> SendAsync(Message message)
    {
        var response = await http.PostAsJsonAsync("api/messages", message);
        return response.IsSuccessStatusCode;
    }

    /// <summary>Handled: 401/403 is told apart, so the caller can keep the text and ask to sign in.</summary>
    public async Task<SaveResult> SaveDraftAsync(Message message)
    {
        using var response = await http.PutAsJsonAsync("api/drafts", message);
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => SaveResult.SessionExpired,
            _ when response.IsSuccessStatusCode => SaveResult.Saved,
            _ => SaveResult.Failed,
        };
    }

    /// <summary>Not a save: GET carries no user input.</summary>
    public Task<Message[]?> InboxAsync() => http.GetFromJsonAsync<Message[]>("api/messages");

    /// <summary>Not flagged: the response is returned, so the caller is responsible.</summary>
    public Task<HttpResponseMessage> ForwardAsync(Message message) => http.PostAsJsonAsync("api/forward", message);
}

public enum SaveResult
{
    Saved,
    SessionExpired,
    Failed,
}
