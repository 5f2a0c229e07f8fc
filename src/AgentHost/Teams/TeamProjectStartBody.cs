using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>The body of <c>POST /api/v1/teams/{id}/projects</c>.</summary>
/// <param name="Input">The project, handed to the manager as <c>project</c>; any JSON.</param>
/// <param name="RunId">The run id to use (a workflow instance id); a new one when absent. Starting the same id again answers the run.</param>
public sealed record TeamProjectStartBody(
    [property: JsonPropertyName("input")] JsonElement? Input = null,
    [property: JsonPropertyName("run_id")] string? RunId = null);
