using AgentPlatform.Agents.Core;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.Bench.Runtime;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Embedded.Actors;
using AgentPlatform.Runtime.Embedded.PubSub;
using AgentPlatform.Runtime.Embedded.Reminders;
using AgentPlatform.Runtime.Embedded.State;

namespace AgentPlatform.Bench.Agents;

/// <summary>The measurements of the agent suites: agent RPC, publish fan-out and heartbeats on the embedded runtime, wired by hand.</summary>
internal static class AgentsBench
{
    public const int Callers = 64;
    public const int FanOutTypes = 4;
    public const int FanOutEvents = 20_000;
    public const int HeartbeatAgents = 10_000;
    public const int HeartbeatWorkers = 256;

    private static EmbeddedActorRuntime CreateRuntime(IActorStateStore store, IReminderStore reminders, params ActorTypeRegistration[] types) =>
        new(types, store, new EmbeddedReminderService(reminders));

    public static async Task<Measurement> BareRpcAsync(int callers)
    {
        await using var runtime = CreateRuntime(
            new InMemoryActorStateStore(), new InMemoryReminderStore(), new ActorTypeRegistration("bare", host => new BareEchoActor(host)));
        var ids = Enumerable.Range(0, callers).Select(i => ActorId.Create("bare", $"b{i}")).ToArray();
        var payload = new BenchPing(1);
        await WarmUpAsync(() => runtime.InvokeAsync<BenchPing, BenchPing>(ids[0], BareEchoActor.PingMethod, payload, CancellationToken.None));
        return await RuntimeBench.CountForAsync(callers, async (caller, stop) =>
        {
            long calls = 0;
            while (!stop.IsCancellationRequested)
            {
                for (var i = 0; i < 256; i++)
                {
                    await runtime.InvokeAsync<BenchPing, BenchPing>(ids[caller], BareEchoActor.PingMethod, payload, CancellationToken.None);
                }

                calls += 256;
            }

            return calls;
        });
    }

    public static async Task<Measurement> AgentRpcAsync()
    {
        var (runtime, agents) = CreateEchoRuntime();
        await using var disposeRuntime = runtime;
        await using var disposeAgents = agents;
        var ids = Enumerable.Range(0, Callers).Select(i => AgentId.Create("echo", $"e{i}")).ToArray();
        var message = new BenchPing(1);
        await WarmUpAsync(() => agents.SendMessageAsync(message, ids[0], cancellationToken: CancellationToken.None));
        return await RuntimeBench.CountForAsync(Callers, async (caller, stop) =>
        {
            long calls = 0;
            while (!stop.IsCancellationRequested)
            {
                for (var i = 0; i < 256; i++)
                {
                    await agents.SendMessageAsync(message, ids[caller], cancellationToken: CancellationToken.None);
                }

                calls += 256;
            }

            return calls;
        });
    }

    public static async Task<Measurement> SequentialRpcAsync()
    {
        var (runtime, agents) = CreateEchoRuntime();
        await using var disposeRuntime = runtime;
        await using var disposeAgents = agents;
        var id = AgentId.Create("echo", "single");
        var message = new BenchPing(1);
        await WarmUpAsync(() => agents.SendMessageAsync(message, id, cancellationToken: CancellationToken.None));
        return await RuntimeBench.CountForAsync(1, async (_, stop) =>
        {
            long calls = 0;
            while (!stop.IsCancellationRequested)
            {
                for (var i = 0; i < 256; i++)
                {
                    await agents.SendMessageAsync(message, id, cancellationToken: CancellationToken.None);
                }

                calls += 256;
            }

            return calls;
        });
    }

    /// <summary>Runs the call enough times for tiered JIT to settle before the timed window.</summary>
    private static async Task WarmUpAsync<T>(Func<ValueTask<T>> call)
    {
        for (var i = 0; i < 20_000; i++)
        {
            await call();
        }
    }

    private static (EmbeddedActorRuntime Runtime, AgentRuntime Agents) CreateEchoRuntime()
    {
        var echo = AgentTypeRegistration.Create("echo", host => new BenchEchoAgent(host));
        var runtime = CreateRuntime(new InMemoryActorStateStore(), new InMemoryReminderStore(), echo.ActorRegistration);
        return (runtime, new AgentRuntime(runtime, new InMemoryPubSub(), [echo]));
    }

    public static async Task<Measurement> FanOutAsync()
    {
        var sink = new FanOutSink((long)FanOutEvents * FanOutTypes);
        var types = Enumerable.Range(0, FanOutTypes)
            .Select(i => AgentTypeRegistration.Create($"listener-{i}", host => new BenchListenerAgent(host, sink)))
            .ToArray();
        await using var runtime = CreateRuntime(
            new InMemoryActorStateStore(), new InMemoryReminderStore(), [.. types.Select(t => t.ActorRegistration)]);
        await using var pubSub = new InMemoryPubSub();
        await using var agents = new AgentRuntime(
            runtime, pubSub, types, types.Select(t => new TypeSubscription("bench", t.Type)));
        await agents.StartAsync();
        var topics = Enumerable.Range(0, 100).Select(i => TopicId.Create("bench", $"room-{i}")).ToArray();
        var message = new BenchPing(1);
        var measured = Measurement.Start();
        for (var i = 0; i < FanOutEvents; i++)
        {
            await agents.PublishMessageAsync(message, topics[i % topics.Length]);
        }

        await sink.Done.WaitAsync(TimeSpan.FromSeconds(60));
        return measured((double)FanOutEvents * FanOutTypes);
    }

    public static async Task<Measurement> HeartbeatsAsync(bool durable)
    {
        var directory = Path.Combine(Path.GetTempPath(), "agent-platform-bench", Guid.NewGuid().ToString("N"));
        SqliteDatabase? database = durable ? new SqliteDatabase(Path.Combine(directory, "platform.db")) : null;
        try
        {
            await using var pubSub = new InMemoryPubSub();
            var liveness = AgentLiveness.CreateActorType(new AgentLivenessOptions(), pubSub);
            await using var runtime = database is null
                ? CreateRuntime(new InMemoryActorStateStore(), new InMemoryReminderStore(), liveness)
                : CreateRuntime(new SqliteActorStateStore(database), new SqliteReminderStore(database), liveness);
            await runtime.StartAsync();
            var presence = AgentLiveness.CreatePresence(runtime);
            var ids = Enumerable.Range(0, HeartbeatAgents).Select(i => $"agent-{i}").ToArray();
            await Task.WhenAll(ids.Select(id => presence.HeartbeatAsync(id).AsTask()));
            await WarmUpAsync(() => presence.HeartbeatAsync(ids[0], CancellationToken.None));
            return await RuntimeBench.CountForAsync(HeartbeatWorkers, async (worker, stop) =>
            {
                long beats = 0;
                var next = worker;
                while (!stop.IsCancellationRequested)
                {
                    await presence.HeartbeatAsync(ids[next], CancellationToken.None);
                    next = (next + HeartbeatWorkers) % ids.Length;
                    beats++;
                }

                return beats;
            });
        }
        finally
        {
            if (database is not null)
            {
                await database.DisposeAsync();
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
