using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Dapr.Actors;
using AgentPlatform.Runtime.Dapr.Hosting;
using AgentPlatform.Runtime.Reminders;

namespace AgentPlatform.Runtime.Dapr.Reminders;

/// <summary>Durable reminders on Dapr's actor reminder API (<c>/v1.0/actors/{type}/{id}/reminders/{name}</c>), the same HTTP
/// API Dapr.Actors uses from inside an actor, so reminders can be managed from outside a turn as well.</summary>
/// <remarks>Periods are written as Go durations in hours, minutes, seconds and milliseconds, never with the Y/M/W/D units
/// Dapr's Scheduler rejects. The data Dapr stores is the <see cref="ReminderEnvelope"/> in base64, as Dapr.Actors writes
/// reminder data, so the SDK hands it to the shim untouched. Dapr only manages reminders of actor types this app hosts.</remarks>
public sealed class DaprReminderService : IReminderService, IDisposable
{
    private readonly HttpClient _http;

    /// <summary>Creates the service over the sidecar at <paramref name="httpEndpoint"/>.</summary>
    /// <param name="httpEndpoint">The sidecar's HTTP API, for example <c>http://127.0.0.1:3500</c>.</param>
    /// <param name="apiToken">The <c>dapr-api-token</c> to send, or null.</param>
    public DaprReminderService(string httpEndpoint, string? apiToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(httpEndpoint);
        _http = new HttpClient { BaseAddress = new Uri(httpEndpoint.TrimEnd('/') + "/v1.0/actors/", UriKind.Absolute) };
        if (!string.IsNullOrEmpty(apiToken))
        {
            _http.DefaultRequestHeaders.Add(DaprCallbackToken.HeaderName, apiToken);
        }
    }

    /// <inheritdoc/>
    public async Task RegisterAsync(ActorId actor, ReminderRegistration reminder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        ActorNames.ThrowIfInvalid(reminder.Name, nameof(reminder));
        ArgumentOutOfRangeException.ThrowIfLessThan(reminder.DueTime, TimeSpan.Zero, nameof(reminder));
        if (reminder.Period is { } period)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.FromMilliseconds(1), nameof(reminder));
        }

        var body = new ReminderBody(
            GoDuration(reminder.DueTime),
            reminder.Period is { } every ? GoDuration(every) : null,
            new ReminderEnvelope(reminder.DueTime, reminder.Period, reminder.Data).ToBytes());
        using var response = await _http.PutAsJsonAsync(Path(actor, reminder.Name), body, ReminderBodyJson.Default.ReminderBody, cancellationToken);
        await EnsureSuccessAsync(response, "register", actor, reminder.Name, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<ReminderRegistration?> GetAsync(ActorId actor, string name, CancellationToken cancellationToken = default)
    {
        ActorNames.ThrowIfInvalid(name, nameof(name));
        using var response = await _http.GetAsync(new Uri(Path(actor, name), UriKind.Relative), cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.NoContent)
        {
            return null;
        }

        await EnsureSuccessAsync(response, "read", actor, name, cancellationToken);
        var stored = await response.Content.ReadFromJsonAsync(ReminderBodyJson.Default.ReminderBody, cancellationToken);
        if (stored?.Data is not { Length: > 0 } data)
        {
            return null;
        }

        var envelope = ReminderEnvelope.Read(data);
        return new ReminderRegistration(name, envelope.DueTime, envelope.Period, envelope.Data);
    }

    /// <inheritdoc/>
    public async Task UnregisterAsync(ActorId actor, string name, CancellationToken cancellationToken = default)
    {
        ActorNames.ThrowIfInvalid(name, nameof(name));
        using var response = await _http.DeleteAsync(new Uri(Path(actor, name), UriKind.Relative), cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, "remove", actor, name, cancellationToken);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    /// <summary>A non-negative time span as the Go duration Dapr reads (<c>49h0m1s500ms</c>): hours, never days.</summary>
    public static string GoDuration(TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
        var hours = (long)value.TotalHours;
        return string.Create(CultureInfo.InvariantCulture, $"{hours}h{value.Minutes}m{value.Seconds}s{value.Milliseconds}ms");
    }

    private static string Path(ActorId actor, string name) =>
        $"{actor.Type}/{DaprNameCodec.Encode(actor.Key)}/reminders/{DaprNameCodec.Encode(name)}";

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string action, ActorId actor, string name, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var detail = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new InvalidOperationException(
            $"The sidecar refused to {action} reminder '{name}' of actor {actor}: {(int)response.StatusCode} {detail}");
    }

    /// <summary>The body of Dapr's reminder API.</summary>
    internal sealed record ReminderBody(
        [property: JsonPropertyName("dueTime")] string? DueTime,
        [property: JsonPropertyName("period")] string? Period,
        [property: JsonPropertyName("data")] byte[]? Data);
}

/// <summary>Source-generated JSON for <see cref="DaprReminderService.ReminderBody"/>; bytes are written as base64, as Dapr.Actors does.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DaprReminderService.ReminderBody))]
internal sealed partial class ReminderBodyJson : JsonSerializerContext;
