using System;
using Microsoft.Extensions.Logging;

namespace SessionSafety;

/// <summary>Settings every draft store shares.</summary>
public class DraftStoreOptions
{
    /// <summary>The default time a draft is kept: 24 hours.</summary>
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromHours(24);

    /// <summary>The default limit on a draft's length: 4,194,304 characters (8 MiB as UTF-16).</summary>
    public const int DefaultMaxContentLength = 4 * 1024 * 1024;

    /// <summary>The longest draft key a store accepts: 65,536 characters.</summary>
    public const int MaxKeyLength = 64 * 1024;

    private TimeSpan timeToLive = DefaultTimeToLive;
    private int maxContentLength = DefaultMaxContentLength;

    /// <summary>How long a draft is kept after it was saved; expired drafts are neither returned nor kept. 24 hours by default.</summary>
    public TimeSpan TimeToLive
    {
        get => timeToLive;
        set => timeToLive = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The time to live must be positive.");
    }

    /// <summary>
    /// The longest draft, in characters. A longer one is not stored: the store reports it
    /// (<see cref="DraftProblemKind.TooLarge"/>, a warning in the log), the guard tells the app that the draft
    /// was not kept, and a draft already stored under the key stays as it was. A file on disk that is larger
    /// than such a draft could be is set aside without being read. 4,194,304 by default.
    /// </summary>
    public int MaxContentLength
    {
        get => maxContentLength;
        set => maxContentLength = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The limit cannot be negative.");
    }

    /// <summary>The clock; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where problems and saves are logged (never with the draft's content). Optional.</summary>
    public ILogger? Logger { get; set; }
}
