namespace SessionSafety.Internal;

/// <summary>
/// A store that can do its work without awaiting (files, memory, the in-process browser runtime), so
/// that synchronous callers — an MVC action, a Dispose — never block on an asynchronous operation.
/// </summary>
internal interface ISynchronousDraftStore
{
    /// <summary>Whether the synchronous path is available right now.</summary>
    bool CanSaveSynchronously { get; }

    void Save(string key, string content);
}
