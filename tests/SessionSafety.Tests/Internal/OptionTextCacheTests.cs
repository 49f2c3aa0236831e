using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionSafety.Analyzers.Options;
using Xunit;

namespace SessionSafety.Tests.Internal;

/// <summary>
/// Parsed options are cached by the options' text: a build gives every file its own options object, so
/// equal texts in different objects must share one parse, and different texts (or an absent option and a
/// set one) must not.
/// </summary>
public class OptionTextCacheTests
{
    private const string LoginKey = "session_safety.login_paths";
    private const string HandlersKey = "session_safety.session_handlers";

    [Fact]
    public void SameTextInDifferentOptionsObjects_ParsedOnce()
    {
        var parses = 0;
        var cache = new OptionTextCache<string>(Analyzers.Options.SessionSafetyOptions.LoginPaths, Analyzers.Options.SessionSafetyOptions.SessionHandlers, options => Parse(options, ref parses));

        var first = cache.Get(Options((LoginKey, "/signin"), (HandlersKey, "Auth.TokenHandler")));
        var second = cache.Get(Options((LoginKey, "/signin"), (HandlersKey, "Auth.TokenHandler")));

        Assert.Equal("/signin;Auth.TokenHandler", first);
        Assert.Same(first, second);
        Assert.Equal(1, parses);
    }

    [Fact]
    public void DifferentTextInEitherOption_ParsedApart()
    {
        var parses = 0;
        var cache = new OptionTextCache<string>(Analyzers.Options.SessionSafetyOptions.LoginPaths, Analyzers.Options.SessionSafetyOptions.SessionHandlers, options => Parse(options, ref parses));

        Assert.Equal("/signin;Auth.A", cache.Get(Options((LoginKey, "/signin"), (HandlersKey, "Auth.A"))));
        Assert.Equal("/signin;Auth.B", cache.Get(Options((LoginKey, "/signin"), (HandlersKey, "Auth.B"))));
        Assert.Equal("/login;Auth.A", cache.Get(Options((LoginKey, "/login"), (HandlersKey, "Auth.A"))));
        Assert.Equal(3, parses);
    }

    [Fact]
    public void AbsentAndEmptyOption_AreDifferentKeys()
    {
        var parses = 0;
        var cache = new OptionTextCache<string>(Analyzers.Options.SessionSafetyOptions.LoginPaths, null, options => Parse(options, ref parses));

        Assert.Equal("(absent);(absent)", cache.Get(Options()));
        Assert.Equal(";(absent)", cache.Get(Options((LoginKey, string.Empty))));
        Assert.Equal("(absent);(absent)", cache.Get(Options()));
        Assert.Equal(2, parses);
    }

    [Fact]
    public void OptionOutsideTheKey_IsNotPartOfIt()
    {
        var parses = 0;
        var cache = new OptionTextCache<string>(Analyzers.Options.SessionSafetyOptions.LoginPaths, null, options => Parse(options, ref parses));

        cache.Get(Options((LoginKey, "/signin"), (HandlersKey, "Auth.A")));
        cache.Get(Options((LoginKey, "/signin"), (HandlersKey, "Auth.B")));
        Assert.Equal(1, parses);
    }

    private static string Parse(AnalyzerConfigOptions options, ref int parses)
    {
        parses++;
        var login = options.TryGetValue(LoginKey, out var l) ? l : "(absent)";
        var handlers = options.TryGetValue(HandlersKey, out var h) ? h : "(absent)";
        return login + ";" + handlers;
    }

    private static AnalyzerConfigOptions Options(params (string Key, string Value)[] values)
    {
        var dictionary = new Dictionary<string, string>(AnalyzerConfigOptions.KeyComparer);
        foreach (var (key, value) in values)
        {
            dictionary[key] = value;
        }

        return new DictionaryOptions(dictionary);
    }

    private sealed class DictionaryOptions : AnalyzerConfigOptions
    {
        private readonly Dictionary<string, string> values;

        public DictionaryOptions(Dictionary<string, string> values)
        {
            this.values = values;
        }

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
