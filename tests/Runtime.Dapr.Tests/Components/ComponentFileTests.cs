using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentPlatform.Runtime.Dapr.Tests.Support;

namespace AgentPlatform.Runtime.Dapr.Tests.Components;

public sealed partial class ComponentFileTests
{
    private static readonly string[] RuntimeSets = ["slim", "local"];
    private static readonly string[] StateSets = ["slim", "local", "production/postgresql"];
    private static readonly string[] PubSubSets = ["slim", "local", "production/rabbitmq", "production/kafka"];

    public static TheoryData<string> Files => [.. RepoPaths.ComponentFiles.Select(RepoPaths.Relative)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_resource_has_Daprs_shape_and_a_name_from_DaprNames(string file)
    {
        foreach (var resource in DaprResource.All.Where(r => RepoPaths.Relative(r.File) == file))
        {
            Assert.Equal("dapr.io/v1alpha1", YamlFiles.StringAt(resource.Node, "apiVersion"));
            Assert.Contains(resource.Kind, new[] { "Component", "Resiliency", "Configuration" });
            Assert.Matches(KebabCase(), resource.Name);
            switch (resource.Kind)
            {
                case "Component":
                    Assert.Contains(resource.Name, DaprNames.Components.All);
                    Assert.Matches(@"^(state|pubsub|secretstores)\.[a-z0-9.-]+$", resource.Type);
                    Assert.Matches(@"^v\d+$", YamlFiles.StringAt(resource.Node, "spec.version"));
                    AssertMetadataItems(resource);
                    break;
                case "Resiliency":
                    Assert.Equal(DaprNames.Components.Resiliency, resource.Name);
                    break;
                default:
                    Assert.Equal(DaprNames.Components.Configuration, resource.Name);
                    break;
            }
        }
    }

    [Fact]
    public void Each_runtime_set_defines_every_component_once()
    {
        foreach (var set in RuntimeSets)
        {
            var names = DaprResource.ComponentsIn(set).Select(c => c.Name).Order(StringComparer.Ordinal).ToArray();
            var common = DaprResource.ComponentsIn("common").Select(c => c.Name);
            Assert.Equal(DaprNames.Components.All.Order(StringComparer.Ordinal), names.Concat(common).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Variants_reuse_the_names_of_the_sets_they_replace()
    {
        Assert.All(StateSets, set => Assert.Equal(
            [DaprNames.Components.ActorStateStore, DaprNames.Components.StateStore],
            DaprResource.ComponentsIn(set).Where(c => c.Type!.StartsWith("state.", StringComparison.Ordinal)).Select(c => c.Name).Order(StringComparer.Ordinal)));
        Assert.All(PubSubSets, set => Assert.Equal(
            [DaprNames.Components.PubSub, DaprNames.Components.BroadcastPubSub],
            DaprResource.ComponentsIn(set).Where(c => c.Type!.StartsWith("pubsub.", StringComparison.Ordinal)).Select(c => c.Name).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void Only_the_actor_store_sets_actorStateStore_and_every_state_set_has_one()
    {
        foreach (var set in StateSets)
        {
            var flagged = DaprResource.ComponentsIn(set).Where(c => c.Metadata("actorStateStore") is not null).ToArray();
            var actorStore = Assert.Single(flagged);
            Assert.Equal(DaprNames.Components.ActorStateStore, actorStore.Name);
            Assert.Equal("true", actorStore.Metadata("actorStateStore"));
        }

        Assert.Equal("state.sqlite", DaprResource.ComponentsIn("slim").Single(c => c.Name == DaprNames.Components.ActorStateStore).Type);
        Assert.All(DaprResource.ComponentsIn("slim").Where(c => c.Type!.StartsWith("pubsub.", StringComparison.Ordinal)), c => Assert.Equal("pubsub.in-memory", c.Type));
        Assert.All(DaprResource.ComponentsIn("local").Where(c => c.Name != DaprNames.Components.SecretStore), c => Assert.EndsWith(".redis", c.Type, StringComparison.Ordinal));
    }

    [Fact]
    public void Scopes_name_only_apps_of_the_run_file_and_everything_but_pubsub_is_the_hosts_alone()
    {
        var appIds = RunFile.Apps.Select(a => a.AppId).ToHashSet(StringComparer.Ordinal);
        foreach (var resource in DaprResource.All.Where(r => r.Kind != "Configuration"))
        {
            Assert.All(resource.Scopes, app => Assert.Contains(app, appIds));
            if (resource.Name != DaprNames.Components.PubSub)
            {
                Assert.Equal([DaprNames.AppId], resource.Scopes);
            }
        }
    }

    [Fact]
    public void The_broadcast_pubsub_carries_only_the_broadcast_topics_and_gives_every_replica_its_own_consumer_group()
    {
        foreach (var broadcast in DaprResource.All.Where(r => r.Name == DaprNames.Components.BroadcastPubSub))
        {
            if (broadcast.Type == "pubsub.in-memory")
            {
                continue;
            }

            Assert.Equal(
                DaprNames.Topics.Broadcast.Append(DaprNames.Topics.DeadLetter).ToHashSet(),
                PubSubScopes.List(broadcast.Metadata("allowedTopics")));
            var group = broadcast.Metadata("consumerID") ?? broadcast.Metadata("consumerGroup");
            Assert.True(group is "{uuid}" or "{podName}", $"{broadcast}: consumer group '{group}' is shared by replicas.");
        }
    }

    [Fact]
    public void Shared_pubsubs_protect_platform_and_channel_topics_and_grant_them_by_app()
    {
        var shared = DaprResource.All.Where(r => r.Name == DaprNames.Components.PubSub && r.Type != "pubsub.in-memory").ToArray();
        Assert.Equal(3, shared.Length);
        foreach (var pubsub in shared)
        {
            var scopes = PubSubScopes.Of(pubsub);
            var hostTopics = DaprNames.Topics.Platform.Except(DaprNames.Topics.Broadcast).ToHashSet(StringComparer.Ordinal);
            Assert.Superset(hostTopics, scopes.Protected.ToHashSet());
            Assert.All(scopes.Protected.Except(hostTopics), topic => Assert.StartsWith(DaprNames.Topics.ChannelPrefix, topic, StringComparison.Ordinal));
            Assert.Equal(scopes.Protected.ToHashSet(), scopes.Publishing[DaprNames.AppId].ToHashSet());
            Assert.Equal(hostTopics, scopes.Subscription[DaprNames.AppId].ToHashSet());
            foreach (var (app, topics) in scopes.Subscription.Where(s => s.Key != DaprNames.AppId))
            {
                Assert.Empty(scopes.Publishing[app]);
                Assert.NotEmpty(topics);
                Assert.All(topics, topic => Assert.Contains(topic, scopes.Protected));
                Assert.All(topics, topic => Assert.StartsWith(DaprNames.Topics.ChannelPrefix, topic, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Resiliency_targets_name_known_components_and_actor_types()
    {
        var resiliency = Assert.Single(DaprResource.All, r => r.Kind == "Resiliency");
        AssertResiliencyTargets((JsonObject)resiliency.Node["spec"]!);
    }

    [Fact]
    public void The_configuration_file_turns_tracing_on()
    {
        var configuration = Assert.Single(DaprResource.All, r => r.Kind == "Configuration");
        Assert.Equal(string.Empty, configuration.Set);
        Assert.Equal("1", YamlFiles.StringAt(configuration.Node, "spec.tracing.samplingRate"));
    }

    /// <summary>Checks that a Resiliency spec targets only names from <see cref="DaprNames"/>, with policies it defines.</summary>
    internal static void AssertResiliencyTargets(JsonObject spec)
    {
        var policies = ((JsonObject)spec["policies"]!).SelectMany(kind => ((JsonObject)kind.Value!).Select(p => p.Key)).ToHashSet(StringComparer.Ordinal);
        var components = (JsonObject)spec["targets"]!["components"]!;
        var actors = (JsonObject)spec["targets"]!["actors"]!;
        Assert.All(components, c => Assert.Contains(c.Key, DaprNames.Components.All));
        Assert.Equal(DaprNames.ActorTypes.All.Order(StringComparer.Ordinal), actors.Select(a => a.Key).Order(StringComparer.Ordinal));
        var used = components.SelectMany(c => ((JsonObject)c.Value!).SelectMany(direction => ((JsonObject)direction.Value!).Select(p => p.Value!.ToString())))
            .Concat(actors.SelectMany(a => ((JsonObject)a.Value!).Select(p => p.Value!.ToString())));
        Assert.All(used, policy => Assert.Contains(policy, policies));
    }

    private static void AssertMetadataItems(DaprResource resource)
    {
        var items = Assert.IsType<JsonArray>(resource.Node["spec"]!["metadata"]);
        foreach (var item in items.Cast<JsonObject>())
        {
            Assert.False(string.IsNullOrEmpty(YamlFiles.StringAt(item, "name")), $"{resource}: a metadata item has no name.");
            Assert.True(item.ContainsKey("value") ^ item.ContainsKey("secretKeyRef"), $"{resource}: {item["name"]} needs value or secretKeyRef.");
            if (item["value"] is JsonValue value)
            {
                Assert.True(value.GetValueKind() == System.Text.Json.JsonValueKind.String, $"{resource}: {item["name"]} must be a string (quote it).");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}
