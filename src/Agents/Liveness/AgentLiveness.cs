using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.PubSub;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Agents.Liveness;

/// <summary>Builds agent liveness for hosts that wire the runtime by hand; <c>services.AddAgentLiveness()</c> does the same through DI.</summary>
/// <remarks>
/// <para>Each agent has a presence actor of type <see cref="ActorType"/> keyed by its agent id (<c>%</c> and <c>/</c> escaped as
/// <c>%25</c> and <c>%2F</c>). Its status and last heartbeat are actor state, kept authoritative in the active actor's memory: a heartbeat
/// is one turn, durably written when it changes the status and otherwise only once the persisted time is
/// <see cref="AgentLivenessOptions.PersistHeartbeatEvery"/> old (and on deactivation), so the persisted last heartbeat may lag by at
/// most that bound while status changes are durable before the answer.
/// A durable reminder with period <see cref="AgentLivenessOptions.HeartbeatInterval"/> (or the agent's own, see <see cref="AgentDeclaration"/>), registered when the agent comes online and
/// removed when it goes offline, turns it <see cref="AgentStatus.Offline"/> at the first check at least
/// <c>HeartbeatInterval × MissedHeartbeatsBeforeOffline</c> after its last heartbeat (never earlier, at most one interval later), and
/// after a restart not before <see cref="AgentLivenessOptions.RestartGrace"/> has passed since the runtime started;
/// being a reminder, the check survives deactivation and restarts. Every status change is published as
/// <see cref="AgentStatusChanged"/> on <see cref="AgentStatusChanged.Topic"/>.</para>
/// <para>Agents of in-process agent types (an id <c>type/key</c> whose type the programming model hosts) are activated by the runtime
/// on demand and so are always alive: they read <see cref="AgentStatus.Idle"/> (or what they declared, or what their load says)
/// without heartbeats, never turn offline and publish nothing.</para>
/// <para>The same actor holds the agent's work side (declared capabilities and task limit, load, track record, see
/// <see cref="IAgentWorkload"/>); every change that matching cares about is published as an <see cref="AgentRegistryEntry"/> on
/// <see cref="AgentRegistryEntry.Topic"/>.</para>
/// </remarks>
public static class AgentLiveness
{
    /// <summary>The actor type of presence actors.</summary>
    public const string ActorType = AgentPresenceActor.ActorType;

    /// <summary>Creates the registration of the presence actor type, to host with the actor runtime.</summary>
    /// <param name="options">Heartbeat timing; validated here.</param>
    /// <param name="pubSub">Where status changes are published.</param>
    /// <param name="inProcessAgentTypes">Agent types hosted by the programming model in this process, always alive.</param>
    /// <param name="logger">Where publish failures are logged.</param>
    /// <exception cref="OptionsValidationException"><paramref name="options"/> are not valid.</exception>
    public static ActorTypeRegistration CreateActorType(
        AgentLivenessOptions options, IPubSub pubSub, IEnumerable<string>? inProcessAgentTypes = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pubSub);
        var validation = new AgentLivenessOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(AgentLivenessOptions), validation.Failures);
        }

        var context = new AgentPresenceContext(options, pubSub, inProcessAgentTypes ?? [], logger ?? NullLogger.Instance);
        return new ActorTypeRegistration(ActorType, host => new AgentPresenceActor(host, context));
    }

    /// <summary>Creates the presence service calling presence actors through <paramref name="actors"/>; it is also the
    /// <see cref="IAgentWorkload"/> of those agents.</summary>
    /// <param name="actors">The runtime hosting the presence actor type.</param>
    /// <param name="options">The bounds declarations are checked against; the defaults when null.</param>
    /// <param name="observers">Told of every registry entry a change through the service produced, before the call returns.</param>
    public static IAgentPresence CreatePresence(
        IActorRuntime actors, AgentLivenessOptions? options = null, IEnumerable<IAgentRegistryObserver>? observers = null)
    {
        ArgumentNullException.ThrowIfNull(actors);
        return new AgentPresenceService(actors, options ?? new AgentLivenessOptions(), observers ?? []);
    }
}
