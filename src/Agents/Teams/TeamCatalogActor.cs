using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Teams;

/// <summary>Every declared team, one state key per team and a sorted list of ids, in one actor so that a declaration, its
/// replacement and its removal are ordered and each is durable (committed at the end of the turn) before it is answered.</summary>
/// <remarks>Teams are declared by the operator and few, so one actor serves them all.</remarks>
internal sealed class TeamCatalogActor(ActorHost host) : Actor(host)
{
    public const string TypeName = "team-catalog";
    public const string SingletonKey = "all";
    public const string PutMethod = "put";
    public const string GetMethod = "get";
    public const string ListMethod = "list";
    public const string DeleteMethod = "delete";

    private const string IdsKey = "ids";
    private const string TeamPrefix = "team:";

    public override async ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken)
    {
        switch (call.Method)
        {
            case PutMethod:
                return await PutAsync(ActorPayload.Read<TeamDeclaration>(call), cancellationToken);
            case GetMethod:
                return await GetAsync(ActorPayload.Read<string>(call), cancellationToken);
            case ListMethod:
                var teams = new List<TeamDeclaration>();
                foreach (var id in await IdsAsync(cancellationToken))
                {
                    if (await GetAsync(id, cancellationToken) is { } team)
                    {
                        teams.Add(team);
                    }
                }

                return teams;
            case DeleteMethod:
                return await DeleteAsync(ActorPayload.Read<string>(call), cancellationToken);
            default:
                throw new ActorMethodNotFoundException(Id, call.Method);
        }
    }

    private async ValueTask<List<string>> IdsAsync(CancellationToken cancellationToken) =>
        await StateManager.GetStateOrDefaultAsync<List<string>?>(IdsKey, null, cancellationToken) ?? [];

    private async ValueTask<TeamDeclaration?> GetAsync(string teamId, CancellationToken cancellationToken) =>
        await StateManager.GetStateOrDefaultAsync<TeamDeclaration?>(TeamPrefix + teamId, null, cancellationToken);

    /// <returns>True when the team is new, false when it replaced a declaration.</returns>
    private async ValueTask<bool> PutAsync(TeamDeclaration team, CancellationToken cancellationToken)
    {
        var ids = await IdsAsync(cancellationToken);
        var index = ids.BinarySearch(team.Id, StringComparer.Ordinal);
        if (index < 0)
        {
            ids.Insert(~index, team.Id);
            StateManager.SetState(IdsKey, ids);
        }

        StateManager.SetState(TeamPrefix + team.Id, team);
        return index < 0;
    }

    private async ValueTask<bool> DeleteAsync(string teamId, CancellationToken cancellationToken)
    {
        var ids = await IdsAsync(cancellationToken);
        var index = ids.BinarySearch(teamId, StringComparer.Ordinal);
        if (index < 0)
        {
            return false;
        }

        ids.RemoveAt(index);
        StateManager.SetState(IdsKey, ids);
        StateManager.RemoveState(TeamPrefix + teamId);
        return true;
    }
}
