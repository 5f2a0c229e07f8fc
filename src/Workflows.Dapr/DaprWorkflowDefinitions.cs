using System.Text.Json;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Workflows.Engines.Dapr;

/// <summary>Registered definitions in the state store: one document per definition id holding every version, and a
/// catalog of ids. A stored version never changes, as in the actor engine.</summary>
internal sealed class DaprWorkflowDefinitions(StateDocuments documents)
{
    private const string CatalogKey = "wf-definitions";

    public async ValueTask<DefinitionRegistration> RegisterAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        var registration = await documents.UpdateAsync<SortedDictionary<int, StoredWorkflowDefinition>, DefinitionRegistration>(
            Key(definition.Id),
            versions =>
            {
                versions ??= [];
                if (versions.TryGetValue(definition.Version, out var stored))
                {
                    var same = Canonical(stored.Definition) == Canonical(definition);
                    return (null, new DefinitionRegistration(same ? DefinitionRegistrationOutcome.Unchanged : DefinitionRegistrationOutcome.Conflict, stored.Definition));
                }

                versions[definition.Version] = new StoredWorkflowDefinition(definition);
                return (versions, new DefinitionRegistration(DefinitionRegistrationOutcome.Created, definition));
            },
            cancellationToken);
        if (registration.Outcome != DefinitionRegistrationOutcome.Conflict)
        {
            await documents.UpdateAsync<SortedSet<string>, bool>(
                CatalogKey,
                ids => (ids ?? new SortedSet<string>(StringComparer.Ordinal)) is var set && set.Add(definition.Id) ? (set, true) : (null, false),
                cancellationToken);
        }

        return registration;
    }

    public async ValueTask<WorkflowDefinition?> GetAsync(string definitionId, int? version, CancellationToken cancellationToken)
    {
        var versions = await documents.ReadAsync<SortedDictionary<int, StoredWorkflowDefinition>>(Key(definitionId), cancellationToken);
        if (versions is null || versions.Count == 0)
        {
            return null;
        }

        return version is { } wanted ? versions.GetValueOrDefault(wanted)?.Definition : versions.Last().Value.Definition;
    }

    public async ValueTask<IReadOnlyList<WorkflowDefinitionInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var ids = await documents.ReadAsync<SortedSet<string>>(CatalogKey, cancellationToken) ?? [];
        var infos = new List<WorkflowDefinitionInfo>(ids.Count);
        foreach (var id in ids)
        {
            var versions = await documents.ReadAsync<SortedDictionary<int, StoredWorkflowDefinition>>(Key(id), cancellationToken);
            infos.Add(new WorkflowDefinitionInfo(id, versions?.Keys.ToList() ?? []));
        }

        return infos;
    }

    private static string Key(string definitionId) => "wf-definition-" + definitionId;

    private static string Canonical(WorkflowDefinition definition) => JsonSerializer.Serialize(definition, WorkflowJson.Options);
}
