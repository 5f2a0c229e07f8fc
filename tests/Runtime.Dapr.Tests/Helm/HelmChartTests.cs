using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentPlatform.Runtime.Dapr.Tests.Components;
using AgentPlatform.Runtime.Dapr.Tests.Support;

namespace AgentPlatform.Runtime.Dapr.Tests.Helm;

public sealed partial class HelmChartTests
{
    private static readonly string[] FreeFormValues = ["app.env", "podAnnotations", "nodeSelector", "resources", "resiliency.spec", "podSecurityContext", "securityContext", "affinity"];

    [Fact]
    public void Every_non_template_file_parses()
    {
        var chart = YamlFiles.ReadObject(Path.Combine(RepoPaths.Chart, "Chart.yaml"));
        Assert.Equal("v2", YamlFiles.StringAt(chart, "apiVersion"));
        Assert.Equal("agent-platform", YamlFiles.StringAt(chart, "name"));
        Assert.Matches(@"^\d+\.\d+\.\d+$", YamlFiles.StringAt(chart, "version"));
        Assert.NotNull(JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Chart, "values.schema.json"))));
        Assert.NotEmpty(ChartFiles.Values);
    }

    [Fact]
    public void Values_yaml_satisfies_the_schema()
    {
        Assert.Empty(ChartFiles.SchemaErrors(ChartFiles.Values));
    }

    [Fact]
    public void The_schema_rejects_broken_values()
    {
        var broken = (JsonObject)ChartFiles.Values.DeepClone();
        foreach (var (key, value) in YamlFiles.ReadObject(Path.Combine(AppContext.BaseDirectory, "Helm", "broken-values.yaml")))
        {
            broken[key] = Merge(broken[key], value);
        }

        var errors = string.Join('\n', ChartFiles.SchemaErrors(broken));
        Assert.All(
            ["/replicaCount", "/image/repository", "/dapr/logLevel", "/podAnnotations", "/app/env", "/channelTopics/0/channel", "/channelTopics/0/subscribers/0", "/components/pubSub/type", "/components/pubSub/metadata/0",
                "/autoscaling/waitingTasks/engine", "/autoscaling/waitingTasks/tasksPerReplica", "/autoscaling/waitingTasks/prometheusAddress"],
            location => Assert.Contains(location, errors, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_values_path_a_template_uses_exists_in_values_yaml()
    {
        var uses = ChartFiles.Templates.SelectMany(t => ValuesPath().Matches(t.Value).Select(m => (Template: t.Key, Path: m.Groups[1].Value[1..]))).ToArray();
        Assert.NotEmpty(uses);
        Assert.All(uses, use => Assert.True(Resolve(ChartFiles.Values, use.Path), $"{use.Template} uses .Values.{use.Path}, which values.yaml lacks."));
    }

    [Fact]
    public void Values_keys_are_camelCase()
    {
        Assert.All(Keys(ChartFiles.Values, string.Empty), key => Assert.Matches(CamelCase(), key[(key.LastIndexOf('.') + 1)..]));
    }

    [Fact]
    public void Dapr_annotations_appear_only_in_the_deployment_and_come_from_DaprNames()
    {
        Assert.All(ChartFiles.Templates.Where(t => t.Key != "deployment.yaml"), t => Assert.DoesNotMatch(AnyAnnotation(), t.Value));
        var annotations = Annotation().Matches(ChartFiles.Templates["deployment.yaml"]).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());
        Assert.All(annotations.Keys, key => Assert.Contains(key, DaprNames.Annotations.All));
        Assert.Equal("\"true\"", annotations[DaprNames.Annotations.Enabled]);
        Assert.Equal($"\"{DaprNames.AppId}\"", annotations[DaprNames.Annotations.AppId]);
        Assert.Equal($"\"{DaprNames.Components.Configuration}\"", annotations[DaprNames.Annotations.Config]);
        Assert.Contains(".Values.app.httpPort", annotations[DaprNames.Annotations.AppPort], StringComparison.Ordinal);
        Assert.All(
            [DaprNames.Annotations.AppProtocol, DaprNames.Annotations.ApiTokenSecret, DaprNames.Annotations.AppTokenSecret, DaprNames.Annotations.SidecarCpuRequest, DaprNames.Annotations.SidecarMemoryLimit],
            key => Assert.Contains(key, annotations.Keys));
    }

    [Fact]
    public void Templates_name_components_resiliency_and_configuration_from_DaprNames()
    {
        var components = ComponentName().Matches(ChartFiles.Templates["components.yaml"]).Select(m => m.Groups[1].Value);
        Assert.Equal(DaprNames.Components.All.Order(StringComparer.Ordinal), components.Order(StringComparer.Ordinal));
        Assert.Contains($"name: {DaprNames.Components.Resiliency}\n", ChartFiles.Templates["resiliency.yaml"], StringComparison.Ordinal);
        Assert.Contains($"name: {DaprNames.Components.Configuration}\n", ChartFiles.Templates["configuration.yaml"], StringComparison.Ordinal);
        Assert.Contains($"  - {DaprNames.AppId}\n", ChartFiles.Templates["resiliency.yaml"], StringComparison.Ordinal);
        ComponentFileTests.AssertResiliencyTargets((JsonObject)ChartFiles.Values["resiliency"]!["spec"]!);
    }

    [Fact]
    public void Topic_scopes_in_the_templates_use_the_platform_topics()
    {
        var helpers = ChartFiles.Templates["_helpers.tpl"];
        var platform = Regex.Match(helpers, @"define ""agent-platform.platformTopics"" -}}\n(.+)\n").Groups[1].Value;
        Assert.Equal(
            DaprNames.Topics.Platform.Except(DaprNames.Topics.Broadcast).Order(StringComparer.Ordinal),
            PubSubScopes.List(platform).Order(StringComparer.Ordinal));
        Assert.Contains($"printf \"{DaprNames.Topics.ChannelPrefix}%s\"", helpers, StringComparison.Ordinal);
        Assert.Contains($"\"{string.Join(',', DaprNames.Topics.Broadcast)},{DaprNames.Topics.DeadLetter}\"", ChartFiles.Templates["components.yaml"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_host_container_runs_in_dapr_mode_with_healthz_probes()
    {
        var deployment = ChartFiles.Templates["deployment.yaml"];
        Assert.Contains("- name: Runtime__Mode\n              value: dapr\n", deployment, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(deployment, @"httpGet:\n\s+path: /healthz\n"));
    }

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (target is not JsonObject targetObject || patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        foreach (var (key, value) in patchObject)
        {
            targetObject[key] = Merge(targetObject[key], value);
        }

        return targetObject;
    }

    private static bool Resolve(JsonNode? node, string path) =>
        path.Split('.').All(step => (node = node is JsonObject obj && obj.TryGetPropertyValue(step, out var child) ? child ?? JsonValue.Create(string.Empty) : null) is not null);

    private static IEnumerable<string> Keys(JsonNode? node, string prefix)
    {
        if (FreeFormValues.Contains(prefix))
        {
            yield break;
        }

        var children = node switch
        {
            JsonObject obj => obj.Select(p => (Key: (string?)p.Key, p.Value)),
            JsonArray array => array.Select(item => (Key: (string?)null, Value: item)),
            _ => [],
        };
        foreach (var (key, value) in children)
        {
            var path = key is null ? prefix : prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (key is not null)
            {
                yield return path;
            }

            foreach (var nested in Keys(value, path))
            {
                yield return nested;
            }
        }
    }

    [GeneratedRegex(@"\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)")]
    private static partial Regex ValuesPath();

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex CamelCase();

    [GeneratedRegex(@"^\s+(dapr\.io/[a-z-]+):(.*)$", RegexOptions.Multiline)]
    private static partial Regex Annotation();

    [GeneratedRegex(@"dapr\.io/[a-z-]+:")]
    private static partial Regex AnyAnnotation();

    [GeneratedRegex(@"dict ""name"" ""([a-z-]+)""")]
    private static partial Regex ComponentName();
}
