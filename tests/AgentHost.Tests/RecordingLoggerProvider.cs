using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.AgentHost.Tests;

/// <summary>Keeps every log entry of the categories it is asked for, formatted, with its structured values.</summary>
public sealed class RecordingLoggerProvider(string category) : ILoggerProvider
{
    private readonly ConcurrentQueue<RecordedEntry> _entries = new();

    public IReadOnlyList<RecordedEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => categoryName == category ? new Recorder(_entries) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Recorder(ConcurrentQueue<RecordedEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value?.ToString(), StringComparer.Ordinal)
                : [];
            entries.Enqueue(new RecordedEntry(logLevel, formatter(state, exception), values));
        }
    }
}

/// <summary>One recorded log entry.</summary>
public sealed record RecordedEntry(LogLevel Level, string Message, IReadOnlyDictionary<string, string?> Values);
