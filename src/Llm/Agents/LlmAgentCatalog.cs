using System.Collections.Concurrent;
using AgentPlatform.Agents.Core;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.Runtime.Actors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Llm.Agents;

/// <summary>Every LLM agent: those configured under <c>Llm:Agents</c> (read-only) and those registered through the operator API
/// (persisted in an actor, so they survive restarts and every replica reads the same set).</summary>
/// <remarks>A registered agent's key is resolved from <c>Llm:Keys</c> or the secret store when the agent is first used after a change,
/// and kept in memory only; it is never stored with the registration, logged or returned.
/// <para>The actor runtime and registry are resolved on first use, so configured agents run without them.</para></remarks>
public sealed class LlmAgentCatalog(IOptions<LlmOptions> options, IServiceProvider services, ILlmSecretReader secrets)
{
    private readonly ConcurrentDictionary<string, (long Revision, LlmAgentOptions Options)> _resolved = new(StringComparer.Ordinal);

    private IActorRuntime Actors => services.GetRequiredService<IActorRuntime>();

    private IAgentPresence Presence => services.GetRequiredService<IAgentPresence>();

    /// <summary>Raised after an agent was registered, replaced or removed through this catalog.</summary>
    /// <remarks>The other replicas of the host learn of the change from an identity change of the agent (see
    /// <see cref="IAgentIdentityChanges"/>), which their channel listeners reconcile on.</remarks>
    public event Action? Changed;

    /// <summary>The agent id of LLM agent <paramref name="name"/>: <c>llm/&lt;name&gt;</c>.</summary>
    public static string AgentIdOf(string name) => AgentId.Create(LlmAgent.AgentType, name).ToString();

    /// <summary>The id LLM agent <paramref name="name"/> has as a channel member and inbox owner: <c>llm:&lt;name&gt;</c>, the form of its
    /// agent id that actor keys accept (no <c>/</c>) and <see cref="AgentId.Parse"/> reads as the same agent.</summary>
    public static string MemberIdOf(string name) => $"{LlmAgent.AgentType}:{name}";

    /// <summary>True when agent <paramref name="name"/> is configured (and so cannot be changed through the API).</summary>
    public bool IsConfigured(string name) => options.Value.Agents.ContainsKey(name);

    /// <summary>The options of agent <paramref name="name"/>, key included, or null when there is no such agent.</summary>
    /// <exception cref="InvalidOperationException">The registered agent's key cannot be resolved.</exception>
    public async ValueTask<LlmAgentOptions?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        if (options.Value.Agents.TryGetValue(name, out var configured))
        {
            return configured;
        }

