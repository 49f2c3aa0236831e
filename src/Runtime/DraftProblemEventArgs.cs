using System;

namespace SessionSafety;

/// <summary>
/// Reported by a draft store instead of throwing at the caller: a corrupt entry that was set aside, or a
/// storage operation that failed. Never carries the draft's content.
/// </summary>
public sealed class DraftProblemEventArgs : EventArgs
{
    /// <summary>Creates the report.</summary>
    public DraftProblemEventArgs(DraftProblemKind kind, string? draftKey, string operation, string reason, string? location, string? setAsideLocation, Exception? exception)
    {
        Kind = kind;
        DraftKey = draftKey;
        Operation = operation;
        Reason = reason;
        Location = location;
        SetAsideLocation = setAsideLocation;
        Exception = exception;
    }

    /// <summary>What went wrong.</summary>
    public DraftProblemKind Kind { get; }

    /// <summary>The draft's key, when it is known (a file found while listing may be unreadable).</summary>
    public string? DraftKey { get; }

    /// <summary>The operation that met the problem: save, load, remove or list.</summary>
    public string Operation { get; }

    /// <summary>A short description of the problem.</summary>
    public string Reason { get; }

    /// <summary>Where the entry was (a file path, or a browser storage key).</summary>
    public string? Location { get; }

    /// <summary>Where the unreadable entry was moved to, or <see langword="null"/> when nothing was set aside.</summary>
    public string? SetAsideLocation { get; }

    /// <summary>The exception behind a storage failure, if any.</summary>
    public Exception? Exception { get; }
}
