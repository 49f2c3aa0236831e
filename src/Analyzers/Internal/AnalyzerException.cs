using System;
using Microsoft.CodeAnalysis;

namespace SessionSafety.Analyzers.Internal;

/// <summary>
/// Wraps an analyzer callback so that a bug surfaces as an AD0001 that names the rule, the file and
/// the line, instead of an opaque stack trace.
/// </summary>
internal static class AnalyzerException
{
    public static void Guard<TContext>(string ruleId, SyntaxNode node, TContext context, Action<TContext> action)
    {
        try
        {
            action(context);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The location is computed only on failure: a callback that succeeds allocates nothing here.
            var span = node.GetLocation().GetLineSpan();
            throw new InvalidOperationException(
                $"{ruleId} failed at {span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {exception.Message}",
                exception);
        }
    }
}
