using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;
using SessionSafety;

namespace SessionSafety.Docs.BlazorServer;

public static class Program
{
    // <blazor-server-program>
    public static void AddServices(WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();

        // The drafts' key stays on the server (its configuration or key vault; the same on every instance
        // and across restarts). The store's code runs here too, so the browser holds only ciphertext.
        var draftKey = DraftEncryptionKey.FromBase64(builder.Configuration["SessionSafety:DraftKey"]
            ?? throw new InvalidOperationException("Set SessionSafety:DraftKey: 32 random bytes, Base64."));

        // One browser store (localStorage) per circuit: each user's drafts stay in that user's browser,
        // under keys of the signed-in user's own, sealed for that user and key: on a shared browser,
        // accounts never see each other's. Store, guard and session recovery are per circuit.
        builder.Services.AddSessionSafety(options =>
        {
            options.UseBrowserStorage(browser => browser.EncryptionKey = draftKey);
            options.UserId = CircuitUser.IdOf;
        });

        // Makes the circuit's store and guard the ambient DraftStore.Default and DraftGuard.Default
        // during each of its events, so the code that SessionSafety's fixes generate uses them.
        builder.Services.AddScoped<CircuitHandler, SessionSafetyCircuitHandler>();
    }
    // </blazor-server-program>
}

// <blazor-server-user>
public static class CircuitUser
{
    // The circuit's signed-in user. Blazor sets the circuit's authentication state before it makes
    // its components (and so the draft store), so the task has completed by then.
    public static string? IdOf(IServiceProvider circuitServices)
    {
        try
        {
            var state = circuitServices.GetService<AuthenticationStateProvider>()?.GetAuthenticationStateAsync();
            return state is { IsCompletedSuccessfully: true } ? SessionSafetyOptions.UserIdOf(state.Result.User) : null;
        }
        catch (InvalidOperationException)
        {
            return null; // no authentication state yet (prerendering without authentication)
        }
    }

    // At sign-out, before leaving the page: a shared browser keeps localStorage, so the user's
    // drafts go with them.
    public static async Task ForgetDraftsAsync(IDraftStore drafts)
    {
        if (drafts is BrowserDraftStore browser)
        {
            await browser.ClearAsync();
        }
    }
}
// </blazor-server-user>

// <blazor-server-circuit>
public sealed class SessionSafetyCircuitHandler(IServiceProvider circuitServices) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(
        Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            using (SessionSafetyScope.Begin(circuitServices))
            {
                await next(context);
            }
        };
}
// </blazor-server-circuit>

// <blazor-compose>
// The @code block of Compose.razor (markup: an <InputTextArea> bound to Body, a Send button, and
// @if (SignInAgain) { <p>Your session has expired. Sign in again: your text is kept.</p> }).
public partial class Compose : ComponentBase, IAsyncDisposable
{
    private const string DraftKey = "Compose.SendAsync";
    private DraftAutosave<Message>? autosave;
    private Message message = new("", "");

    // Shown by the markup: "Your session has expired. Sign in again: your text is kept."
    protected bool SignInAgain { get; private set; }

    [Inject] public HttpClient Http { get; set; } = default!;
    [Inject] public DraftGuard Guard { get; set; } = default!;
    [Inject] public IDraftStore Drafts { get; set; } = default!;

    public string Body
    {
        get => message.Body;
        set
        {
            message = message with { Body = value };
            autosave?.Update(message); // saved 400 ms after the last keystroke
        }
    }

    protected override void OnInitialized()
    {
        autosave = new DraftAutosave<Message>(Drafts, DraftKey);
        Guard.SessionExpired += OnSessionExpired;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // localStorage is reachable once the circuit is interactive, not while prerendering.
        if (firstRender && await Drafts.LoadAsync<Message>(DraftKey) is { } kept)
        {
            message = kept;
            StateHasChanged();
        }
    }

    protected async Task SendAsync()
    {
        await autosave!.FlushAsync();
        using var response = await Guard.SendAsync(DraftKey, message, draft => Http.PostAsJsonAsync("api/messages", draft));
        if (response.IsSuccessStatusCode)
        {
            message = new("", "");
        }
    }

    private void OnSessionExpired(object? sender, SessionExpiredEventArgs e)
    {
        // Raised on the renderer's context: no navigation, the page and the text stay.
        SignInAgain = true;
        StateHasChanged();
    }

    public async ValueTask DisposeAsync()
    {
        Guard.SessionExpired -= OnSessionExpired;
        if (autosave is not null)
        {
            await autosave.DisposeAsync();
        }
    }
}
// </blazor-compose>
