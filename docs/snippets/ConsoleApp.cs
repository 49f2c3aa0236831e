using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;
using SessionSafety;

namespace SessionSafety.Docs;

public sealed record Message(string Subject, string Body);

public static class ConsoleApp
{
    // <console>
    public static async Task<int> RunAsync(Uri api, string draftFolder, Func<string> readBody)
    {
        // One user per process: the static defaults are the right place for the store.
        DraftStore.Default = new FileDraftStore(draftFolder);
        DraftGuard.Default.SessionExpired += (_, e) =>
            Console.Error.WriteLine($"Your session has expired. Sign in again: your text is kept ({e.DraftKey}).");

        using var http = new HttpClient { BaseAddress = api };

        // A draft kept by an earlier run (whose session had expired) is sent instead of asking again.
        var message = await DraftStore.Default.LoadAsync<Message>("Console.Send")
            ?? new Message("Report", readBody());

        using var response = await DraftGuard.Default.SendAsync(
            "Console.Send", message, draft => http.PostAsJsonAsync("api/messages", draft));
        return response.IsSuccessStatusCode ? 0 : 1;
    }
    // </console>
}
