using System;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace SessionSafety;

/// <summary>
/// Wraps one save: stores the draft before sending; removes it on a confirmed success; keeps it and
/// raises <see cref="SessionExpired"/> on 401, 403 or a redirect to the login page; keeps it and lets
/// the error surface on any other failure. This is what SESS001's code fix calls.
/// </summary>
public sealed class DraftGuard
{
    private static DraftGuard? defaultGuard;

    private readonly IDraftStore store;

    /// <summary>Creates a guard over <paramref name="store"/>.</summary>
    public DraftGuard(IDraftStore store)
    {
        this.store = store ?? throw new ArgumentNullException(nameof(store));
    }

    /// <summary>The guard the generated code uses; set it at start-up to choose the store.</summary>
    public static DraftGuard Default
    {
        get => LazyInitializer.EnsureInitialized(ref defaultGuard, () => new DraftGuard(DraftStore.Default))!;
        set => defaultGuard = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Raised when a save met an expired session; the draft is kept.</summary>
    public event EventHandler<SessionExpiredEventArgs>? SessionExpired;

    /// <summary>The store the drafts go to.</summary>
    public IDraftStore Store => store;

    /// <summary>
    /// Sends <paramref name="payload"/> through <paramref name="send"/>, keeping it as a draft under
    /// <paramref name="draftKey"/> until the server confirms it. The payload is evaluated once by the
    /// caller and handed to <paramref name="send"/>. Returns the server's response; a 200 that arrived
    /// by redirect at a login page is returned as 401 so that success checks do not mistake it.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync<TPayload>(
        string draftKey,
        TPayload payload,
        Func<TPayload, Task<HttpResponseMessage>> send,
        CancellationToken cancellationToken = default)
    {
        if (draftKey is null)
        {
            throw new ArgumentNullException(nameof(draftKey));
        }

        if (send is null)
        {
            throw new ArgumentNullException(nameof(send));
        }

        var content = await DraftContent.ToTextAsync(payload).ConfigureAwait(false);
        await store.SaveAsync(draftKey, content, cancellationToken).ConfigureAwait(false);

        var response = await send(payload).ConfigureAwait(false);
        if (LoginPage.IsLoginRedirect(response))
        {
            response.StatusCode = HttpStatusCode.Unauthorized;
            response.ReasonPhrase = "Session expired (redirected to the login page)";
        }

        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            SessionExpired?.Invoke(this, new SessionExpiredEventArgs(draftKey, response.StatusCode, response.RequestMessage?.RequestUri));
        }
        else if (response.IsSuccessStatusCode)
        {
            await store.RemoveAsync(draftKey, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }
}

/// <summary>Turns a payload into the text that is stored as its draft.</summary>
internal static class DraftContent
{
    public static async Task<string> ToTextAsync<TPayload>(TPayload payload) => payload switch
    {
        null => "null",
        string text => text,
        HttpContent content => await ReadAsync(content).ConfigureAwait(false),
        HttpRequestMessage request => request.Content is null ? string.Empty : await ReadAsync(request.Content).ConfigureAwait(false),
        _ => JsonSerializer.Serialize(payload),
    };

    private static async Task<string> ReadAsync(HttpContent content)
    {
        // Buffering keeps the content readable for the send that follows.
        await content.LoadIntoBufferAsync().ConfigureAwait(false);
        return await content.ReadAsStringAsync().ConfigureAwait(false);
    }
}

/// <summary>Recognises a response that is the login page a redirect ended on.</summary>
internal static class LoginPage
{
    private static readonly string[] Segments = { "login", "signin", "sign-in", "log-in", "logon" };

    public static bool IsLoginRedirect(HttpResponseMessage response)
    {
        var finalUri = response.RequestMessage?.RequestUri;
        if (finalUri is null || !response.IsSuccessStatusCode)
        {
            return false;
        }

        foreach (var segment in finalUri.AbsolutePath.Split('/'))
        {
            foreach (var login in Segments)
            {
                if (string.Equals(segment, login, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
