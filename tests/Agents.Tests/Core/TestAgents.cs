using System.Collections.Concurrent;
using System.Text.Json;
using AgentPlatform.Agents.Core;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Tests.Core;

/// <summary>Signals from inside handlers, shared through DI.</summary>
internal sealed class CallProbe
{
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Invocations;
}

/// <summary>Every event any test agent handled.</summary>
internal sealed class EventRecorder
{
    private readonly ConcurrentQueue<(AgentId Agent, Headline Message, MessageContext Context)> _events = new();

    public IReadOnlyList<(AgentId Agent, Headline Message, MessageContext Context)> Events => [.. _events];

    public void Record(AgentId agent, Headline message, MessageContext context) => _events.Enqueue((agent, message, context));
}

internal sealed class EchoAgent(ActorHost host, CallProbe probe) : RoutedAgent(host)
{
    [Rpc]
    private ValueTask<string> OnPingAsync(Ping ping, MessageContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult($"{ping.Text} to {AgentId} from {context.Sender?.ToString() ?? "outside"} rpc={context.IsRpc}");

    [Rpc]
    private static int OnMeasure(Measure measure) => measure.Text.Length;

    [Rpc]
    private static async Task<string> OnShoutAsync(Shout shout, MessageContext context)
    {
        await Task.Yield();
        return shout.Text.ToUpperInvariant();
    }

    [Rpc]
    private static string OnFail(Fail fail) => throw new InvalidOperationException(fail.Text);

    [Rpc]
    private async ValueTask<string> OnHangAsync(Hang hang, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref probe.Invocations);
        probe.Started.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            probe.Cancelled.TrySetResult();
            throw;
        }

        return hang.Text;
    }
}

internal sealed class RouterAgent(ActorHost host) : RoutedAgent(host)
{
    [Rpc]
    private static string OnAnything(object message) => "object";

    [Rpc]
    private static string OnAnimal(Animal animal) => "animal";

    [Rpc]
    private static string OnNamed(INamed named) => "named";

    [Rpc]
    private static string OnDog(Dog dog) => "dog";
}

internal sealed class TriageAgent(ActorHost host) : RoutedAgent(host)
{
    [Rpc(Match = nameof(IsUrgent))]
    private string OnUrgent(Job job) => "urgent";

    [Rpc(Match = nameof(IsLow))]
    private string OnLow(Job job) => "low";

    [Rpc(Match = nameof(IsUrgent))]
    private string OnUrgentAgain(Job job) => "urgent-again";

    [Event]
    private static void OnHeadline(Headline headline)
    {
    }

    private static bool IsLow(Job job) => job.Priority < 2;

    private bool IsUrgent(Job job) => job.Priority > 5 && AgentId.Type == "triage";
}

[TypeSubscription("news")]
internal sealed class NewsReader(ActorHost host, EventRecorder recorder) : RoutedAgent(host)
{
    [Event]
    private void OnHeadline(Headline headline, MessageContext context) => recorder.Record(AgentId, headline, context);
}

[TypePrefixSubscription("ne")]
internal sealed class PrefixReader(ActorHost host, EventRecorder recorder) : RoutedAgent(host)
{
    [Event]
    private Task OnHeadlineAsync(Headline headline, MessageContext context, CancellationToken cancellationToken)
    {
        recorder.Record(AgentId, headline, context);
        return Task.CompletedTask;
    }
}

[TypeSubscription("sports")]
internal sealed class SportsReader(ActorHost host, EventRecorder recorder) : RoutedAgent(host)
{
    [Event]
    private ValueTask OnHeadlineAsync(Headline headline, MessageContext context)
    {
        recorder.Record(AgentId, headline, context);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Fails the first delivery of every event, then handles it.</summary>
[TypeSubscription("news")]
internal sealed class FlakyReader(ActorHost host, EventRecorder recorder, CallProbe probe) : RoutedAgent(host)
{
    [Event]
    private void OnHeadline(Headline headline, MessageContext context)
    {
        if (Interlocked.Increment(ref probe.Invocations) == 1)
        {
            throw new InvalidOperationException("first delivery fails");
        }

        recorder.Record(AgentId, headline, context);
    }
}

/// <summary>Publishes a headline from inside a handler, as itself.</summary>
internal sealed class PublisherAgent(ActorHost host) : RoutedAgent(host)
{
    [Rpc]
    private async ValueTask<string> OnPingAsync(Ping ping, CancellationToken cancellationToken)
    {
        var messageId = $"from-{AgentId.Key}";
        await PublishMessageAsync(new Headline(ping.Text), TopicId.Create("news", AgentId.Key), messageId, cancellationToken);
        return messageId;
    }
}

internal sealed class CounterAgent(ActorHost host) : RoutedAgent(host)
{
    private int _count;

    [Rpc]
    private int OnIncrement(Increment increment) => _count += increment.By;

    [Rpc]
    private async ValueTask<string> OnNoteAsync(Note note, CancellationToken cancellationToken)
    {
        StateManager.SetState("note", note.Text);
        await Task.Yield();
        return note.Text;
    }

    [Rpc]
    private async ValueTask<string> OnReadNoteAsync(ReadNote read, CancellationToken cancellationToken) =>
        await StateManager.GetStateOrDefaultAsync("note", "(none)", cancellationToken);

    protected override ValueTask<JsonElement?> SaveStateAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<JsonElement?>(JsonSerializer.SerializeToElement(new { count = _count }));

    protected override ValueTask LoadStateAsync(JsonElement state, CancellationToken cancellationToken)
    {
        _count = state.GetProperty("count").GetInt32();
        return ValueTask.CompletedTask;
    }
}
