using System;
using System.Net.Http;
using System.Threading.Tasks;
using SessionSafety;

namespace SessionSafety.Docs.Desktop;

// <desktop>
// A WPF or WinForms view model. Create it on the UI thread: the monitor's events and the guard's
// SessionExpired then arrive on that thread, so handlers may show a dialog directly.
public sealed class ComposeViewModel : IDisposable
{
    private const string DraftKey = "Compose.SendAsync";
    private readonly HttpClient http;
    private readonly DraftAutosave<string> autosave;
    private readonly SessionExpiryMonitor monitor;
    private string body = "";

    public ComposeViewModel(HttpClient http, TimeSpan sessionIdleTimeout)
    {
        this.http = http;
        autosave = new DraftAutosave<string>(DraftStore.Default, DraftKey);
        monitor = new SessionExpiryMonitor(new SessionExpiryOptions { IdleTimeout = sessionIdleTimeout });
        monitor.Expiring += (_, e) => Warning = $"Your session ends at {e.ExpiresAt:t}. Your text is saved on this PC.";
        monitor.Expired += (_, _) => SignInRequired?.Invoke(this, EventArgs.Empty);
        DraftGuard.Default.SessionExpired += OnSessionExpired;
        monitor.Start();
    }

    public event EventHandler? SignInRequired;

    public string? Warning { get; private set; }

    public string Body
    {
        get => body;
        set
        {
            body = value;
            autosave.Update(value);
        }
    }

    public async Task RestoreAsync() => body = (await DraftStore.Default.TryLoadAsync(DraftKey))?.Content ?? body;

    public async Task<bool> SendAsync()
    {
        using var response = await DraftGuard.Default.SendAsync(
            DraftKey, Body, text => http.PostAsync("api/messages", new StringContent(text)));
        if (response.IsSuccessStatusCode)
        {
            monitor.RecordActivity(); // the server saw us: a sliding session was extended
        }

        return response.IsSuccessStatusCode;
    }

    public void Dispose()
    {
        DraftGuard.Default.SessionExpired -= OnSessionExpired;
        autosave.Dispose(); // saves what was typed in the last 400 ms
        monitor.Dispose();
    }

    private void OnSessionExpired(object? sender, SessionExpiredEventArgs e) => SignInRequired?.Invoke(this, EventArgs.Empty);
}

// App start-up (App.OnStartup, or Program.Main for WinForms):
public static class DesktopStartup
{
    public static void Configure(byte[] draftKeyFromTheOsKeyStore) =>
        DraftStore.Default = new FileDraftStore(new FileDraftStoreOptions
        {
            // Directory: DraftStore.DefaultDirectory (%LOCALAPPDATA%\SessionSafety\<app>\drafts) when not set.
            EncryptionKey = DraftEncryptionKey.FromBytes(draftKeyFromTheOsKeyStore),
        });
}
// </desktop>
