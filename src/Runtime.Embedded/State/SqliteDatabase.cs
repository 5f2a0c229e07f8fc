using System.Collections.Concurrent;
using AgentPlatform.Runtime.State;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentPlatform.Runtime.Embedded.State;

/// <summary>The embedded runtime's single SQLite file: WAL journal, <c>synchronous=FULL</c>, group commit.</summary>
/// <remarks>
/// All writes go through one writer thread. It takes every write queued so far, applies them in one transaction,
/// commits once (one fsync) and only then answers their callers, so every acknowledged write is on disk while the
/// cost of the fsync is shared by the whole batch. Reads use a pool of separate connections, which WAL lets run
/// concurrently with the writer.
/// </remarks>
public sealed partial class SqliteDatabase : IDisposable, IAsyncDisposable
{
    private const int MaxBatch = 8192;

    private readonly string _connectionString;
    private readonly ConcurrentQueue<SqliteWrite> _pending = new();
    private readonly ConcurrentBag<SqliteCommandCache> _readers = [];
    private readonly ManualResetEventSlim _signal = new(false);
    private readonly SqliteCommandCache _writerCommands;
    private readonly SqliteWriter _writer;
    private readonly Thread _writerThread;
    private readonly ILogger _logger;
    private volatile bool _stopping;
    private int _wakeRequested;

    /// <summary>Opens (creating when missing) the database file at <paramref name="path"/> and starts its writer thread.</summary>
    public SqliteDatabase(string path, ILoggerFactory? loggerFactory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SqliteDatabase>();
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();

        _writerCommands = Open();
        _writerCommands.Execute("PRAGMA journal_mode=WAL");
        _writerCommands.Execute("PRAGMA synchronous=FULL");

        // Actor turns rewrite the same few pages many times in quick succession: a large WAL between checkpoints and a
        // writer cache that holds the hot pages let a checkpoint copy each page once instead of once per rewrite.
        // The cache stays at 8 MiB: SQLite walks the writer's page cache at the end of every transaction, and with 64 MiB
        // that walk was about 7 % of the process's CPU on the workflow path; at 8 MiB it is about 1 %, for a few more
        // page reads (served by the OS cache).
        _writerCommands.Execute("PRAGMA wal_autocheckpoint=16384");
        _writerCommands.Execute("PRAGMA cache_size=-8192");
        _writerCommands.Execute(SqliteSchema.Create);
        var lastETag = (long)_writerCommands.Bind(SqliteSchema.MaxETag).ExecuteScalar()!;
        _writer = new SqliteWriter(_writerCommands, lastETag);
        _writerThread = new Thread(WriterLoop) { IsBackground = true, Name = "sqlite-group-commit" };
        _writerThread.Start();
        Log.DatabaseOpened(_logger, Path);
    }

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    /// <summary>Stops the writer after the queued writes are committed and closes every connection.</summary>
    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        Volatile.Write(ref _wakeRequested, 1);
        _signal.Set();
        _writerThread.Join();
        while (_pending.TryDequeue(out var late))
        {
            late.Fail(new ObjectDisposedException(nameof(SqliteDatabase)));
        }

        _writerCommands.Dispose();
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }

        _signal.Dispose();
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Queues a write for the next group commit; completes once it is durable (or rejected).</summary>
    internal ValueTask WriteAsync(SqliteWrite write)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        var pending = write.AsValueTask();
        _pending.Enqueue(write);

        // Only the first writer since the writer thread last looked pays for waking it.
        if (Interlocked.CompareExchange(ref _wakeRequested, 1, 0) == 0)
        {
            _signal.Set();
        }

        return pending;
    }

    /// <summary>Runs a read on a pooled reader connection.</summary>
    internal TResult Read<TState, TResult>(TState state, Func<SqliteCommandCache, TState, TResult> read)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        if (!_readers.TryTake(out var reader))
        {
            reader = Open();
        }

        try
        {
            return read(reader, state);
        }
        finally
        {
            _readers.Add(reader);
        }
    }

    private SqliteCommandCache Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        var commands = new SqliteCommandCache(connection);
        commands.Execute("PRAGMA busy_timeout=30000");
        return commands;
    }

    private void WriterLoop()
    {
        var batch = new List<SqliteWrite>();
        while (true)
        {
            _signal.Wait();
            _signal.Reset();
            Volatile.Write(ref _wakeRequested, 0);
            while (_pending.TryDequeue(out var write))
            {
                batch.Add(write);
                if (batch.Count == MaxBatch)
                {
                    CommitMeasured(batch);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                CommitMeasured(batch);
                batch.Clear();
            }

            if (_stopping && _pending.IsEmpty)
            {
                return;
            }
        }
    }

    private void Commit(List<SqliteWrite> batch)
    {
        try
        {
            _writerCommands.Execute("BEGIN IMMEDIATE");
            foreach (var write in batch)
            {
                write.Rejection = null;
                try
                {
                    write.Execute(_writer);
                }
                catch (ETagMismatchException mismatch)
                {
                    write.Rejection = mismatch;
                }
            }

            _writerCommands.Execute("COMMIT");
        }
        catch (Exception error)
        {
            Rollback();
            if (batch.Count == 1)
            {
                batch[0].Fail(error);
                return;
            }

            // One write broke the batch; commit the others one by one so only the culprit fails.
            Log.BatchFailed(_logger, batch.Count, error);
            foreach (var write in batch)
            {
                Commit([write]);
            }

            return;
        }

        foreach (var write in batch)
        {
            if (write.Rejection is { } rejection)
            {
                write.Fail(rejection);
            }
            else
            {
                write.Complete();
            }
        }
    }

    private void Rollback()
    {
        try
        {
            _writerCommands.Execute("ROLLBACK");
        }
        catch (SqliteException)
        {
            // No transaction is open: BEGIN failed, or SQLite already rolled back by itself.
        }
    }
}
