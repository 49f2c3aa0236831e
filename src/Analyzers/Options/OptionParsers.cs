using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SessionSafety.Analyzers.Options;

/// <summary>The parsers behind the option definitions. Each one accepts exactly what its docs say.</summary>
public static class OptionParsers
{
    private static readonly char[] ListSeparators = { '|', ',', ';' };

    private static readonly Regex QualifiedName = new(
        @"^(global::)?[\p{L}_][\p{L}\p{Nd}_]*(\.[\p{L}_][\p{L}\p{Nd}_]*)*(`\d+)?$",
        RegexOptions.CultureInvariant);

    public static bool Boolean(string text, out bool value) => bool.TryParse(text, out value);

    /// <summary>A positive TimeSpan in the invariant culture, e.g. <c>01:00:00</c> or <c>7.00:00:00</c>.</summary>
    public static bool PositiveTimeSpan(string text, out TimeSpan value) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value > TimeSpan.Zero;

    /// <summary>A non-empty list of words separated by '|', ',' or ';'.</summary>
    public static bool WordList(string text, out ImmutableArray<string> value)
    {
        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var part in text.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries))
        {
            var word = part.Trim();
            if (word.Length > 0)
            {
                builder.Add(word);
            }
        }

        value = builder.ToImmutable();
        return value.Length > 0;
    }

    /// <summary>A non-empty list of fully qualified type or member names (<c>My.App.Handler</c>).</summary>
    public static bool QualifiedNameList(string text, out ImmutableArray<string> value)
    {
        if (!WordList(text, out value))
        {
            return false;
        }

        var builder = ImmutableArray.CreateBuilder<string>(value.Length);
        foreach (var name in value)
        {
            var normalized = name.StartsWith("global::", StringComparison.Ordinal) ? name.Substring("global::".Length) : name;
            if (!QualifiedName.IsMatch(name) || normalized.IndexOf('.') < 0)
            {
                value = ImmutableArray<string>.Empty;
                return false;
            }

            builder.Add(normalized);
        }

        value = builder.MoveToImmutable();
        return true;
    }

    /// <summary><c>user</c> or <c>all</c>, case-insensitive.</summary>
    public static bool SaveScope(string text, out SaveScope value)
    {
        switch (text.ToLowerInvariant())
        {
            case "user":
                value = Options.SaveScope.User;
                return true;
            case "all":
                value = Options.SaveScope.All;
                return true;
            default:
                value = Options.SaveScope.User;
                return false;
        }
    }
}
