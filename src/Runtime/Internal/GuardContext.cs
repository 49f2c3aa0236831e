using System;
using System.Threading;

namespace SessionSafety.Internal;

/// <summary>The draft a guarded send is keeping, visible to the recovery handler below it.</summary>
internal static class GuardContext
{
    private static readonly AsyncLocal<Entry?> Current = new();

    public static Entry? Value => Current.Value;

    public static IDisposable Enter(string key, IDraftStore store, bool kept)
    {
        var previous = Current.Value;
        Current.Value = new Entry(key, store, kept);
        return new Restorer(previous);
    }

    internal sealed class Entry
    {
        public Entry(string key, IDraftStore store, bool kept)
        {
            Key = key;
            Store = store;
            Kept = kept;
        }

        public string Key { get; }

        public IDraftStore Store { get; }

        /// <summary>Whether the store confirmed it holds the draft (it may have failed: disk full, too large).</summary>
        public bool Kept { get; }

        /// <summary>
        /// Whether a <see cref="SessionRecoveryHandler"/> sent the request: in the browser it told fetch not
        /// to follow redirects, so a 2xx is the save's own answer, not the login page's.
        /// </summary>
        public bool SeenByRecovery { get; set; }
    }

    private sealed class Restorer : IDisposable
    {
        private readonly Entry? previous;

        public Restorer(Entry? previous) => this.previous = previous;

        public void Dispose() => Current.Value = previous;
    }
}
