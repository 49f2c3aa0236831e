using System;

namespace SessionSafety;

/// <summary>A failed autosave; the value is kept in memory and saved on the next change or flush.</summary>
public sealed class AutosaveFailedEventArgs : EventArgs
{
    /// <summary>Creates the report.</summary>
    public AutosaveFailedEventArgs(string draftKey, Exception exception)
    {
        DraftKey = draftKey;
        Exception = exception;
    }

    /// <summary>The draft's key.</summary>
    public string DraftKey { get; }

    /// <summary>What went wrong.</summary>
    public Exception Exception { get; }
}
