using System.Runtime.CompilerServices;

namespace SessionSafety.Analyzers.Internal;

internal static class Jit
{
    /// <summary>
    /// <c>MethodImplOptions.AggressiveOptimization</c>, which netstandard2.0 does not name: compiled fully
    /// optimized on the first call. For loops that run once per file or per compilation, which tiered
    /// compilation would leave unoptimized (docs/performance.md, "Loops that run once … compiled optimized").
    /// </summary>
    public const MethodImplOptions AggressiveOptimization = (MethodImplOptions)512;
}
