using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SessionSafety.Benchmarks.Measurement;

/// <summary>One file's options: an object of its own over (possibly shared) values, as the compiler makes one per file.</summary>
internal sealed class DictionaryOptions : AnalyzerConfigOptions
{
    private readonly IReadOnlyDictionary<string, string> values;

    public DictionaryOptions(IReadOnlyDictionary<string, string> values)
    {
        this.values = values;
    }

    public override IEnumerable<string> Keys => values.Keys;

    public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
}
