using System.Diagnostics;
using AgentPlatform.Agents.Core;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.Bench.Runtime;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Embedded.Actors;
using AgentPlatform.Runtime.Embedded.PubSub;
using AgentPlatform.Runtime.Embedded.Reminders;
using AgentPlatform.Runtime.Embedded.State;

namespace AgentPlatform.Bench.Agents;

/// <summary>Agent programming model and liveness: RPC via SendMessageAsync, publish fan-out, heartbeats via IAgentPresence.</summary>
public sealed class AgentsBench : BenchSuite
{
    private const int Callers = 64;
    private const int FanOutTypes = 4;
    private const int FanOutEvents = 50_000;
    private const int HeartbeatAgents = 10_000;
    private const int HeartbeatWorkers = 256;

    public override string Name => "agents";

    public override string Description => "agents: RPC round trips/s (SendMessageAsync), publish fan-out deliveries/s, heartbeats/s (IAgentPresence)";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        report.Row($"ceiling: bare actor RPC ({Callers} callers, one actor each)", "ops/s", await RuntimeBench.RepeatAsync(report.Runs, () => BareRpcAsync(Callers)));
        report.Row("ceiling: bare actor RPC (1 caller, sequential)", "ops/s", await RuntimeBench.RepeatAsync(report.Runs, () => BareRpcAsync(1)));
        report.Row($"agent RPC via SendMessageAsync ({Callers} callers, one agent each)", "ops/s", await RuntimeBench.RepeatAsync(report.Runs, AgentRpcAsync));
        report.Row("agent RPC via SendMessageAsync (1 caller, sequential)", "ops/s", await RuntimeBench.RepeatAsync(report.Runs, SequentialRpcAsync));
        report.Row(
            $"publish fan-out ({FanOutEvents:N0} events x {FanOutTypes} subscribed agent types, deliveries until all handled)",
            "deliveries/s",
            await RuntimeBench.RepeatAsync(report.Runs, FanOutAsync));
        report.Row(
            $"heartbeats via IAgentPresence ({HeartbeatAgents:N0} agents, {HeartbeatWorkers} concurrent, in-memory state)",
            "ops/s",
            await RuntimeBench.RepeatAsync(report.Runs, () => HeartbeatsAsync(durable: false)));
        report.Row(
            $"heartbeats via IAgentPresence ({HeartbeatAgents:N0} agents, {HeartbeatWorkers} concurrent, SQLite FULL group commit)",
            "ops/s",
            await RuntimeBench.RepeatAsync(report.Runs, () => HeartbeatsAsync(durable: true)));
    }

    private static EmbeddedActorRuntime CreateRuntime(IActorStateStore store, IReminderStore reminders, params ActorTypeRegistration[] types) =>
        new(types, store, new EmbeddedReminderService(reminders));

    private static async Task<double> BareRpcAsync(int callers)
    {
        await using var runtime = CreateRuntime(
            new InMemoryActorStateStore(), new InMemoryReminderStore(), new ActorTypeRegistration("bare", host => new BareEchoActor(host)));
        var ids = Enumerable.Range(0, callers).Select(i => ActorId.Create("bare", $"b{i}")).ToArray();
        var payload = new BenchPing(1);
        await WarmUpAsync(() => runtime.InvokeAsync(ids[0], "ping", payload, CancellationToken.None));
        return await RuntimeBench.CountForAsync(callers, async (caller, stop) =>
        {
            long calls = 0;
            while (!stop.IsCancellationRequested)
            {
                for (var i = 0; i < 256; i++)
                {
                    await runtime.InvokeAsync(ids[caller], "ping", payload, CancellationToken.None);
                }

                calls += 256;
            }

            return calls;
        });
    }

    private static async Task<double> AgentRpcAsync()
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

    private static async Task<double> SequentialRpcAsync()
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
        for (var i = 0; i < 50_000; i++)
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

    private static async Task<double> FanOutAsync()
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
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < FanOutEvents; i++)
        {
            await agents.PublishMessageAsync(message, topics[i % topics.Length]);
        }

        await sink.Done.WaitAsync(TimeSpan.FromSeconds(60));
        return (double)FanOutEvents * FanOutTypes / watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> HeartbeatsAsync(bool durable)
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
