using System.Text.Json;
using System.Text.Json.Nodes;
using AgentPlatform.DaprSidecar.Json;

namespace AgentPlatform.DaprSidecar.PubSub;

/// <summary>One entry of an app's <c>GET /dapr/subscribe</c> answer: a topic of a pub/sub, where to deliver its events
/// (rules tried in order, then the default), and the dead-letter topic.</summary>
internal sealed record AppSubscription(
    string PubsubName, string Topic, IReadOnlyList<(CelMatch Match, string Path)> Rules, string? DefaultPath, string? DeadLetterTopic)
{
    /// <summary>The app path for <paramref name="cloudEvent"/>, or null when no rule matches and there is no default.</summary>
    public string? RouteFor(JsonObject cloudEvent)
    {
        foreach (var (match, path) in Rules)
        {
            if (match.Matches(cloudEvent))
            {
                return path;
            }
        }

        return DefaultPath;
    }

    /// <summary>Reads a <c>/dapr/subscribe</c> body: v1 items (<c>route</c>) and v2 items (<c>routes</c> with
    /// <c>rules</c> and <c>default</c>; <c>default</c> wins over <c>route</c>), field names in any case.</summary>
    /// <exception cref="JsonException">The body is not a JSON array.</exception>
    /// <exception cref="FormatException">A rule's match expression is beyond what <see cref="CelMatch"/> reads.</exception>
    public static IReadOnlyList<AppSubscription> ParseList(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("/dapr/subscribe must answer a JSON array");
        }

        var subscriptions = new List<AppSubscription>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var pubsub = GoJson.String(item, "pubsubname");
            var topic = GoJson.String(item, "topic");
            if (string.IsNullOrEmpty(pubsub) || string.IsNullOrEmpty(topic))
            {
                continue;
            }

            var rules = new List<(CelMatch, string)>();
            string? defaultPath = null;
            if (GoJson.TryGet(item, "routes", out var routes) && routes.ValueKind == JsonValueKind.Object)
            {
                defaultPath = GoJson.String(routes, "default");
                if (GoJson.TryGet(routes, "rules", out var ruleArray) && ruleArray.ValueKind == JsonValueKind.Array)
                {
                    foreach (var rule in ruleArray.EnumerateArray())
                    {
                        var match = GoJson.String(rule, "match");
                        var path = GoJson.String(rule, "path");
                        if (!string.IsNullOrEmpty(match) && !string.IsNullOrEmpty(path))
                        {
                            rules.Add((CelMatch.Parse(match), path));
                        }
                    }
                }
            }

            defaultPath = string.IsNullOrEmpty(defaultPath) ? GoJson.String(item, "route") : defaultPath;
            var deadLetter = GoJson.String(item, "deadLetterTopic");
            subscriptions.Add(new AppSubscription(
                pubsub, topic, rules, string.IsNullOrEmpty(defaultPath) ? null : defaultPath, string.IsNullOrEmpty(deadLetter) ? null : deadLetter));
        }

        return subscriptions;
    }
}
