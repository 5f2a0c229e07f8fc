using System.Text.Json.Nodes;
using AgentPlatform.DaprSidecar.Actors;
using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.DaprSidecar.Hosting;
using AgentPlatform.DaprSidecar.Json;

namespace AgentPlatform.DaprSidecar.Api.Http;

internal static partial class ActorEndpoints
{
    // Timers live in memory on the activation and accept the full ISO 8601 period (Y/M/W/D included); the callback body
    // echoes the registration.
    private static async Task<IResult> CreateTimerAsync(
        HttpContext context, string actorType, string actorId, string name, Sidecar sidecar, ClusterRuntime cluster)
    {
        if (!sidecar.ActorConfig.Entities.Contains(actorType))
        {
            return DaprError.Of(StatusCodes.Status500InternalServerError, "ERR_ACTOR_TIMER_CREATE", $"actor type {actorType} is not hosted by this app");
        }

        var (body, schedule, error) = await ReadScheduleAsync(context.Request, allowCalendarUnits: true, cluster.Time.GetUtcNow(), "ERR_ACTOR_TIMER_CREATE", "timer");
        if (error is not null)
        {
            return error;
        }

        var callbackBody = new JsonObject
        {
            ["callback"] = GoJson.String(body, "callback") ?? "",
            ["data"] = GoJson.TryGet(body, "data", out var data) ? JsonNode.Parse(data.GetRawText()) : null,
            ["dueTime"] = GoJson.String(body, "dueTime") ?? "",
            ["period"] = GoJson.String(body, "period") ?? "",
        };
        try
        {
            cluster.Actors.SetTimer(new ActorKey(actorType, actorId),
                new ActorTimer(name, callbackBody.ToJsonString(), schedule.FirstFire, schedule.Period, schedule.ExpiresAt));
        }
        catch (ActorPlacementException exception)
        {
            return DaprError.Of(StatusCodes.Status500InternalServerError, "ERR_ACTOR_TIMER_CREATE", exception.Message);
        }

        return Results.NoContent();
    }

    private static IResult DeleteTimer(string actorType, string actorId, string name, ClusterRuntime cluster)
    {
        cluster.Actors.DeleteTimer(new ActorKey(actorType, actorId), name);
        return Results.NoContent();
    }
}
