using System.Runtime.CompilerServices;

namespace SessionSafety.Analyzers.Internal;

internal static class Jit
{
    /// <summary>
    /// <c>MethodImplOptions.AggressiveOptimization</c>, which netstandard2.0 does not name: the method is
    /// compiled fully optimized on its first call. For loops that run once per file or per compilation:
    /// tiered compilation leaves them unoptimized for most of a build (a method is promoted after 30
    /// calls), and a long loop in unoptimized code is later compiled again on the stack (on-stack
    /// replacement) in the middle of an analysis.
    /// </summary>
    public const MethodImplOptions AggressiveOptimization = (MethodImplOptions)512;
}
