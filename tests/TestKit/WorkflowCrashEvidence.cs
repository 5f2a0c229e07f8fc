using System.Globalization;
using System.Net;
using System.Text.Json;

namespace AgentPlatform.TestKit;

/// <summary>What the workflow crash tests read from a real host: finished instances over HTTP, and the built-in echo
/// agent's execution log (one <c>{UTC time, round-trip format} {task id}</c> line per run, durable before the result).</summary>
public static class WorkflowCrashEvidence
{
    /// <summary>Long-polls <c>GET /api/v1/workflows/instances/{id}?wait=30</c> until the instance is neither running nor
    /// pending, for at most ten polls.</summary>
    public static async Task<JsonElement> WaitForFinishAsync(HttpClient client, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            using var response = await client.GetAsync(new Uri($"api/v1/workflows/instances/{instanceId}?wait=30", UriKind.Relative), cancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var state = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
            if (state.GetProperty("status").GetString() is not ("running" or "pending"))
            {
                return state;
            }
        }

        throw new TimeoutException($"Instance {instanceId} did not finish.");
    }

    /// <summary>Reads the echo agent's execution log; lines that do not parse (a write cut by a kill) are skipped.</summary>
    public static List<TaskExecution> ReadExecutions(string path)
    {
        var executions = new List<TaskExecution>();
        foreach (var line in File.ReadAllLines(path))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && DateTimeOffset.TryParseExact(line[..space], "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            {
                executions.Add(new TaskExecution(at, line[(space + 1)..]));
            }
        }

        return executions;
    }
}

/// <summary>One line of the echo agent's execution log: when a run of the task ended (just before its result).</summary>
public sealed record TaskExecution(DateTimeOffset At, string TaskId);
