using Xunit.Sdk;

namespace SessionSafety.Tests.Verifiers;

/// <summary>A verification failure; its message is the readable report (sources with diagnostics drawn under them).</summary>
public sealed class VerificationException : XunitException
{
    public VerificationException(string message)
        : base(message)
    {
    }
}
