using System.Diagnostics;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Embedded.Actors;
using AgentPlatform.Runtime.Embedded.Reminders;
using AgentPlatform.Runtime.Embedded.State;

namespace AgentPlatform.Bench.Runtime;

/// <summary>Embedded actor runtime: RPC round trips, one-way posts, resident actors, durable turns.</summary>
public sealed class RuntimeBench : BenchSuite
{
    private const int Callers = 64;
    private static readonly TimeSpan RunTime = TimeSpan.FromSeconds(1);

    public override string Name => "runtime";

    public override string Description => "embedded actors: RPC round trips/s, posts/s, 100k actors heap, durable turns/s";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        report.Row($"actor RPC round trips ({Callers} concurrent callers, one actor each)", "ops/s", await RepeatAsync(report.Runs, RpcAsync));
        report.Row("fire-and-forget posts (2,000,000 to 1,000 actors, until all handled)", "ops/s", await RepeatAsync(report.Runs, PostsAsync));
        var heap = await RepeatAsync(report.Runs, ResidentActorsAsync);
        report.Row("managed heap of 100,000 activated actors", "MiB", [.. heap.Select(b => b / (1024 * 1024))]);
        report.Row("managed heap per activated actor", "bytes", [.. heap.Select(b => b / 100_000)]);
        report.Row("durable actor turns (SQLite FULL, group commit, 1,000 actors)", "turns/s", await RepeatAsync(report.Runs, DurableTurnsAsync));
    }

    internal static async Task<IReadOnlyList<double>> RepeatAsync(int runs, Func<Task<double>> measure)
    {
        var values = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            values.Add(await measure());
        }

        return values;
    }

    private static EmbeddedActorRuntime CreateRuntime(IActorStateStore store, params ActorTypeRegistration[] types) =>
        new(types, store, new EmbeddedReminderService(new InMemoryReminderStore()));

    private static async Task<double> RpcAsync()
    {
        await using var runtime = CreateRuntime(new InMemoryActorStateStore(), BenchActors.Ping);
        var ids = Enumerable.Range(0, Callers).Select(i => ActorId.Create("ping", $"p{i}")).ToArray();
        foreach (var id in ids)
        {
            await runtime.InvokeAsync(id, "ping", null, CancellationToken.None);
        }

        return await CountForAsync(Callers, async (caller, stop) =>
        {
            long calls = 0;
            var id = ids[caller];
            while (!stop.IsCancellationRequested)
            {
                for (var i = 0; i < 256; i++)
                {
                    await runtime.InvokeAsync(id, "ping", null, CancellationToken.None);
                }

                calls += 256;
            }

            return calls;
        });
    }

    private static async Task<double> PostsAsync()
    {
        const int actors = 1_000;
        const int perActor = 2_000;
        var sink = new PostSink(actors, perActor);
        await using var runtime = CreateRuntime(new InMemoryActorStateStore(), BenchActors.Sink(sink));
        var ids = Enumerable.Range(0, actors).Select(i => ActorId.Create("sink", $"s{i}")).ToArray();
        var producers = Environment.ProcessorCount;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            for (var round = 0; round < perActor; round++)
            {
                for (var a = p; a < actors; a += producers)
                {
                    await runtime.PostAsync(ids[a], "event", null);
                }
            }
        })));
        await sink.Done;
        return actors * (double)perActor / watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> ResidentActorsAsync()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var runtime = CreateRuntime(new InMemoryActorStateStore(), BenchActors.Ping);
        var ids = new ActorId[100_000];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = ActorId.Create("ping", $"agent-{i}");
        }

        var pending = new List<Task>(ids.Length);
        foreach (var id in ids)
        {
            pending.Add(runtime.InvokeAsync(id, "ping", null).AsTask());
        }

        await Task.WhenAll(pending);
        pending.Clear();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        if (runtime.ActiveActorCount != ids.Length)
        {
            throw new InvalidOperationException($"Expected {ids.Length} resident actors, found {runtime.ActiveActorCount}.");
        }

        GC.KeepAlive(ids);
        await runtime.DisposeAsync();
        return after - before;
    }

    private static async Task<double> DurableTurnsAsync()
    {
        const int actors = 1_000;
        var directory = Path.Combine(Path.GetTempPath(), "agent-platform-bench", Guid.NewGuid().ToString("N"));
        try
        {
            await using var database = new SqliteDatabase(Path.Combine(directory, "platform.db"));
            await using var runtime = CreateRuntime(new SqliteActorStateStore(database), BenchActors.Counter);
            var ids = Enumerable.Range(0, actors).Select(i => ActorId.Create("counter", $"c{i}")).ToArray();
            return await CountForAsync(actors, async (caller, stop) =>
            {
                long turns = 0;
                while (!stop.IsCancellationRequested)
                {
                    await runtime.InvokeAsync(ids[caller], "increment", null, CancellationToken.None);
                    turns++;
                }

                return turns;
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Runs <paramref name="workers"/> loops for <see cref="RunTime"/> and returns their total count per second.</summary>
    internal static async Task<double> CountForAsync(int workers, Func<int, CancellationToken, Task<long>> work)
    {
        using var stop = new CancellationTokenSource();
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(() =>
        {
            start.Wait();
            return work(w, stop.Token);
        })).ToArray();
        var watch = Stopwatch.StartNew();
        start.Set();
        stop.CancelAfter(RunTime);
        var counts = await Task.WhenAll(tasks);
        return counts.Sum() / watch.Elapsed.TotalSeconds;
    }
}
