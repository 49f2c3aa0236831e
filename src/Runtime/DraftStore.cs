using System;
using System.Threading;

namespace SessionSafety;

/// <summary>The default draft store, chosen by platform, and the factories of the others.</summary>
public static class DraftStore
{
    private static IDraftStore? defaultStore;

    /// <summary>The store the generated code uses; set it at start-up to choose another.</summary>
    public static IDraftStore Default
    {
        get => LazyInitializer.EnsureInitialized(ref defaultStore, () => new InMemoryDraftStore())!;
        set => defaultStore = value ?? throw new ArgumentNullException(nameof(value));
    }
}
