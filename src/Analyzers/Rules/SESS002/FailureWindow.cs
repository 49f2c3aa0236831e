using Microsoft.CodeAnalysis.Text;

namespace SessionSafety.Analyzers.Rules.SESS002;

/// <summary>
/// Where a request must be for a redirect to run on its failure path, as one ancestor of the redirect
/// sees it: ending before a position (a status test's <c>if</c>, a switch on the status, a success exit
/// <c>if (r.IsSuccessStatusCode) return;</c>), or inside a span (the body of a <c>try</c> whose
/// <c>catch</c> redirects, the condition itself).
/// </summary>
internal readonly struct FailureWindow
{
    /// <summary>No position: a request is never "before" it.</summary>
    private const int NoPosition = int.MinValue;

    private FailureWindow(int endsBy, TextSpan? inside)
    {
        EndsBy = endsBy;
        Inside = inside;
    }

    /// <summary>A request that ends at or before this position is in the window (<see cref="int.MinValue"/>: none is).</summary>
    public int EndsBy { get; }

    /// <summary>A request inside this span is in the window.</summary>
    public TextSpan? Inside { get; }

    public static FailureWindow Before(int position, TextSpan? orInside = null) => new(position, orInside);

    public static FailureWindow InsideOf(TextSpan span) => new(NoPosition, span);
}
