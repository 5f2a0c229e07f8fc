using System.Text.Json;
using AgentPlatform.DaprSidecar.Durations;
using AgentPlatform.DaprSidecar.Json;

namespace AgentPlatform.DaprSidecar.Api.Http;

internal static partial class ActorEndpoints
{
    /// <summary>Reads a reminder or timer registration body: malformed JSON is 400 <c>ERR_MALFORMED_REQUEST</c>, a bad
    /// duration is 500 with <paramref name="errorCode"/>, as daprd answers them.</summary>
    private static async Task<(JsonElement Body, Schedule Schedule, IResult? Error)> ReadScheduleAsync(
        HttpRequest request, bool allowCalendarUnits, DateTimeOffset now, string errorCode, string what)
    {
        JsonElement body;
        try
        {
            using var document = JsonDocument.Parse(await ReadBodyAsync(request));
            body = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            return (default, default, DaprError.Of(StatusCodes.Status400BadRequest, "ERR_MALFORMED_REQUEST", exception.Message));
        }

        return TryReadSchedule(body, allowCalendarUnits, now, out var schedule, out var problem)
            ? (body, schedule, null)
            : (body, schedule, DaprError.Of(StatusCodes.Status500InternalServerError, errorCode, $"error creating actor {what}: {problem}"));
    }

    /// <summary>Reads <c>dueTime</c>, <c>period</c> and <c>ttl</c> as daprd does: a ttl counts from the first fire and
    /// must not have passed.</summary>
    private static bool TryReadSchedule(JsonElement body, bool allowCalendarUnits, DateTimeOffset now, out Schedule schedule, out string problem)
    {
        schedule = default;
        var dueText = GoJson.String(body, "dueTime");
        if (!DaprDuration.TryResolveTime(dueText, now, out var firstFire))
        {
            problem = $"unsupported time/duration format: dueTime '{dueText}'";
            return false;
        }

        if (!DaprDuration.TryParsePeriod(GoJson.String(body, "period"), allowCalendarUnits, out var period, out problem))
        {
            return false;
        }

        DateTimeOffset? expiresAt = null;
        var ttlText = GoJson.String(body, "ttl");
        if (!string.IsNullOrEmpty(ttlText))
        {
            if (!DaprDuration.TryResolveTime(ttlText, firstFire, out var ttlEnd))
            {
                problem = $"unsupported time/duration format: ttl '{ttlText}'";
                return false;
            }

            if (ttlEnd <= now)
            {
                problem = $"ttl '{ttlText}' is in the past";
                return false;
            }

            expiresAt = ttlEnd;
        }

        schedule = new Schedule(firstFire, period, expiresAt);
        return true;
    }

    private readonly record struct Schedule(DateTimeOffset FirstFire, DaprPeriod? Period, DateTimeOffset? ExpiresAt);
}
