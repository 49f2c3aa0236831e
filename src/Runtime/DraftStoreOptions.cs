using System;
using Microsoft.Extensions.Logging;

namespace SessionSafety;

/// <summary>Settings every draft store shares.</summary>
public class DraftStoreOptions
{
    /// <summary>The default time a draft is kept: 24 hours.</summary>
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromHours(24);

    private TimeSpan timeToLive = DefaultTimeToLive;

    /// <summary>How long a draft is kept after it was saved; expired drafts are neither returned nor kept. 24 hours by default.</summary>
    public TimeSpan TimeToLive
    {
        get => timeToLive;
        set => timeToLive = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The time to live must be positive.");
    }

    /// <summary>The clock; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where problems and saves are logged (never with the draft's content). Optional.</summary>
    public ILogger? Logger { get; set; }
}

/// <summary>Settings of a <see cref="FileDraftStore"/>.</summary>
public sealed class FileDraftStoreOptions : DraftStoreOptions
{
    /// <summary>The folder the drafts are written to; <see cref="DraftStore.DefaultDirectory"/> when not set.</summary>
    public string? Directory { get; set; }

    /// <summary>
    /// The key drafts are encrypted with (authenticated encryption). Keep it off the disk the drafts are on:
    /// the OS key store, MAUI SecureStorage, DPAPI, or the server's key management. Optional.
    /// </summary>
    public DraftEncryptionKey? EncryptionKey { get; set; }

    /// <summary>
    /// Whether each write is flushed to the disk before it replaces the previous draft, so that a power
    /// loss leaves either draft intact. On by default; a crash of the process alone never needs it.
    /// </summary>
    public bool FlushToDisk { get; set; } = true;
}
