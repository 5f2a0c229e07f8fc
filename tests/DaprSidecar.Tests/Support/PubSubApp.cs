using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.DaprSidecar.Tests.PubSub;
using Dapr;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.DaprSidecar.Tests.Support;

/// <summary>A Dapr.AspNetCore app with programmatic subscriptions (<c>MapSubscribeHandler</c> and <c>WithTopic</c>)
/// whose handlers answer as each order's <see cref="Order.Behavior"/> says: <c>ok</c>, <c>retry-once</c>, <c>drop</c>,
/// <c>fail</c> (500) or <c>gone</c> (404).</summary>
public static class PubSubApp
{
    public const string Orders = "orders";
    public const string DeadOrders = "orders-dead";
    public const string Broadcast = "channels.posts";
    public const string Competing = "agents.messages";
    public const string Routed = "routed";

    public static Task<TestApp> StartAsync(SidecarEndpoints sidecar, Recorder recorder, CancellationToken cancellationToken)
    {
        var replica = $"replica-{sidecar.Replica}";
        return TestApp.StartAsync(
            sidecar,
            services => services.AddDaprClient(),
            app =>
            {
                app.UseCloudEvents();
                app.MapSubscribeHandler();
                app.MapPost("/orders", (Order order) =>
                {
                    recorder.Add($"order:{order.Id}");
                    return order.Behavior switch
                    {
                        "retry-once" when recorder.Count($"order:{order.Id}") == 1 => Results.Json(new { status = "RETRY" }),
                        "drop" => Results.Json(new { status = "DROP" }),
                        "fail" => Results.StatusCode(StatusCodes.Status500InternalServerError),
                        "gone" => Results.NotFound(),
                        _ => Results.Json(new { status = "SUCCESS" }),
                    };
                }).WithTopic(new TopicOptions { PubsubName = "pubsub", Name = Orders, DeadLetterTopic = DeadOrders });
                app.MapPost("/orders-dead", (Order order) => recorder.Add($"dead:{order.Id}")).WithTopic("pubsub", DeadOrders);
                app.MapPost("/broadcast", (Order order) => recorder.Add($"broadcast:{order.Id}:{replica}")).WithTopic("pubsub-broadcast", Broadcast);
                app.MapPost("/competing", (Order order) => recorder.Add($"competing:{order.Id}:{replica}")).WithTopic("pubsub", Competing);
                app.MapPost("/routed/urgent", (Order order) => recorder.Add($"urgent:{order.Id}"))
                    .WithTopic(new TopicOptions { PubsubName = "pubsub", Name = Routed, Match = "event.type == \"urgent\"", Priority = 1 });
                app.MapPost("/routed", (Order order) => recorder.Add($"routine:{order.Id}")).WithTopic("pubsub", Routed);
            },
            cancellationToken);
    }
}
