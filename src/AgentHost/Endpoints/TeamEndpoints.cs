using System.Text.Json;
using System.Text.Json.Nodes;
using AgentPlatform.AgentHost.Http;
using AgentPlatform.AgentHost.Teams;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Teams;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>Team declarations under <c>/api/v1/teams</c>, operator only: declare or replace (JSON or YAML), read, list, remove.</summary>
public static class TeamEndpoints
{
    /// <summary>The member that creates, and so owns, every team channel.</summary>
    public const string ChannelOwner = "platform";

    private const int MaxReportedProblems = 100;

    /// <summary>Maps the team routes, and the project routes (<see cref="TeamProjectEndpoints"/>).</summary>
    public static IEndpointRouteBuilder MapTeamEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/teams").WithTags("Teams").RequireOperatorToken();
        group.MapPut("/{id}", PutAsync).WithName("DeclareTeam").AcceptsJsonOrYaml<TeamView>();
        group.MapGet("/", ListAsync).WithName("ListTeams");
        group.MapGet("/{id}", GetAsync).WithName("GetTeam");
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteTeam");
        return endpoints.MapTeamProjectEndpoints();
    }

    private static async Task<Results<Created<TeamView>, Ok<TeamView>, ApiProblem>> PutAsync(
        string id, HttpContext context, ITeamStore teams, IAgentIdentityStore agents, ChannelService channels, IWorkflowClient workflows,
        IOptions<WorkflowLimitsOptions> limitsOptions)
    {
        var yaml = DeclarationText.IsYaml(context.Request.ContentType);
        if (!yaml && !context.Request.HasJsonContentType())
        {
            return Problems.UnsupportedMediaType(context.Request.ContentType);
        }

        var limits = limitsOptions.Value;
        if (await DeclarationText.ReadAsync(context, limits.MaxDefinitionBytes) is not { } text)
        {
            return Problems.PayloadTooLarge(limits.MaxDefinitionBytes, $"{WorkflowLimitsOptions.SectionName}:{nameof(limits.MaxDefinitionBytes)}");
        }

        TeamDeclaration team;
        try
        {
            team = TeamDeclarationReader.Read(Parse(text, yaml, limits), id);
        }
        catch (TeamDeclarationException e)
        {
            return DeclarationProblem(e.Problems);
        }

        var unknown = await UnknownAgentsAsync(team, agents, context.RequestAborted);
        if (unknown.Count > 0)
        {
            return DeclarationProblem(unknown);
        }

        try
        {
            // Registered before the team is stored, so the versions stored with it always exist.
            var (_, compiled) = await TeamDefinitions.RegisterAsync(team, workflows, limits, context.RequestAborted);
            team = team with { Compiled = compiled };
        }
        catch (WorkflowDefinitionException e)
        {
            return DeclarationProblem([.. e.Problems.Select(p => new TeamProblem("/", $"the compiled definitions break a limit: {p.Message}"))]);
        }

        await EnsureChannelAsync(team, channels, context.RequestAborted);
        var created = await teams.PutAsync(team, context.RequestAborted);
        var view = TeamView.From(team);
        return created ? TypedResults.Created($"/api/v1/teams/{team.Id}", view) : TypedResults.Ok(view);
    }

    private static async Task<Ok<TeamListView>> ListAsync(ITeamStore teams, CancellationToken cancellationToken) =>
        TypedResults.Ok(new TeamListView([.. (await teams.ListAsync(cancellationToken)).Select(TeamView.From)]));

    private static async Task<Results<Ok<TeamView>, ApiProblem>> GetAsync(string id, ITeamStore teams, CancellationToken cancellationToken) =>
        TeamRules.IsTeamId(id) && await teams.GetAsync(id, cancellationToken) is { } team
            ? TypedResults.Ok(TeamView.From(team))
            : NotFound(id);

    private static async Task<Results<NoContent, ApiProblem>> DeleteAsync(string id, ITeamStore teams, CancellationToken cancellationToken) =>
        TeamRules.IsTeamId(id) && await teams.DeleteAsync(id, cancellationToken)
            ? TypedResults.NoContent()
            : NotFound(id);

    private static ApiProblem NotFound(string id) => Problems.NotFound($"No team '{Problems.Printable(id)}' is declared.");

    /// <summary>The JSON tree of the body; a text that is not JSON or YAML becomes one problem at <c>/</c>.</summary>
    private static JsonNode? Parse(string text, bool yaml, WorkflowLimitsOptions limits)
    {
        try
        {
            return yaml
                ? YamlDocuments.ToJson(text, limits)
                : JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = limits.MaxNestingDepth });
        }
        catch (JsonException e)
        {
            throw new TeamDeclarationException([new TeamProblem("/", $"not valid JSON: {e.Message}")]);
        }
        catch (WorkflowDefinitionException e)
        {
            throw new TeamDeclarationException([.. e.Problems.Select(p => new TeamProblem("/", $"not valid YAML: {p.Message}"))]);
        }
    }

    /// <summary>A problem for every agent the declaration names by id that is not registered.</summary>
    private static async Task<List<TeamProblem>> UnknownAgentsAsync(TeamDeclaration team, IAgentIdentityStore agents, CancellationToken cancellationToken)
    {
        var named = team.Members.Select((m, i) => (Selection: (AgentSelection?)m.Selection, Path: $"/members/{i}/agent"))
            .Append((Selection: team.Planners.Manager, Path: "/planners/manager/agent"))
            .Append((Selection: team.Planners.Coordinator, Path: "/planners/coordinator/agent"));
        var problems = new List<TeamProblem>();
        foreach (var (selection, path) in named)
        {
            if (selection?.AgentId is { } agentId && await agents.GetAsync(agentId, cancellationToken) is null)
            {
                problems.Add(new TeamProblem(path, $"no agent '{agentId}' is registered"));
            }
        }

        return problems;
    }

    private static async Task EnsureChannelAsync(TeamDeclaration team, ChannelService channels, CancellationToken cancellationToken)
    {
        try
        {
            await channels.CreateAsync(ChannelId.Create(team.Channel), $"Team {team.Name}", $"Progress of team '{team.Id}', posted by the platform.", ChannelOwner, cancellationToken);
        }
        catch (ChannelAlreadyExistsException)
        {
            // Declared before, or replaced: the channel stays as it is.
        }
    }

    private static ApiProblem DeclarationProblem(IReadOnlyList<TeamProblem> problems)
    {
        var errors = problems.Take(MaxReportedProblems).Select(p => new FieldError(p.Path, p.Message)).ToList();
        if (problems.Count > MaxReportedProblems)
        {
            errors.Add(new FieldError("/", $"and {problems.Count - MaxReportedProblems} more problems"));
        }

        return Problems.Validation(errors);
    }
}
