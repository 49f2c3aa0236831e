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
