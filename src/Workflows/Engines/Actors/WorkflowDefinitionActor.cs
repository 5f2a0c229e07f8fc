using System.Globalization;
using System.Text.Json;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Holds every registered version of one definition id. A version, once stored, never changes: registering the
/// same content again is a no-op, different content under an existing version is a conflict.</summary>
internal sealed class WorkflowDefinitionActor : Actor
{
    private const string VersionsKey = "versions";

    public WorkflowDefinitionActor(ActorHost host)
        : base(host)
    {
    }

    public override async ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken)
    {
        var versions = await StateManager.GetStateOrDefaultAsync(VersionsKey, new List<int>(), cancellationToken);
        switch (call.Method)
        {
            case DefinitionMethods.Register:
                {
                    var definition = ActorPayload.Read<WorkflowDefinition>(call);
                    if (versions.Contains(definition.Version))
                    {
                        var stored = await GetAsync(definition.Version, cancellationToken);
                        var same = stored is not null && Canonical(stored) == Canonical(definition);
                        return new DefinitionRegistration(same ? DefinitionRegistrationOutcome.Unchanged : DefinitionRegistrationOutcome.Conflict, stored ?? definition);
                    }

                    versions.Add(definition.Version);
                    versions.Sort();
                    StateManager.SetState(VersionKey(definition.Version), new StoredWorkflowDefinition(definition));
                    StateManager.SetState(VersionsKey, versions);
                    await StateManager.SaveStateAsync(cancellationToken);
                    return new DefinitionRegistration(DefinitionRegistrationOutcome.Created, definition);
                }

            case DefinitionMethods.Get:
                {
                    var version = ActorPayload.Read<int>(call);
                    if (version == 0)
                    {
                        if (versions.Count == 0)
                        {
                            return null;
                        }

                        version = versions[^1];
                    }

                    return versions.Contains(version) ? await GetAsync(version, cancellationToken) : null;
                }

            case DefinitionMethods.Versions:
                return versions;
            default:
                throw new ActorMethodNotFoundException(Id, call.Method);
        }
    }

    private async ValueTask<WorkflowDefinition?> GetAsync(int version, CancellationToken cancellationToken)
    {
        var (found, stored) = await StateManager.TryGetStateAsync<StoredWorkflowDefinition>(VersionKey(version), cancellationToken);
        return found ? stored?.Definition : null;
    }

    private static string VersionKey(int version) => "v-" + version.ToString(CultureInfo.InvariantCulture);

    private static string Canonical(WorkflowDefinition definition) => JsonSerializer.Serialize(definition, WorkflowJson.Options);
}
