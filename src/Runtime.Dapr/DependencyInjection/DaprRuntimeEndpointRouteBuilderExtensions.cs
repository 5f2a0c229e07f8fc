using AgentPlatform.Runtime.Dapr;
using AgentPlatform.Runtime.Dapr.Hosting;
using AgentPlatform.Runtime.Dapr.PubSub;
using AgentPlatform.Runtime.PubSub;
using TopicOptions = Dapr.TopicOptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the routes the Dapr sidecar calls: actor callbacks, <c>/dapr/config</c>, <c>/dapr/subscribe</c> and one
/// delivery route per declared topic.</summary>
public static class DaprRuntimeEndpointRouteBuilderExtensions
{
    /// <summary>Maps every sidecar callback of the Dapr runtime registered with <c>AddDaprRuntime</c>.</summary>
    public static IEndpointRouteBuilder MapDaprRuntime(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapActorsHandlers();
        endpoints.MapSubscribeHandler();
        var options = endpoints.ServiceProvider.GetRequiredService<DaprPubSubOptions>();
        foreach (var topic in options.Topics())
        {
            endpoints.MapPost(topic.Route, (HttpContext context, DaprPubSub pubSub, ILogger<DaprPubSub> logger) => DeliverAsync(context, topic, pubSub, logger))
                .WithTopic(new TopicOptions { PubsubName = topic.Component, Name = topic.Name, DeadLetterTopic = topic.DeadLetterTopic })
                .ExcludeFromDescription();
        }

        return endpoints;
    }

    /// <summary>Checks <c>dapr-api-token</c> on every sidecar callback when an app API token is configured.</summary>
    public static IApplicationBuilder UseDaprCallbackToken(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var token = app.ApplicationServices.GetRequiredService<IOptions<DaprRuntimeOptions>>().Value.AppApiToken;
        return string.IsNullOrEmpty(token) ? app : app.UseMiddleware<DaprCallbackToken>(System.Text.Encoding.UTF8.GetBytes(token));
    }

    private static async Task<IResult> DeliverAsync(HttpContext context, DaprTopic topic, DaprPubSub pubSub, ILogger logger)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        CloudEvent cloudEvent;
        try
        {
            cloudEvent = CloudEventReader.Read(body.GetBuffer().AsSpan(0, (int)body.Length), topic.Name, topic.Component);
        }
        catch (FormatException error)
        {
            AgentPlatform.Runtime.Dapr.Log.MalformedDelivery(logger, topic.Name, error.Message);
            return Answer(DeliveryResult.Drop);
        }

        return Answer(await pubSub.DeliverAsync(cloudEvent, context.RequestAborted));
    }

    private static IResult Answer(DeliveryResult result) => Results.Json(
        new DeliveryAnswer(result switch
        {
            DeliveryResult.Retry => "RETRY",
            DeliveryResult.Drop => "DROP",
            _ => "SUCCESS",
        }),
        DeliveryAnswerJson.Default.DeliveryAnswer);
}
