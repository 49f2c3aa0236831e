using System;

namespace SessionSafety.Internal;

/// <summary>Stands in for an exception whose message might quote user input.</summary>
internal sealed class RedactedException : Exception
{
    public RedactedException(Exception original)
        : base($"{original.GetType().FullName} (message withheld: it may quote user input)")
    {
        OriginalType = original.GetType();
    }

    public Type OriginalType { get; }
}
