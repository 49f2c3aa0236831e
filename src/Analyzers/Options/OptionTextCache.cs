using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SessionSafety.Analyzers.Options;

/// <summary>
/// Values a rule parses from one or two options, cached by the options' text rather than by the options
/// object: a build gives every file an options object of its own (the compiler wraps each file's
/// .editorconfig settings anew), so a cache keyed by the object parsed the same text again for every file.
/// An absent option and one set to some text are different keys.
/// </summary>
internal sealed class OptionTextCache<T>
{
    private readonly ConcurrentDictionary<(string? First, string? Second), T> values = new();
    private readonly IOptionDefinition first;
    private readonly IOptionDefinition? second;
    private readonly Func<AnalyzerConfigOptions, T> parse;

    /// <param name="parse">Makes the value from options that hold the texts of the key; it must read no other option.</param>
    public OptionTextCache(IOptionDefinition first, IOptionDefinition? second, Func<AnalyzerConfigOptions, T> parse)
    {
        this.first = first;
        this.second = second;
        this.parse = parse;
    }

    public T Get(AnalyzerConfigOptions options)
    {
        var key = (Text(options, first), second is null ? null : Text(options, second));

        // Parsing twice under a race is harmless: the same text gives the same value.
        return values.TryGetValue(key, out var known) ? known : values.GetOrAdd(key, parse(options));
    }

    private static string? Text(AnalyzerConfigOptions options, IOptionDefinition option) =>
        options.TryGetValue(option.Key, out var text) ? text : null;
}
