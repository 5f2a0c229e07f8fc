using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>The sorted set of registered definition ids, so they can be listed.</summary>
internal sealed class WorkflowCatalogActor : Actor
{
    public const string Key = "all";
    private const string IdsKey = "ids";

    public WorkflowCatalogActor(ActorHost host)
        : base(host)
    {
    }

    public override async ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken)
    {
        var ids = await StateManager.GetStateOrDefaultAsync(IdsKey, new List<string>(), cancellationToken);
        switch (call.Method)
        {
            case DefinitionMethods.CatalogAdd:
                {
                    var id = ActorPayload.Read<string>(call);
                    var at = ids.BinarySearch(id, StringComparer.Ordinal);
                    if (at < 0)
                    {
                        ids.Insert(~at, id);
                        StateManager.SetState(IdsKey, ids);
                    }

                    return null;
                }

            case DefinitionMethods.CatalogList:
                return ids;
            default:
                throw new ActorMethodNotFoundException(Id, call.Method);
        }
    }
}
