namespace AgentPlatform.Agents.Teams;

/// <summary>The declared teams, durable in actor state (embedded and Dapr mode alike).</summary>
/// <remarks>Every change is durable before the call returns; a read sees every change that returned before it started.</remarks>
public interface ITeamStore
{
    /// <summary>Declares or replaces a team; true when it is new.</summary>
    ValueTask<bool> PutAsync(TeamDeclaration team, CancellationToken cancellationToken = default);

    /// <summary>The team's declaration, or null when no such team is declared.</summary>
    ValueTask<TeamDeclaration?> GetAsync(string teamId, CancellationToken cancellationToken = default);

    /// <summary>Every declared team, ordered by id.</summary>
    ValueTask<IReadOnlyList<TeamDeclaration>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes a team's declaration; false when there was none.</summary>
    ValueTask<bool> DeleteAsync(string teamId, CancellationToken cancellationToken = default);
}
