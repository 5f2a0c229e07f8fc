using System.Globalization;
using System.Text;
using System.Text.Json;
using AgentPlatform.DaprSidecar.Actors;
using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.DaprSidecar.Hosting;
using AgentPlatform.DaprSidecar.Json;
using AgentPlatform.DaprSidecar.State;

namespace AgentPlatform.DaprSidecar.Api.Http;

internal static partial class ActorEndpoints
{
    private const string TtlExpireTimeHeader = "Metadata.ttlExpireTime";

    private static IResult GetState(HttpContext context, string actorType, string actorId, string key, ClusterRuntime cluster)
    {
        if (cluster.Components.ActorStateStore is not { } store)
        {
            return NoActorStore("ERR_ACTOR_STATE_GET");
        }

        var entry = cluster.State.Get(store.Name, new ActorKey(actorType, actorId).StateKey(cluster.Options.AppId, key));
        if (entry is null)
        {
            return Results.NoContent();
        }

        if (entry.ExpiresAt is { } expiresAt)
        {
            context.Response.Headers[TtlExpireTimeHeader] = expiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        return Results.Bytes(entry.Value, "application/json");
    }

    // The body is a top-level array of { operation, request: { key, value, metadata } }; only the sidecar where the actor
    // is active may write (daprd's ERR_ACTOR_INSTANCE_MISSING otherwise).
    private static async Task<IResult> SaveStateAsync(
        HttpContext context, string actorType, string actorId, Sidecar sidecar, ClusterRuntime cluster)
    {
        if (cluster.Components.ActorStateStore is not { } store)
        {
            return NoActorStore("ERR_ACTOR_STATE_TRANSACTION_SAVE");
        }

        var actor = new ActorKey(actorType, actorId);
        if (!cluster.Actors.IsActiveOn(actor, sidecar.Replica))
        {
            return DaprError.Of(StatusCodes.Status400BadRequest, "ERR_ACTOR_INSTANCE_MISSING", $"actor instance {actor} is not active on this sidecar");
        }

        List<StateWrite> writes;
        try
        {
            writes = ReadActorTransaction(await ReadBodyAsync(context.Request), cluster.Options.AppId, actor);
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            return DaprError.Of(StatusCodes.Status400BadRequest, "ERR_MALFORMED_REQUEST", exception.Message);
        }

        try
        {
            cluster.State.Apply(store.Name, writes);
            return Results.NoContent();
        }
        catch (StateConflictException exception)
        {
            return DaprError.Of(StatusCodes.Status500InternalServerError, "ERR_ACTOR_STATE_TRANSACTION_SAVE", exception.Message);
        }
    }

    private static List<StateWrite> ReadActorTransaction(byte[] body, string appId, ActorKey actor)
    {
        using var document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("the body must be a JSON array of operations");
        }

        var writes = new List<StateWrite>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var operation = GoJson.String(item, "operation");
            if (!GoJson.TryGet(item, "request", out var request) || GoJson.String(request, "key") is not { Length: > 0 } key)
            {
                throw new FormatException("each operation needs request.key");
            }

            var metadata = GoJson.TryGet(request, "metadata", out var meta) && meta.ValueKind == JsonValueKind.Object
                ? meta.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString())
                : [];
            var etag = GoJson.String(request, "etag");
            writes.Add(operation?.ToLowerInvariant() switch
            {
                "upsert" => new StateWrite(actor.StateKey(appId, key),
                    Encoding.UTF8.GetBytes(GoJson.TryGet(request, "value", out var value) ? value.GetRawText() : "null"),
                    etag, false, StateStore.ParseTtl(metadata)),
                "delete" => new StateWrite(actor.StateKey(appId, key), null, etag, false, null),
                _ => throw new FormatException($"operation '{operation}' is not supported; use upsert or delete"),
            });
        }

        return writes;
    }

    private static IResult NoActorStore(string errorCode) => DaprError.Of(StatusCodes.Status500InternalServerError, errorCode,
        "actors: state store does not exist or incorrectly configured. Have you set the property 'actorStateStore' in your component YAML?");
}
