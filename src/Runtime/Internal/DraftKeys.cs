using System;

namespace SessionSafety.Internal;

/// <summary>The checks every store makes on a key before using it.</summary>
internal static class DraftKeys
{
    public static void Check(string? key, string parameterName = "key")
    {
        if (key is null)
        {
            throw new ArgumentNullException(parameterName);
        }

        if (key.Length > DraftStoreOptions.MaxKeyLength)
        {
            throw new ArgumentException($"A draft key has at most {DraftStoreOptions.MaxKeyLength} characters; this one has {key.Length}.", parameterName);
        }
    }
}
