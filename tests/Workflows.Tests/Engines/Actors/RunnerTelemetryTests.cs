using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using AgentPlatform.Runtime.Diagnostics;
using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Workflows.Tests.Engines.Actors;

public sealed class RunnerTelemetryTests
{
    [Fact]
    public async Task A_completed_instance_records_start_finish_step_durations_and_one_span_per_step()
    {
        var measurements = new ConcurrentQueue<(string Instrument, double Value, string Tags)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PlatformTelemetry.WorkflowsMeter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, Describe(tags))));
        meters.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, Describe(tags))));
        meters.Start();
        var spans = new ConcurrentQueue<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PlatformTelemetry.WorkflowsActivitySource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(activities);

        await using var harness = await RunnerHarness.StartAsync();
        await harness.RegisterAsync("""
            id: telemetry
            steps:
              - { id: first, kind: agent_task, agent: worker }
              - { id: second, kind: agent_task, agent: worker }
            """);
        await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "telemetry", InstanceId = WorkflowInstanceId.Create("tel-1") }, TestTimeout.After());
        await harness.Workflows.WaitForCompletionAsync(WorkflowInstanceId.Create("tel-1"), TestTimeout.After());

        var mine = spans.Where(s => (string?)s.GetTagItem("workflow.instance.id") == "tel-1").ToList();
        Assert.Contains(measurements, m => m.Instrument == "agentplatform.workflows.instances.started");
        Assert.Contains(measurements, m => m.Instrument == "agentplatform.workflows.instances.finished" && m.Tags.Contains("outcome=completed", StringComparison.Ordinal));
        Assert.Contains(measurements, m => m.Instrument == "agentplatform.workflows.step.duration" && m.Tags.Contains("step=first", StringComparison.Ordinal));
        Assert.Contains(measurements, m => m.Instrument == "agentplatform.workflows.step.duration" && m.Tags.Contains("step=second", StringComparison.Ordinal));
        Assert.Equal(["workflow step first", "workflow step second"], mine.Select(s => s.DisplayName).Order(StringComparer.Ordinal));
        Assert.All(mine, s => Assert.Equal("tel-1:" + s.GetTagItem("workflow.step.id") + ":1", s.GetTagItem("workflow.task.id")));
    }

    private static string Describe(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>();
        foreach (var tag in tags)
        {
            parts.Add($"{tag.Key}={tag.Value}");
        }

        return string.Join(",", parts);
    }
}
