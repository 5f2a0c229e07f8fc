using System.Text.RegularExpressions;

namespace AgentPlatform.Runtime.Dapr.Tests.Helm;

/// <summary>The chart's example of scaling on tasks waiting for an agent: a KEDA ScaledObject or an HPA external metric.</summary>
public sealed partial class HelmAutoscalingTests
{
    private const string Keda = "scaledobject.yaml";
    private const string Hpa = "hpa.yaml";

    [Fact]
    public void The_waiting_tasks_example_is_off_by_default_and_scales_out_above_100_waiting_at_50_per_replica()
    {
        var autoscaling = ChartFiles.Values["autoscaling"]!;
        var waiting = autoscaling["waitingTasks"]!;

        Assert.False(waiting["enabled"]!.GetValue<bool>());
        Assert.Equal("keda", waiting["engine"]!.GetValue<string>());

        // ceil(waiting / tasksPerReplica) stays at minReplicas up to minReplicas * tasksPerReplica tasks: the rule's "more than 100".
        Assert.Equal(100, (long)autoscaling["minReplicas"]! * (long)waiting["tasksPerReplica"]!);
        Assert.Contains("sum(agentplatform_tasks_waiting)", waiting["query"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("agentplatform_tasks_waiting", waiting["externalMetricName"]!.GetValue<string>());
    }

    [Fact]
    public void Keda_gets_a_prometheus_trigger_and_the_hpa_an_external_metric_averaged_per_replica()
    {
        var keda = ChartFiles.Templates[Keda];
        var hpa = ChartFiles.Templates[Hpa];

        Assert.Contains("kind: ScaledObject", keda, StringComparison.Ordinal);
        Assert.Matches(@"- type: prometheus\n\s+metricType: AverageValue\n", keda);
        Assert.Contains("threshold: {{ $waiting.tasksPerReplica | quote }}", keda, StringComparison.Ordinal);
        Assert.Contains("query: {{ $waiting.query | quote }}", keda, StringComparison.Ordinal);
        Assert.Matches(@"- type: External\n\s+external:\n\s+metric:\n\s+name: \{\{ \$waiting\.externalMetricName \}\}\n\s+target:\n\s+type: AverageValue\n", hpa);
        Assert.Contains("averageValue: {{ $waiting.tasksPerReplica | quote }}", hpa, StringComparison.Ordinal);
    }

    [Fact]
    public void Exactly_one_of_the_scaledobject_and_the_hpa_renders_when_keda_is_chosen()
    {
        // KEDA owns the HPA it creates; a second HPA on the same deployment would fight it.
        Assert.StartsWith(
            "{{- $waiting := .Values.autoscaling.waitingTasks }}\n{{- if and .Values.autoscaling.enabled (not (and $waiting.enabled (eq $waiting.engine \"keda\"))) }}\n",
            ChartFiles.Templates[Hpa], StringComparison.Ordinal);
        Assert.StartsWith(
            "{{- $waiting := .Values.autoscaling.waitingTasks }}\n{{- if and .Values.autoscaling.enabled $waiting.enabled (eq $waiting.engine \"keda\") }}\n",
            ChartFiles.Templates[Keda], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_waiting_tasks_value_a_template_uses_exists_in_values_yaml()
    {
        var waiting = ChartFiles.Values["autoscaling"]!["waitingTasks"]!.AsObject();
        var uses = new[] { Keda, Hpa }.SelectMany(t => WaitingPath().Matches(ChartFiles.Templates[t]).Select(m => (Template: t, Key: m.Groups[1].Value))).ToArray();

        Assert.NotEmpty(uses);
        Assert.All(uses, use => Assert.True(waiting.ContainsKey(use.Key), $"{use.Template} uses $waiting.{use.Key}, which values.yaml lacks."));
    }

    [GeneratedRegex(@"\$waiting\.([A-Za-z][A-Za-z0-9]*)")]
    private static partial Regex WaitingPath();
}
