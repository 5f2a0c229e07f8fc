using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Registry;
using AgentPlatform.Agents.Teams;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>A team's executors for one project run: resolved once, when the run starts, by the built-in step
/// <see cref="TeamSteps.Members"/>, whose recorded output every goal run gets, so a replay or a restart keeps the same team.</summary>
/// <remarks>A named executor member is in the set when it is registered (or is one of the host's in-process executors). A capability
/// selection adds up to its <c>count</c> executors not already in the set, the best of the registry's match at that moment (executors
/// only, <c>min_confidence</c> applied): available candidates first, then the host's in-process executors that match (such as the
/// built-in <c>noop</c>), then, to fill its count, executors that qualify but are busy, waiting or in error (they are members; their
/// sub-tasks wait until they can take work).</remarks>
public static class TeamExecutors
{
    private const int SpareExclusions = 32;

    /// <summary>The input of the <see cref="TeamSteps.Members"/> step: the team id and its executor members as declared.</summary>
    public static JsonObject Declared(TeamDeclaration team)
    {
        ArgumentNullException.ThrowIfNull(team);
        var members = new JsonArray();
        foreach (var member in team.Members.Where(m => m.Role == AgentRole.Executor))
        {
            var entry = TeamDefinitionParts.Selector(member.Selection);
            if (member.Selection.AgentId is null)
            {
                entry["count"] = member.Count;
            }

            members.Add(entry);
        }

        return new JsonObject { ["team"] = team.Id, ["executors"] = members };
    }

    /// <summary>The executors of <paramref name="declared"/> (the step's input), in member order.</summary>
    /// <exception cref="InvalidOperationException">No executor could be resolved.</exception>
    public static async Task<IReadOnlyList<string>> ResolveAsync(
        JsonObject declared, IAgentRegistry registry, InProcessTaskAgents inProcess, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(inProcess);
        var executorRole = AgentRoles.NameOf(AgentRole.Executor);
        var chosen = new List<string>();
        foreach (var member in (declared["executors"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (member["agent"]?.GetValue<string>() is { } named)
            {
                if (!chosen.Contains(named, StringComparer.Ordinal)
                    && (inProcess.Resolve(new AgentSelector { AgentId = named, Role = executorRole }) is not null
                        || await registry.FindAsync(named, cancellationToken) is not null))
                {
                    chosen.Add(named);
                }

                continue;
            }

            var count = member["count"]?.GetValue<int>() ?? 1;
            var capabilities = member["capabilities"].Deserialize<Dictionary<string, double>>()!;
            var minConfidence = member["min_confidence"]?.GetValue<double>() ?? 0;
            var request = CapabilityRequest.Create(capabilities, minConfidence, AgentRole.Executor);
            var inProcessExecutors = inProcess.Ranked(new AgentSelector { Capabilities = capabilities, MinConfidence = minConfidence, Role = executorRole });
            // Exclusions come ranked by score whatever their reason, so agents of other roles may take places among them.
            var match = await registry.MatchAsync(request, chosen.Count + count + SpareExclusions, cancellationToken);
            var qualifiedButOccupied = match.Excluded.Where(e =>
                e.Reason is ExclusionReason.Busy or ExclusionReason.Waiting or ExclusionReason.Error && e.Score > 0 && e.Score >= request.MinConfidence);
            chosen.AddRange(match.Candidates.Select(c => c.AgentId)
                .Concat(inProcessExecutors.Select(a => a.Id))
                .Concat(qualifiedButOccupied.Select(e => e.AgentId))
                .Where(id => !chosen.Contains(id, StringComparer.Ordinal))
                .Take(count)
                .ToList());
        }

        return chosen.Count > 0
            ? chosen
            : throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"no executor of team '{declared["team"]}' could be resolved: no named executor member is registered and no registered executor matches a capability selection"));
    }

    /// <summary>The executors a project run resolved (the output of its <see cref="TeamSteps.Members"/> step); null before they are
    /// resolved, or for a run of a definition without the step.</summary>
    internal static IReadOnlyList<string>? Of(TeamRun project) =>
        project.Step(TeamSteps.Members) is { Status: StepStatus.Completed, Output: { ValueKind: JsonValueKind.Object } output }
        && output.TryGetProperty("executors", out var executors) && executors.ValueKind == JsonValueKind.Array
            ? [.. executors.EnumerateArray().Select(e => e.GetString() ?? string.Empty)]
            : null;
}
