using System;
using Microsoft.CodeAnalysis;
using SessionSafety.Analyzers.Options;

namespace SessionSafety.Analyzers.Internal;

/// <summary>
/// One <c>session_safety.*</c> option as a rule uses it, kept in the rule's per-compilation context: each
/// file's value is found once (by its tree), and each distinct text of the option is parsed, and made into
/// the form the rule looks things up in, once. Files usually share one text, and a long list is then read
/// once per compilation rather than once per file or per call.
/// </summary>
/// <typeparam name="T">What the option's parser gives.</typeparam>
/// <typeparam name="TValue">What the rule keeps (a set to look names up in, or the parsed value itself).</typeparam>
internal sealed class PerFileOption<T, TValue>
{
    private readonly OptionDefinition<T> definition;
    private readonly SourceScope scope;
    private readonly Func<T, TValue> make;
    private readonly Memo<SyntaxTree, TValue> byTree = new();
    private readonly Memo<string, TValue> byText = new(StringComparer.Ordinal);

    public PerFileOption(OptionDefinition<T> definition, SourceScope scope, Func<T, TValue> make)
    {
        this.definition = definition;
        this.scope = scope;
        this.make = make;
    }

    /// <summary>The option's value for code in <paramref name="tree"/> (for Razor output, its .razor file's).</summary>
    public TValue For(SyntaxTree tree) =>
        byTree.Get(tree, this, static (file, self) => self.FromText(self.definition.Text(self.scope.GetOptions(file))));

    /// <summary>An absent option and an empty one both give the default, so they share one entry.</summary>
    private TValue FromText(string? text) =>
        byText.Get(text ?? string.Empty, this, static (value, self) => self.make(self.definition.Parse(value)));
}
