using System;
using System.Text.Json;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace SessionSafety;

/// <summary>Settings of a <see cref="DraftAutosave{T}"/>.</summary>
public sealed class AutosaveOptions
{
    /// <summary>The default quiet time before a change is saved: 400 ms.</summary>
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromMilliseconds(400);

    /// <summary>How long the value must stay unchanged before it is saved. 400 ms by default.</summary>
    public TimeSpan Delay { get; set; } = DefaultDelay;

    /// <summary>
    /// The longest a change waits while the value keeps changing (someone typing without a pause).
    /// 5 seconds by default; <see cref="Timeout.InfiniteTimeSpan"/> to wait for a pause however long.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock and timers; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How objects are turned into draft text; the web defaults when not set.</summary>
    public JsonSerializerOptions? JsonSerializerOptions { get; set; }

    /// <summary>Where failures are logged (never with the draft's content). Optional.</summary>
    public ILogger? Logger { get; set; }
}
