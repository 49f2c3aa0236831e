using System.Collections.Generic;
using System.Linq;

namespace SessionSafety.Benchmarks.Corpus;

/// <summary>The generated application: its files and what was planted in it.</summary>
public sealed class Corpus
{
    public Corpus(IReadOnlyList<CorpusFile> files, IReadOnlyList<string> razorSources, IReadOnlyDictionary<string, int> planted, IReadOnlyDictionary<string, int> calls, int units)
    {
        Files = files;
        RazorSources = razorSources;
        Planted = planted;
        Calls = calls;
        Units = units;
    }

    public IReadOnlyList<CorpusFile> Files { get; }

    /// <summary>
    /// The components' .razor files, which a Blazor build hands to analyzers as additional files (the
    /// rules look a Razor tree's options up through them).
    /// </summary>
    public IReadOnlyList<string> RazorSources { get; }

    /// <summary>How many diagnostics of each rule the generator meant to plant (the rules decide; this is a cross-check).</summary>
    public IReadOnlyDictionary<string, int> Planted { get; }

    /// <summary>HTTP calls by kind (GET, DELETE, save handled, save unhandled), for the realism of the mix.</summary>
    public IReadOnlyDictionary<string, int> Calls { get; }

    public int Units { get; }

    public int Lines => Files.Sum(f => f.LineCount);
}