        var registered = await ListRegisteredAsync(cancellationToken);
        return registered.TryGetValue(name, out var stored) ? await ResolveAsync(name, stored, cancellationToken) : null;
    }

    /// <summary>The options of every agent, keys included, by name, from one read of the registered agents.</summary>
    /// <exception cref="InvalidOperationException">A registered agent's key cannot be resolved.</exception>
    public ValueTask<IReadOnlyDictionary<string, LlmAgentOptions>> ListAsync(CancellationToken cancellationToken = default) =>
        ListAsync(static _ => true, cancellationToken);

    /// <summary>The options of every agent that is a member of at least one channel, keys included, by name, from one read of the
    /// registered agents; the keys of the others are not resolved.</summary>
    /// <exception cref="InvalidOperationException">A registered member's key cannot be resolved.</exception>
    public ValueTask<IReadOnlyDictionary<string, LlmAgentOptions>> ListChannelMembersAsync(CancellationToken cancellationToken = default) =>
        ListAsync(static channels => channels.Count > 0, cancellationToken);

    private async ValueTask<IReadOnlyDictionary<string, LlmAgentOptions>> ListAsync(
        Func<IReadOnlyCollection<string>, bool> withChannels, CancellationToken cancellationToken)
    {
        var all = options.Value.Agents.Where(a => withChannels(a.Value.Channels)).ToDictionary(StringComparer.Ordinal);
        foreach (var (name, stored) in await ListRegisteredAsync(cancellationToken))
        {
            if (!options.Value.Agents.ContainsKey(name) && withChannels(stored.Registration.Channels ?? []))
            {
                all[name] = await ResolveAsync(name, stored, cancellationToken);
            }
        }

        return all;
    }

    /// <summary>The agents registered through the API, by name.</summary>
    public async ValueTask<IReadOnlyDictionary<string, StoredLlmAgent>> ListRegisteredAsync(CancellationToken cancellationToken = default) =>
        await Actors.InvokeAsync<bool, Dictionary<string, StoredLlmAgent>>(
            LlmAgentDirectoryActor.Address, LlmAgentDirectoryActor.ListMethod, true, cancellationToken);

    /// <summary>The problems of registering <paramref name="registration"/> as <paramref name="name"/>, each naming its field; empty when
    /// it is valid.</summary>
    public IReadOnlyList<(string Field, string Message)> Validate(string name, LlmAgentRegistration registration) =>
        LlmAgentRegistrationRules.Check(name, registration, options.Value, secrets.IsAvailable);

    /// <summary>Registers or replaces agent <paramref name="name"/> and declares it to the registry; answers it as stored, whose
    /// revision is 1 when it is new.</summary>
    /// <exception cref="ArgumentException">The registration is invalid (see <see cref="Validate"/>) or the name is configured.</exception>
    public async ValueTask<StoredLlmAgent> PutAsync(string name, LlmAgentRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (Validate(name, registration) is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems.Select(p => $"{p.Field}: {p.Message}")), nameof(registration));
        }

        var stored = await Actors.InvokeAsync<PutLlmAgent, StoredLlmAgent>(
            LlmAgentDirectoryActor.Address, LlmAgentDirectoryActor.PutMethod, new PutLlmAgent(name, registration), cancellationToken);
        await DeclareAsync(name, registration.Capabilities ?? new Dictionary<string, double>(), registration.MaxConcurrentTasks ?? 1, cancellationToken);
        await AnnounceAsync(name);
        return stored;
    }

    /// <summary>Removes registered agent <paramref name="name"/> and withdraws it from the registry; answers false when there was none.</summary>
    public async ValueTask<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        var removed = await Actors.InvokeAsync<string, bool>(
            LlmAgentDirectoryActor.Address, LlmAgentDirectoryActor.RemoveMethod, name, cancellationToken);
        if (removed)
        {
            _resolved.TryRemove(name, out _);
            var agentId = AgentIdOf(name);
            await Presence.RemoveAsync(agentId, cancellationToken);
            Observe(await Presence.GetEntryAsync(agentId, cancellationToken));
            await AnnounceAsync(name);
        }

        return removed;
    }

    /// <summary>Declares agent <paramref name="name"/>'s capabilities and task limit to the registry.</summary>
    internal async ValueTask DeclareAsync(string name, IReadOnlyDictionary<string, double> capabilities, int maxConcurrentTasks, CancellationToken cancellationToken)
    {
        var agentId = AgentIdOf(name);
        await Presence.DeclareAsync(agentId, new AgentDeclaration(capabilities, maxConcurrentTasks), cancellationToken);
        Observe(await Presence.GetEntryAsync(agentId, cancellationToken));
    }

    /// <summary>Tells this process and, when the host runs as several replicas, the others that agent <paramref name="name"/> changed.</summary>
    private async ValueTask AnnounceAsync(string name)
    {
        Changed?.Invoke();
        if (services.GetService<IAgentIdentityChanges>() is { } replicas)
        {
            await replicas.PublishAsync(AgentIdOf(name), CancellationToken.None);
        }
    }

    private void Observe(AgentRegistryEntry entry)
    {
        foreach (var observer in services.GetServices<IAgentRegistryObserver>())
        {
            observer.Observe(entry);
        }
    }

    private async ValueTask<LlmAgentOptions> ResolveAsync(string name, StoredLlmAgent stored, CancellationToken cancellationToken)
    {
        if (_resolved.TryGetValue(name, out var known) && known.Revision == stored.Revision)
        {
            return known.Options;
        }

        var resolved = stored.Registration.ToOptions(await KeyOfAsync(name, stored.Registration, cancellationToken));
        _resolved[name] = (stored.Revision, resolved);
        return resolved;
    }

    private async ValueTask<string> KeyOfAsync(string name, LlmAgentRegistration registration, CancellationToken cancellationToken)
    {
        if (registration.ApiKeyRef is { } reference)
        {
            return options.Value.Keys.TryGetValue(reference, out var key)
                ? key
                : throw new InvalidOperationException($"LLM agent '{name}' names key '{reference}', which {LlmOptions.SectionName}:Keys does not hold.");
        }

        return await secrets.ReadAsync(registration.ApiKeySecret!, cancellationToken);
    }
}
