using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SessionSafety.Analyzers.Options;

/// <summary>The untyped face of an option, for the SESS000 validator.</summary>
public interface IOptionDefinition
{
    /// <summary>The full key, e.g. <c>session_safety.login_paths</c>.</summary>
    string Key { get; }

    /// <summary>What a valid value looks like, for the SESS000 message.</summary>
    string Expected { get; }

    /// <summary>The default, as it would be written in .editorconfig.</summary>
    string DefaultText { get; }

    /// <summary>Whether <paramref name="text"/> parses.</summary>
    bool IsValid(string text);
}
