using System.Text.Json;
using System.Text.Json.Nodes;
using AgentPlatform.DaprSidecar.Actors;
using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.DaprSidecar.Hosting;
using AgentPlatform.DaprSidecar.Json;

namespace AgentPlatform.DaprSidecar.Api.Http;

internal static partial class ActorEndpoints
{
    private static async Task<IResult> CreateReminderAsync(
        HttpContext context, string actorType, string actorId, string name, Sidecar sidecar, ClusterRuntime cluster)
    {
        if (!sidecar.ActorConfig.Entities.Contains(actorType))
        {
            return NotHosted(actorType);
        }

        var (body, schedule, error) = await ReadScheduleAsync(context.Request, allowCalendarUnits: false, cluster.Time.GetUtcNow(), "ERR_ACTOR_REMINDER_CREATE", "reminder");
        if (error is not null)
        {
            return error;
        }

        var overwrite = !GoJson.TryGet(body, "overwrite", out var flag) || flag.ValueKind != JsonValueKind.False;
        var reminder = new Reminder(
            new ActorKey(actorType, actorId), name, schedule.FirstFire, schedule.Period?.Interval, schedule.Period?.Repetitions, schedule.ExpiresAt,
            GoJson.TryGet(body, "data", out var data) && data.ValueKind != JsonValueKind.Null ? data.GetRawText() : null,
            GoJson.String(body, "dueTime") ?? "", GoJson.String(body, "period") ?? "", GoJson.String(body, "ttl") ?? "", Guid.NewGuid().ToString("N"));
        if (!cluster.Reminders.Save(reminder, overwrite))
        {
            return DaprError.Of(StatusCodes.Status409Conflict, "ERR_ACTOR_REMINDER_ALREADY_EXISTS", $"reminder {name} already exists");
        }

        cluster.Scheduler.Wake();
        return Results.NoContent();
    }

    private static IResult GetReminder(string actorType, string actorId, string name, Sidecar sidecar, ClusterRuntime cluster)
    {
        if (!sidecar.ActorConfig.Entities.Contains(actorType))
        {
            return NotHosted(actorType);
        }

        if (cluster.Reminders.Get(new ActorKey(actorType, actorId), name) is not { } reminder)
        {
            return DaprError.Of(StatusCodes.Status404NotFound, "ERR_ACTOR_REMINDER_NOT_FOUND", $"reminder {name} not found");
        }

        var answer = new JsonObject { ["actorID"] = actorId, ["actorType"] = actorType };
        if (reminder.Data is not null)
        {
            answer["data"] = JsonNode.Parse(reminder.Data);
        }

        foreach (var (field, text) in new[] { ("dueTime", reminder.DueTimeText), ("period", reminder.PeriodText), ("ttl", reminder.TtlText) })
        {
            if (text.Length > 0)
            {
                answer[field] = text;
            }
        }

        return Results.Text(answer.ToJsonString(), "application/json");
    }

    private static IResult DeleteReminder(string actorType, string actorId, string name, Sidecar sidecar, ClusterRuntime cluster)
    {
        if (!sidecar.ActorConfig.Entities.Contains(actorType))
        {
            return NotHosted(actorType);
        }

        cluster.Reminders.Delete(new ActorKey(actorType, actorId), name);
        cluster.Scheduler.Wake();
        return Results.NoContent();
    }

    private static IResult NotHosted(string actorType) => DaprError.Of(StatusCodes.Status403Forbidden, "ERR_ACTOR_REMINDER_NON_HOSTED",
        $"operations on actor reminders are only possible on hosted actor types; {actorType} is not hosted by this app");
}
