using System.Collections.Concurrent;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Runtime.PubSub;
using AgentPlatform.TestKit;

namespace AgentPlatform.Agents.Tests.Channels;

/// <summary>A broker stand-in for what channels publish: records every accepted publish and cross-replica wake-up, or refuses
/// them all while <see cref="Refusing"/> (a sidecar that is down), so a test can see what an outbox leaves behind.</summary>
internal sealed class CapturingPubSub : IPubSub, IInboxSignalRelay
{
    private readonly ConcurrentQueue<(string Topic, object? Data, PublishOptions? Options)> _published = new();
    private readonly ConcurrentQueue<InboxWakeup> _wakeups = new();
    private readonly SemaphoreSlim _accepted = new(0);

    public bool Refusing { get; set; }

    public string Name => "capturing";

    public IReadOnlyCollection<(string Topic, object? Data, PublishOptions? Options)> Published => _published;

    public IReadOnlyCollection<InboxWakeup> Wakeups => _wakeups;

    public ValueTask PublishAsync(string topic, object? data, PublishOptions? options = null, CancellationToken cancellationToken = default)
    {
        Refuse();
        _published.Enqueue((topic, data, options));
        _accepted.Release();
        return ValueTask.CompletedTask;
    }

    public ValueTask RelayAsync(string? channelId, long head, IReadOnlyList<string> agentIds, CancellationToken cancellationToken = default)
    {
        Refuse();
        _wakeups.Enqueue(new InboxWakeup(agentIds, channelId, head, "test"));
        _accepted.Release();
        return ValueTask.CompletedTask;
    }

    public ValueTask<IAsyncDisposable> SubscribeAsync(TopicSubscription subscription, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Channels only publish; subscribe through a real pub/sub.");

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking after each accepted publish or wake-up.</summary>
    public async Task UntilAsync(Func<CapturingPubSub, bool> condition)
    {
        var timeout = TestTimeout.After(20);
        while (!condition(this))
        {
            await _accepted.WaitAsync(timeout);
        }
    }

    public IReadOnlyList<ChannelMessageOnTopic> MessagesOn(string topic) =>
        [.. _published.Where(p => p.Topic == topic).Select(p => new ChannelMessageOnTopic((Agents.Channels.ChannelMessage)p.Data!, p.Options!))];

    private void Refuse()
    {
        if (Refusing)
        {
            throw new InvalidOperationException("The broker is unreachable (test switch).");
        }
    }

    public sealed record ChannelMessageOnTopic(Agents.Channels.ChannelMessage Message, PublishOptions Options);
}
