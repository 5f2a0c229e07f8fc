using System.Diagnostics;
using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Dapr.Tests.Conformance;

public abstract partial class EngineConformanceTests
{
    private const string TracingSource = "AgentPlatform.Workflows.Dapr.Tests.Start";

    [Fact]
    public async Task The_history_records_the_traceparent_of_the_start_and_every_task_stays_in_its_trace()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TracingSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource(TracingSource);
        await using var engine = await StartAsync();
        await RegisterAsync(engine, """
            id: traced
            steps:
              - { id: first, kind: agent_task, agent: worker }
              - { id: second, kind: agent_task, capabilities: { work: 1.0 } }
            """);

        string request;
        using (var start = source.StartActivity("start request"))
        {
            request = start!.Id!;
            await StartInstanceAsync(engine, "traced", "traced-1");
        }

        var final = await UntilAsync(engine, "traced-1", s => s.Status != WorkflowStatus.Running);
        var history = (await engine.Workflows.GetHistoryAsync(Id("traced-1"), TestTimeout.After()))!;

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal(request, history.OfType<WorkflowStarted>().Single().TraceParent);
        var scheduled = history.OfType<TaskScheduled>().ToList();
        Assert.Equal(2, scheduled.Count);
        Assert.All(scheduled, e => Assert.Equal(ActivityContext.Parse(request, null).TraceId, ActivityContext.Parse(e.TraceParent!, null).TraceId));
    }
}
