using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Teams;

/// <summary><see cref="ITeamStore"/> over the one <see cref="TeamCatalogActor"/>.</summary>
internal sealed class ActorTeamStore(IActorRuntime actors) : ITeamStore
{
    private static readonly ActorId Catalog = ActorId.Create(TeamCatalogActor.TypeName, TeamCatalogActor.SingletonKey);

    /// <inheritdoc/>
    public ValueTask<bool> PutAsync(TeamDeclaration team, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(team);
        return actors.InvokeAsync<TeamDeclaration, bool>(Catalog, TeamCatalogActor.PutMethod, team, cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<TeamDeclaration?> GetAsync(string teamId, CancellationToken cancellationToken = default) =>
        actors.InvokeAsync<string, TeamDeclaration?>(Catalog, TeamCatalogActor.GetMethod, teamId, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<TeamDeclaration>> ListAsync(CancellationToken cancellationToken = default) =>
        await actors.InvokeAsync<List<TeamDeclaration>>(Catalog, TeamCatalogActor.ListMethod, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<bool> DeleteAsync(string teamId, CancellationToken cancellationToken = default) =>
        actors.InvokeAsync<string, bool>(Catalog, TeamCatalogActor.DeleteMethod, teamId, cancellationToken);
}
