using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace SessionSafety.Runtime.Tests.Infrastructure;

/// <summary>Keeps every log entry: its message, its structured values and its exception, as text.</summary>
public sealed class CapturingLogger : ILogger, ILoggerProvider, ILoggerFactory
{
    private readonly ConcurrentQueue<Entry> entries = new();

    public IReadOnlyList<Entry> Entries => entries.ToArray();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.Select(p => p.Key + "=" + p.Value).ToArray()
            : Array.Empty<string>();
        entries.Enqueue(new Entry(logLevel, eventId, formatter(state, exception), values, exception?.ToString()));
    }

    /// <summary>Everything that reached the log, as one text to search.</summary>
    public string AllText() => string.Join(
        "\n",
        Entries.Select(e => $"{e.Level} {e.EventId.Id} {e.EventId.Name} {e.Message} [{string.Join(", ", e.Values)}] {e.Exception}"));

    ILogger ILoggerProvider.CreateLogger(string categoryName) => this;

    ILogger ILoggerFactory.CreateLogger(string categoryName) => this;

    void ILoggerFactory.AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public sealed record Entry(LogLevel Level, EventId EventId, string Message, string[] Values, string? Exception);
}
