using System;
using System.Threading;

namespace SessionSafety.Internal;

/// <summary>The draft a guarded send is keeping, visible to the recovery handler below it.</summary>
internal static class GuardContext
{
    private static readonly AsyncLocal<Entry?> Current = new();

    public static Entry? Value => Current.Value;

    public static IDisposable Enter(string key, IDraftStore store)
    {
        var previous = Current.Value;
        Current.Value = new Entry(key, store);
        return new Restorer(previous);
    }

    internal sealed class Entry
    {
        public Entry(string key, IDraftStore store)
        {
            Key = key;
            Store = store;
        }

        public string Key { get; }

        public IDraftStore Store { get; }
    }

    private sealed class Restorer : IDisposable
    {
        private readonly Entry? previous;

        public Restorer(Entry? previous) => this.previous = previous;

        public void Dispose() => Current.Value = previous;
    }
}
