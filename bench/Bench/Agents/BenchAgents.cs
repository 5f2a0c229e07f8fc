using AgentPlatform.Agents.Core;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Bench.Agents;

/// <summary>The message the agent suites send.</summary>
internal sealed record BenchPing(int Value);

/// <summary>Counts handled events across every fan-out agent and completes when all arrived.</summary>
internal sealed class FanOutSink(long expected)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _received;

    public Task Done => _done.Task;

    public void Received()
    {
        if (Interlocked.Increment(ref _received) == expected)
        {
            _done.TrySetResult();
        }
    }
}

/// <summary>Answers every ping with its value.</summary>
internal sealed class BenchEchoAgent(ActorHost host) : RoutedAgent(host)
{
    [Rpc]
    private static int OnPing(BenchPing ping) => ping.Value;
}

/// <summary>Counts the pings published to it.</summary>
internal sealed class BenchListenerAgent(ActorHost host, FanOutSink sink) : RoutedAgent(host)
{
    [Event]
    private void OnPing(BenchPing ping) => sink.Received();
}

/// <summary>An actor answering like <see cref="BenchEchoAgent"/> without the agent layer: the ceiling of agent RPC.</summary>
internal sealed class BareEchoActor(ActorHost host) : Actor(host)
{
    public const string PingMethod = "ping";

    public override ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken) =>
        ValueTask.FromResult(call.Payload);
}
