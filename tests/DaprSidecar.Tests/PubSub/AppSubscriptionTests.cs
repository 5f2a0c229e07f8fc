using System.Text;
using System.Text.Json.Nodes;
using AgentPlatform.DaprSidecar.PubSub;

namespace AgentPlatform.DaprSidecar.Tests.PubSub;

/// <summary>Reading <c>/dapr/subscribe</c> as daprd does.</summary>
public sealed class AppSubscriptionTests
{
    [Fact]
    public void Field_names_match_in_any_case_and_the_default_route_wins_over_route()
    {
        var problems = new List<string>();
        var json = """
            [
              { "pubsubName": "pubsub", "topic": "a", "route": "/a", "deadLetterTopic": "dead" },
              { "PUBSUBNAME": "pubsub", "topic": "b", "route": "/old", "routes": { "default": "/b", "rules": [ { "match": "event.type == 'x'", "path": "/b/x" } ] } },
              { "pubsubname": "pubsub", "route": "/no-topic" }
            ]
            """;

        var subscriptions = AppSubscription.ParseList(Encoding.UTF8.GetBytes(json), problems);

        Assert.Empty(problems);
        Assert.Equal(["a", "b"], subscriptions.Select(s => s.Topic));
        Assert.Equal("dead", subscriptions[0].DeadLetterTopic);
        Assert.Equal("/b", subscriptions[1].RouteFor(new JsonObject { ["type"] = "y" }));
        Assert.Equal("/b/x", subscriptions[1].RouteFor(new JsonObject { ["type"] = "x" }));
    }

    [Fact]
    public void An_entry_with_an_unreadable_rule_is_left_out_and_reported()
    {
        var problems = new List<string>();
        var json = """
            [
              { "pubsubname": "pubsub", "topic": "bad", "routes": { "rules": [ { "match": "size(event.data) > 1", "path": "/bad" } ] } },
              { "pubsubname": "pubsub", "topic": "good", "route": "/good" }
            ]
            """;

        var subscriptions = AppSubscription.ParseList(Encoding.UTF8.GetBytes(json), problems);

        Assert.Equal("good", Assert.Single(subscriptions).Topic);
        Assert.Contains("pubsub/bad", Assert.Single(problems), StringComparison.Ordinal);
    }
}
