using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SessionSafety.Analyzers.Options;

/// <summary>
/// One <c>session_safety.*</c> option: its key, its default and its parser, declared once. Reading
/// never throws: a value that does not parse yields the default (SESS000 reports it).
/// </summary>
public sealed class OptionDefinition<T> : IOptionDefinition
{
    private readonly TryParse parse;

    public OptionDefinition(string key, T defaultValue, string defaultText, string expected, TryParse parse)
    {
        Key = key;
        Default = defaultValue;
        DefaultText = defaultText;
        Expected = expected;
        this.parse = parse;
    }

    public delegate bool TryParse(string text, out T value);

    public string Key { get; }

    public T Default { get; }

    public string DefaultText { get; }

    public string Expected { get; }

    public bool IsValid(string text) => SafeParse(text, out _);

    /// <summary>The value for the given options, or the default when it is absent or unreadable.</summary>
    public T Read(AnalyzerConfigOptions options) => Parse(Text(options));

    /// <summary>The option's text in the given options, or null when it is not set.</summary>
    public string? Text(AnalyzerConfigOptions options) => options.TryGetValue(Key, out var text) ? text : null;

    /// <summary>The value a text gives (null: not set), or the default when it is absent or unreadable.</summary>
    public T Parse(string? text) => text is not null && SafeParse(text, out var value) ? value : Default;

    private bool SafeParse(string text, out T value)
    {
        try
        {
            return parse(text.Trim(), out value);
        }
        catch (Exception)
        {
            // A parser must never take an analyzer down; an exception is just an unreadable value.
            value = Default;
            return false;
        }
    }
}
