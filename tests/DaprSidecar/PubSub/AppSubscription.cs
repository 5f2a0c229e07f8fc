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
    /// <param name="json">The body.</param>
    /// <param name="problems">Receives one line per entry left out because a rule's match expression is beyond what
    /// <see cref="CelMatch"/> reads.</param>
    /// <exception cref="JsonException">The body is not a JSON array.</exception>
    public static IReadOnlyList<AppSubscription> ParseList(ReadOnlySpan<byte> json, ICollection<string> problems)
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

            List<(CelMatch, string)>? rules = [];
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
                            try
                            {
                                rules.Add((CelMatch.Parse(match), path));
                            }
                            catch (FormatException exception)
                            {
                                problems.Add($"{pubsub}/{topic}: {exception.Message}");
                                rules = null;
                                break;
                            }
                        }
                    }
                }
            }

            if (rules is null)
            {
                continue;
            }

            defaultPath = string.IsNullOrEmpty(defaultPath) ? GoJson.String(item, "route") : defaultPath;
            var deadLetter = GoJson.String(item, "deadLetterTopic");
            subscriptions.Add(new AppSubscription(
                pubsub, topic, rules, string.IsNullOrEmpty(defaultPath) ? null : defaultPath, string.IsNullOrEmpty(deadLetter) ? null : deadLetter));
        }

        return subscriptions;
    }
}
