using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Core;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Agents.Requests;
using AgentPlatform.Llm.Accounting;
using AgentPlatform.Llm.Agents;
using AgentPlatform.Runtime.PubSub;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Llm.Channels;

/// <summary>Makes every LLM agent with <see cref="LlmAgentOptions.Channels"/> a member of them and reads its inbox: posts addressed to
/// it and requests are answered (see <see cref="LlmChannelResponder"/>), everything else is acknowledged without a model call.</summary>
/// <remarks>A delivery is acknowledged only after it was handled, so the inbox's durable channel cursor passes a post only once it is
/// answered; a failed answer is handed back and comes again with the inbox's back-off. A missing channel is created with the agent as
/// its creator. Agents registered, replaced or removed through the API are picked up when the catalog announces the change: on this
/// replica at once, on the others when the agent's identity change (<see cref="AgentIdentityChanged"/>) arrives on the pub/sub.</remarks>
internal sealed class LlmChannelListener(
    IOptions<LlmOptions> options, LlmAgentCatalog catalog, IServiceProvider services, IHostApplicationLifetime lifetime, TimeProvider time,
    ILogger<LlmChannelListener> logger) : BackgroundService
{
    private readonly Dictionary<string, (LlmAgentOptions Options, CancellationTokenSource Stop, Task Loop)> _members = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _changed = new(0);

    private LlmChannelOptions Settings => options.Value.Channels;

    /// <inheritdoc/>
    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        void OnChanged() => _changed.Release();
        catalog.Changed += OnChanged;
        await using var otherReplicas = services.GetService<IPubSub>() is { } pubSub
            ? await pubSub.SubscribeAsync(new TopicSubscription(AgentIdentityChanged.Topic, (change, _) => OnIdentityChanged(change)), stoppingToken)
            : null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await ReconcileAsync(stoppingToken);
                    await _changed.WaitAsync(stoppingToken);
                    // One reconcile reads the catalog as it is, so it covers every change signalled so far (a burst of changes, and
                    // this replica's own change heard again from the topic).
                    while (_changed.Wait(0, CancellationToken.None))
                    {
                    }
                }
                catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
                {
                    Log.ChannelMembersNotUpdated(logger, failure);
                    await Task.Delay(Settings.RetryDelay, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            catalog.Changed -= OnChanged;
            foreach (var member in _members.Values)
            {
                await member.Stop.CancelAsync();
            }

            await Task.WhenAll(_members.Values.Select(m => m.Loop));
            foreach (var member in _members.Values)
            {
                member.Stop.Dispose();
            }
        }
    }

    private ValueTask<DeliveryResult> OnIdentityChanged(CloudEvent cloudEvent)
    {
        if (cloudEvent.GetData<AgentIdentityChanged>() is not { } change)
        {
            return ValueTask.FromResult(DeliveryResult.Drop);
        }

        if (AgentId.TryParse(change.AgentId, out var agent) && agent.Type == LlmAgent.AgentType)
        {
            _changed.Release();
        }

        return ValueTask.FromResult(DeliveryResult.Success);
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        var wanted = await catalog.ListChannelMembersAsync(cancellationToken);

        foreach (var (name, member) in _members.ToList())
        {
            if (!wanted.TryGetValue(name, out var agent) || !ReferenceEquals(agent, member.Options))
            {
                _members.Remove(name);
                await member.Stop.CancelAsync();
                await member.Loop;
                member.Stop.Dispose();
            }
        }

        foreach (var (name, agent) in wanted)
        {
            if (!_members.ContainsKey(name))
            {
                var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                _members[name] = (agent, stop, Task.Run(() => ListenAsync(name, agent, stop.Token), CancellationToken.None));
            }
        }
    }

    private async Task ListenAsync(string name, LlmAgentOptions agent, CancellationToken cancellationToken)
    {
        var agentId = LlmAgentCatalog.MemberIdOf(name);
        Log.ChannelMemberListening(logger, agentId, agent.Channels.Count);
        var inbox = services.GetRequiredService<InboxService>();
        var channels = services.GetRequiredService<ChannelService>();
        var responder = new LlmChannelResponder(
            channels, services.GetRequiredService<AgentRequestService>(), services.GetRequiredService<LlmTaskExecutor>(),
            services.GetRequiredService<LlmTokenEstimator>(), Settings, time, logger);
        try
        {
            await JoinAllAsync(channels, agentId, agent, cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                IReadOnlyList<InboxDelivery> deliveries;
                try
                {
                    deliveries = await inbox.ReadAsync(agentId, Settings.ReadBatch, Settings.ReadWait, cancellationToken);
                }
                catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
                {
                    Log.ChannelInboxNotRead(logger, failure, agentId);
                    await Task.Delay(Settings.RetryDelay, time, cancellationToken);
                    continue;
                }

                foreach (var delivery in deliveries)
                {
                    try
                    {
                        await responder.HandleAsync(name, agent, delivery.Message, cancellationToken);
                        await inbox.AcknowledgeAsync(agentId, [delivery.DeliveryId], cancellationToken);
                    }
                    catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
                    {
                        var spent = LlmTaskExecutor.SpentBefore(failure);
                        Log.ChannelDeliveryNotAnswered(
                            logger, failure, agentId, delivery.DeliveryId, delivery.Attempt, spent?.Usage.TotalTokens ?? 0, spent?.ToolCalls.Count ?? 0);
                        await inbox.HandBackAsync(agentId, [delivery.DeliveryId], CancellationToken.None);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task JoinAllAsync(ChannelService channels, string agentId, LlmAgentOptions agent, CancellationToken cancellationToken)
    {
        foreach (var channel in agent.Channels.Select(ChannelId.Create))
        {
            while (true)
            {
                try
                {
                    await JoinAsync(channels, channel, agentId, cancellationToken);
                    break;
                }
                catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
                {
                    Log.ChannelNotJoined(logger, failure, agentId, channel.Value);
                    await Task.Delay(Settings.RetryDelay, time, cancellationToken);
                }
            }
        }
    }

    private static async Task JoinAsync(ChannelService channels, ChannelId channel, string agentId, CancellationToken cancellationToken)
    {
        try
        {
            await channels.JoinAsync(channel, agentId, cancellationToken);
        }
        catch (ChannelNotFoundException)
        {
            try
            {
                await channels.CreateAsync(channel, channel.Value, $"Created for {agentId}.", agentId, cancellationToken);
            }
            catch (ChannelAlreadyExistsException)
            {
                await channels.JoinAsync(channel, agentId, cancellationToken);
            }
        }
    }
}
