using AgentPlatform.Runtime.Actors;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Workflows.Runner;

/// <summary>One shard of the instance index: instance id to summary. The service adds an entry before it starts an
/// instance and the instance updates it when it finishes, so after a crash every instance that may still run is found
/// here as running.</summary>
internal sealed class WorkflowIndexActor : Actor
{
    private const string EntriesKey = "entries";
    private Dictionary<string, WorkflowInstanceSummary>? _entries;

    public WorkflowIndexActor(ActorHost host)
        : base(host)
    {
    }

    public override async ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken)
    {
        var entries = await LoadAsync(cancellationToken);
        switch (call.Method)
        {
            case IndexMethods.Add:
                {
                    var summary = ActorPayloads.Read<WorkflowInstanceSummary>(call);
                    if (entries.TryGetValue(summary.InstanceId, out var existing))
                    {
                        return existing;
                    }

                    entries[summary.InstanceId] = summary;
                    await SaveAsync(entries, cancellationToken);
                    return null;
                }

            case IndexMethods.Update:
                {
                    var summary = ActorPayloads.Read<WorkflowInstanceSummary>(call);
                    if (entries.TryGetValue(summary.InstanceId, out var existing) && existing == summary)
                    {
                        return null;
                    }

                    entries[summary.InstanceId] = summary;
                    await SaveAsync(entries, cancellationToken);
                    return null;
                }

            case IndexMethods.Remove:
                if (entries.Remove(ActorPayloads.Read<string>(call)))
                {
                    await SaveAsync(entries, cancellationToken);
                }

                return null;
            case IndexMethods.Get:
                return entries.GetValueOrDefault(ActorPayloads.Read<string>(call));
            case IndexMethods.List:
                return entries.Values.ToList();
            default:
                throw new ActorMethodNotFoundException(Id, call.Method);
        }
    }

    private async ValueTask<Dictionary<string, WorkflowInstanceSummary>> LoadAsync(CancellationToken cancellationToken)
    {
        if (_entries is null)
        {
            var (found, entries) = await StateManager.TryGetStateAsync<Dictionary<string, WorkflowInstanceSummary>>(EntriesKey, cancellationToken);
            _entries = found && entries is not null ? new Dictionary<string, WorkflowInstanceSummary>(entries, StringComparer.Ordinal) : new(StringComparer.Ordinal);
        }

        return _entries;
    }

    private async ValueTask SaveAsync(Dictionary<string, WorkflowInstanceSummary> entries, CancellationToken cancellationToken)
    {
        StateManager.SetState(EntriesKey, entries);
        try
        {
            await StateManager.SaveStateAsync(cancellationToken);
        }
        catch
        {
            _entries = null;
            throw;
        }
    }
}
