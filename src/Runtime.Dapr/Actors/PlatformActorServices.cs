using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Reminders;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Runtime.Dapr.Actors;

/// <summary>What every shim hands the platform actor it hosts (the runtime, reminders, clock and application services) and the
/// count of calls in flight it adds the calls it serves to.</summary>
internal sealed record PlatformActorServices(
    IActorRuntime Runtime, IReminderService Reminders, TimeProvider Time, IServiceProvider Services, ILogger Logger, ActorCallCounter Calls);
