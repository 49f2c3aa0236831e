using System.Collections.Generic;
using System.Linq;

namespace SessionSafety.Benchmarks.Scaling.Shapes;

/// <summary>
/// Every shape of the scaling mode, rule by rule. A new rule adds a <c>SESS00NShapes</c> class next to
/// these (its shapes as <see cref="ScalingShape"/> definitions) and one line here.
/// </summary>
public static class ScalingShapes
{
    public static IReadOnlyList<ScalingShape> All { get; } = SESS001Shapes.All
        .Concat(SESS002Shapes.All)
        .Concat(SESS003Shapes.All)
        .Concat(SESS004Shapes.All)
        .ToList();
}
