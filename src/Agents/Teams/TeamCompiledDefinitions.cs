using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Teams;

/// <summary>The workflow definitions a team's declaration was compiled to and registered as when it was declared, stored with it so
/// a project start looks them up instead of compiling again.</summary>
/// <param name="Revision">The revision of the team compiler that produced them; a start compiles again when the running build's
/// revision differs.</param>
/// <param name="ProjectVersion">The registered version of the project definition, <c>team.{id}</c>; it names the goal definition's
/// version its goal runs start.</param>
public sealed record TeamCompiledDefinitions(
    [property: JsonPropertyName("revision")] int Revision,
    [property: JsonPropertyName("project_version")] int ProjectVersion);
