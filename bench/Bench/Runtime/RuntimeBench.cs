using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Embedded.Actors;
using AgentPlatform.Runtime.Embedded.Reminders;
using AgentPlatform.Runtime.Embedded.State;

namespace AgentPlatform.Bench.Runtime;

/// <summary>The embedded actor runtime measurements; each is exposed as its own suite below.</summary>
internal static class RuntimeBench
{
    public const int Callers = 64;
    private static readonly TimeSpan RunTime = TimeSpan.FromSeconds(1);

    private static EmbeddedActorRuntime CreateRuntime(IActorStateStore store, params ActorTypeRegistration[] types) =>
        new(types, store, new EmbeddedReminderService(new InMemoryReminderStore()));

    public static async Task<Measurement> RpcAsync()
    {
        await using var runtime = CreateRuntime(new InMemoryActorStateStore(), BenchActors.Ping);
        var ids = Enumerable.Range(0, Callers).Select(i => ActorId.Create("ping", $"p{i}")).ToArray();
        foreach (var id in ids)
        {
            await runtime.InvokeAsync<object?, object?>(id, BenchActors.PingMethod, null, CancellationToken.None);
        }

        return await CountForAsync(Callers, async (caller, stop) =>
        {
            long calls = 0;
            var id = ids[caller];
            while (!stop.IsCancellationRequested)
            {
                for (var i = 0; i < 256; i++)
                {
                    await runtime.InvokeAsync<object?, object?>(id, BenchActors.PingMethod, null, CancellationToken.None);
                }

                calls += 256;
            }

            return calls;
        });
    }

    public static async Task<Measurement> PostsAsync()
    {
        const int actors = 1_000;
        const int perActor = 2_000;
        var sink = new PostSink(actors, perActor);
        await using var runtime = CreateRuntime(new InMemoryActorStateStore(), BenchActors.Sink(sink));
        var ids = Enumerable.Range(0, actors).Select(i => ActorId.Create("sink", $"s{i}")).ToArray();
        var producers = Environment.ProcessorCount;
        var stop = Measurement.Start();
        await Task.WhenAll(Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            for (var round = 0; round < perActor; round++)
            {
                for (var a = p; a < actors; a += producers)
                {
                    await runtime.PostAsync(ids[a], BenchActors.EventMethod);
                }
            }
        })));
        await sink.Done;
        return stop(actors * (double)perActor);
    }

    public static async Task<double> ResidentActorsAsync()
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
            pending.Add(runtime.InvokeAsync<object?>(id, BenchActors.PingMethod).AsTask());
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

    public static async Task<Measurement> DurableTurnsAsync()
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
                    await runtime.InvokeAsync<object?, object?>(ids[caller], BenchActors.IncrementMethod, null, CancellationToken.None);
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
    internal static async Task<Measurement> CountForAsync(int workers, Func<int, CancellationToken, Task<long>> work)
    {
        using var stop = new CancellationTokenSource();
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(() =>
        {
            start.Wait();
            return work(w, stop.Token);
        })).ToArray();
        var measured = Measurement.Start();
        start.Set();
        stop.CancelAfter(RunTime);
        var counts = await Task.WhenAll(tasks);
        return measured(counts.Sum());
    }
}
