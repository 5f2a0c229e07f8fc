using AgentPlatform.Agents.Teams;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>Registers the two workflow definitions of a team (<see cref="TeamGoalDefinition"/>, <see cref="TeamProjectDefinition"/>)
/// when it is declared, and finds the project definition a start runs.</summary>
public static class TeamDefinitions
{
    /// <summary>The revision of the team compiler: raised whenever the definitions compiled from the same declaration change, so
    /// that a team declared by an older build is compiled again at its next start.</summary>
    public const int Revision = 2;

    /// <summary>Compiles <paramref name="team"/> and registers both definitions, the goal definition first (the project definition
    /// names its version): each keeps the latest version when it is the same, else gets the next one, so runs in flight keep theirs.</summary>
    /// <returns>The project definition and the versions to store with the team.</returns>
    /// <exception cref="WorkflowDefinitionException">A compiled definition is over a configured limit.</exception>
    public static async Task<(WorkflowDefinition Project, TeamCompiledDefinitions Compiled)> RegisterAsync(
        TeamDeclaration team, IWorkflowClient workflows, WorkflowLimitsOptions limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(workflows);
        var goal = await RegisterAsync(TeamGoalDefinition.IdFor(team.Id), version => TeamGoalDefinition.Build(team, version, limits), workflows, cancellationToken);
        var project = await RegisterAsync(
            TeamProjectDefinition.IdFor(team.Id), version => TeamProjectDefinition.Build(team, version, goal.Version, limits), workflows, cancellationToken);
        return (project, new TeamCompiledDefinitions(Revision, project.Version));
    }

    /// <summary>The project definition a new run of <paramref name="team"/> follows: the one registered when it was declared, looked
    /// up; a team declared by an older build (nothing recorded, another compiler revision, or a definition no longer found) is
    /// compiled and registered as on declaration.</summary>
    public static async Task<WorkflowDefinition> ForStartAsync(
        TeamDeclaration team, IWorkflowClient workflows, WorkflowLimitsOptions limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(workflows);
        if (team.Compiled is { Revision: Revision } compiled
            && await workflows.GetDefinitionAsync(TeamProjectDefinition.IdFor(team.Id), compiled.ProjectVersion, cancellationToken) is { } registered)
        {
            return registered;
        }

        return (await RegisterAsync(team, workflows, limits, cancellationToken)).Project;
    }

    private static async Task<WorkflowDefinition> RegisterAsync(
        string definitionId, Func<int, WorkflowDefinition> build, IWorkflowClient workflows, CancellationToken cancellationToken)
    {
        var latest = await workflows.GetDefinitionAsync(definitionId, null, cancellationToken);
        var version = latest?.Version ?? 1;
        while (true)
        {
            var definition = build(version);
            var registration = await workflows.RegisterDefinitionAsync(definition, cancellationToken);
            if (registration.Outcome != DefinitionRegistrationOutcome.Conflict)
            {
                return definition;
            }

            version++;
        }
    }
}
