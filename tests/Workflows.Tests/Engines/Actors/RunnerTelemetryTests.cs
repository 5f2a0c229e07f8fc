using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using AgentPlatform.Runtime.Diagnostics;
using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;
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

    [Fact]
    public async Task A_step_in_flight_across_a_restart_keeps_the_traceparent_recorded_in_its_history()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name is PlatformTelemetry.WorkflowsActivitySource or Source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(activities);
        using var source = new ActivitySource(Source);
        await using var harness = await RunnerHarness.StartAsync(agents => agents.Blocked.Add("b"));
        await harness.RegisterAsync("""
            id: traced
            steps:
              - { id: a, kind: agent_task, agent: worker }
              - { id: b, kind: agent_task, agent: worker }
            """);
        var instance = WorkflowInstanceId.Create("trace-1");
        string request;
        using (var started = source.StartActivity("start request"))
        {
            request = started!.Id!;
            await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "traced", InstanceId = instance }, TestTimeout.After());
        }

        await harness.Agents.StartedAsync("b").WithTimeout();
        await harness.RestartAsync();
        var final = await harness.Workflows.WaitForCompletionAsync(instance, TestTimeout.After());
        var history = (await harness.Workflows.GetHistoryAsync(instance, TestTimeout.After()))!;

        var traceId = ActivityContext.Parse(request, null).TraceId;
        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal(request, history.OfType<WorkflowStarted>().Single().TraceParent);
        var recorded = history.OfType<TaskScheduled>().Single(t => t.StepId == "b").TraceParent;
        Assert.Equal(traceId, ActivityContext.Parse(recorded!, null).TraceId);
        Assert.Equal(recorded, harness.Agents.TraceParents["trace-1:b:1"]);
        var stepB = Assert.Single(spans, s => s.DisplayName == "workflow step b" && (string?)s.GetTagItem("workflow.instance.id") == "trace-1");
        Assert.Equal(traceId, stepB.TraceId);
        Assert.Equal(ActivityContext.Parse(recorded!, null).SpanId, stepB.ParentSpanId);
    }

    private const string Source = "AgentPlatform.Workflows.Tests.Requests";

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
