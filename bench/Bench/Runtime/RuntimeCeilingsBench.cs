using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace AgentPlatform.Bench.Runtime;

/// <summary>The bare ceilings the runtime numbers compare with, measured the same way.</summary>
public sealed class RuntimeCeilingsBench : BenchSuite
{
    private const int Pairs = 64;
    private static readonly TimeSpan RunTime = TimeSpan.FromSeconds(1);

    public override string Name => "runtime-ceilings";

    public override string Description => "bare ceilings: Channels ping-pong, SQLite WAL commits (NORMAL, FULL, 100 rows per FULL commit)";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        report.Row($"Channels ping-pong round trips ({Pairs} concurrent pairs)", "ops/s", await RuntimeBench.RepeatAsync(report.Runs, () => PingPongAsync(Pairs)));
        report.Row("Channels ping-pong round trips (1 pair)", "ops/s", await RuntimeBench.RepeatAsync(report.Runs, () => PingPongAsync(1)));
        report.Row("SQLite WAL single-row commits, synchronous=NORMAL", "ops/s", await RuntimeBench.RepeatAsync(report.Runs, () => Task.FromResult(SqliteCommits("NORMAL", 1))));
        report.Row("SQLite WAL single-row commits, synchronous=FULL", "ops/s", await RuntimeBench.RepeatAsync(report.Runs, () => Task.FromResult(SqliteCommits("FULL", 1))));
        report.Row("SQLite WAL rows, 100 rows per FULL commit", "rows/s", await RuntimeBench.RepeatAsync(report.Runs, () => Task.FromResult(SqliteCommits("FULL", 100))));
    }

    private static Task<double> PingPongAsync(int pairs) => RuntimeBench.CountForAsync(pairs, async (_, stop) =>
    {
        var requests = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var responses = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var server = Task.Run(
            async () =>
            {
                await foreach (var request in requests.Reader.ReadAllAsync())
                {
                    responses.Writer.TryWrite(request);
                }
            },
            CancellationToken.None);
        long trips = 0;
        while (!stop.IsCancellationRequested)
        {
            for (var i = 0; i < 256; i++)
            {
                requests.Writer.TryWrite(i);
                await responses.Reader.ReadAsync(CancellationToken.None);
            }

            trips += 256;
        }

        requests.Writer.Complete();
        await server;
        return trips;
    });

    private static double SqliteCommits(string synchronous, int rowsPerCommit)
    {
        var directory = Path.Combine(Path.GetTempPath(), "agent-platform-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "ceiling.db")};Pooling=False");
            connection.Open();
            Execute(connection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous};");
            Execute(connection, "CREATE TABLE rows (id INTEGER PRIMARY KEY, actor TEXT NOT NULL, value BLOB NOT NULL)");
            using var begin = Command(connection, "BEGIN");
            using var commit = Command(connection, "COMMIT");
            using var insert = Command(connection, "INSERT INTO rows (actor, value) VALUES ($actor, $value)");
            var actor = insert.Parameters.Add(new SqliteParameter("$actor", "counter/c1"));
            insert.Parameters.Add(new SqliteParameter("$value", "{\"count\":1}"u8.ToArray()));
            insert.Prepare();
            long rows = 0;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < RunTime)
            {
                begin.ExecuteNonQuery();
                for (var i = 0; i < rowsPerCommit; i++)
                {
                    actor.Value = "counter/c" + (i & 1023);
                    insert.ExecuteNonQuery();
                }

                commit.ExecuteNonQuery();
                rows += rowsPerCommit;
            }

            return rows / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // Constant SQL.
        command.CommandText = sql;
#pragma warning restore CA2100
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        command.ExecuteNonQuery();
    }
}
