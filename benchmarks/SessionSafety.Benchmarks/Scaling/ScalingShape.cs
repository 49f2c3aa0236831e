using System;

namespace SessionSafety.Benchmarks.Scaling;

/// <summary>
/// One worst case of one rule, at any size N: the code it writes and how many of the rule's diagnostics
/// that code must produce (a shape whose rule stops firing would measure nothing). Adding a shape is
/// adding one of these to its rule's list in <c>Shapes/</c>.
/// </summary>
/// <param name="Rule">The rule whose analyzer's time is judged (<c>SESS002</c>).</param>
/// <param name="Name">Short, unique within the rule, kebab-case (<c>redirects-after-one-save</c>).</param>
/// <param name="Description">What N counts, in a few words, for the report.</param>
/// <param name="Write">The code at size N.</param>
/// <param name="ExpectedDiagnostics">How many <paramref name="Rule"/> diagnostics the code at size N produces.</param>
public sealed record ScalingShape(
    string Rule,
    string Name,
    string Description,
    Func<int, ShapeCode> Write,
    Func<int, int> ExpectedDiagnostics)
{
    public string Id => $"{Rule}/{Name}";

    /// <summary>A selector matches the shape's rule, its name, or its <see cref="Id"/> (case-insensitive).</summary>
    public bool Matches(string selector) =>
        string.Equals(selector, Rule, StringComparison.OrdinalIgnoreCase)
        || string.Equals(selector, Name, StringComparison.OrdinalIgnoreCase)
        || string.Equals(selector, Id, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => Id;
}
