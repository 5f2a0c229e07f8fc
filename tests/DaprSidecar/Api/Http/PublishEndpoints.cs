using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.DaprSidecar.PubSub;

namespace AgentPlatform.DaprSidecar.Api.Http;

/// <summary>daprd's HTTP publish (<c>/v1.0/publish/{pubsub}/{topic}</c>), for agents that talk to their sidecar over HTTP:
/// 204 published, 404 unknown pub/sub, 500 <c>ERR_PUBSUB_CLOUD_EVENTS_SER</c> for a payload that does not match its
/// content type. <c>metadata.*</c> query parameters work as on the gRPC call.</summary>
internal static class PublishEndpoints
{
    private const string MetadataPrefix = "metadata.";

    public static void MapPublishEndpoints(this IEndpointRouteBuilder app) =>
        app.MapMethods("/v1.0/publish/{pubsub}/{**topic}", [HttpMethods.Post, HttpMethods.Put], PublishAsync);

    private static async Task<IResult> PublishAsync(HttpContext context, string pubsub, string? topic, ClusterRuntime cluster)
    {
        if (cluster.Components.PubSub(pubsub) is null || string.IsNullOrEmpty(topic))
        {
            return DaprError.Of(StatusCodes.Status404NotFound, "ERR_PUBSUB_NOT_FOUND", $"pubsub {pubsub} not found or topic is empty");
        }

        if (cluster.Faults.RefusesPublishTo(topic))
        {
            return DaprError.Of(StatusCodes.Status500InternalServerError, "ERR_PUBSUB_PUBLISH_MESSAGE", $"error when publish to topic {topic}: refused (fault switch)");
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var metadata = context.Request.Query
            .Where(pair => pair.Key.StartsWith(MetadataPrefix, StringComparison.Ordinal))
            .ToDictionary(pair => pair.Key[MetadataPrefix.Length..], pair => pair.Value.ToString(), StringComparer.Ordinal);
        try
        {
            var cloudEvent = CloudEvents.Wrap(
                cluster.Options.AppId, pubsub, topic, body.ToArray(), context.Request.ContentType, metadata, cluster.Time.GetUtcNow());
            cluster.Broker.Publish(pubsub, topic, cloudEvent);
            return Results.NoContent();
        }
        catch (FormatException exception)
        {
            return DaprError.Of(StatusCodes.Status500InternalServerError, "ERR_PUBSUB_CLOUD_EVENTS_SER", exception.Message);
        }
    }
}
