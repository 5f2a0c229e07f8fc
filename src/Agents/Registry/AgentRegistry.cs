using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.Runtime.PubSub;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Agents.Registry;

/// <summary><see cref="IAgentRegistry"/> over the process's <see cref="AgentRegistryIndex"/>: subscribes to
/// <see cref="AgentRegistryEntry.Topic"/>, then loads the entry of every registered agent, and of every in-process agent that
/// declares task capabilities in code (<paramref name="inProcessTaskAgents"/>), from its presence actor.</summary>
/// <remarks>Subscribing before loading means no change is missed: a change published during the load is applied by the event or
/// read by the load, and the index keeps the higher version either way. A failed load is retried by the next match.</remarks>
internal sealed class AgentRegistry(
    AgentRegistryIndex index, IPubSub pubSub, IAgentIdentityStore identities, IAgentPresence presence, ILogger logger, IReadOnlyList<string>? inProcessTaskAgents = null)
    : IAgentRegistry, IAsyncDisposable
{
    private const int LoadPageSize = 1000;

    private readonly SemaphoreSlim _loading = new(1, 1);
    private IAsyncDisposable? _subscription;
    private volatile bool _loaded;

    /// <inheritdoc/>
    public async ValueTask<AgentMatch> MatchAsync(CapabilityRequest request, int limit, CancellationToken cancellationToken = default)
    {
        await EnsureLoadedAsync(cancellationToken);
        return index.Match(request, limit);
    }

    /// <inheritdoc/>
    public async ValueTask<AgentRegistryEntry?> FindAsync(string agentId, CancellationToken cancellationToken = default)
    {
        await EnsureLoadedAsync(cancellationToken);
        return index.Find(agentId);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyDictionary<AgentStatus, int>> CountByStatusAsync(CancellationToken cancellationToken = default)
    {
        await EnsureLoadedAsync(cancellationToken);
        return index.CountByStatus();
    }

    private async ValueTask EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (!_loaded)
        {
            await LoadAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }

        _loading.Dispose();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_loaded)
            {
                return;
            }

            _subscription ??= await pubSub.SubscribeAsync(new TopicSubscription(AgentRegistryEntry.Topic, OnEntryAsync), cancellationToken);
            string? after = null;
            var count = 0;
            do
            {
                var page = await identities.ListAsync(after, LoadPageSize, cancellationToken: cancellationToken);
                foreach (var profile in page.Agents)
                {
                    index.Apply(await presence.GetEntryAsync(profile.Id, cancellationToken));
                    count++;
                }

                after = page.NextCursor;
            }
            while (after is not null);

            foreach (var agentId in inProcessTaskAgents ?? [])
            {
                index.Apply(await presence.GetEntryAsync(agentId, cancellationToken));
                count++;
            }

            _loaded = true;
            Log.RegistryIndexLoaded(logger, count);
        }
        finally
        {
            _loading.Release();
        }
    }

    private ValueTask<DeliveryResult> OnEntryAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        if (cloudEvent.GetData<AgentRegistryEntry>() is not { } entry)
        {
            return ValueTask.FromResult(DeliveryResult.Drop);
        }

        index.Apply(entry);
        return ValueTask.FromResult(DeliveryResult.Success);
    }
}
