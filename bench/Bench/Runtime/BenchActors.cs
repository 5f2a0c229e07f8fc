using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Bench.Runtime;

/// <summary>The actors the runtime suites drive.</summary>
internal static class BenchActors
{
    public const string PingMethod = "ping";
    public const string IncrementMethod = "increment";
    public const string EventMethod = "event";

    public static ActorTypeRegistration Ping { get; } = new("ping", host => new PingActor(host));

    public static ActorTypeRegistration Counter { get; } = new("counter", host => new CounterActor(host));

    public static ActorTypeRegistration Sink(PostSink sink) => new("sink", host => new SinkActor(host, sink));

    private sealed class PingActor(ActorHost host) : Actor(host)
    {
        public override ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken) =>
            ValueTask.FromResult(call.Payload);
    }

    private sealed class CounterActor(ActorHost host) : Actor(host)
    {
        private int _count;

        public override ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken)
        {
            _count++;
            StateManager.SetState("count", _count);
            return ValueTask.FromResult<object?>(null);
        }
    }

    private sealed class SinkActor(ActorHost host, PostSink sink) : Actor(host)
    {
        private int _received;

        public override ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken)
        {
            if (++_received == sink.PerActor)
            {
                sink.ActorDone();
            }

            return ValueTask.FromResult<object?>(null);
        }
    }
}
