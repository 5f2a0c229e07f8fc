using System.Text.Json;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.Workflows.Tests.Decisions;

/// <summary>Plays the runner: appends the events of every decided command, and lets a test feed results, timers and
/// events. After every step it checks that refolding the whole history gives the same state and commands as the
/// incremental fold.</summary>
internal sealed class WorkflowHarness
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly WorkflowDecider _decider;
    private readonly WorkflowExecution _execution;

    public WorkflowHarness(string yaml, object? input = null, string instanceId = "wf-1")
        : this(WorkflowDefinitionLoader.FromYaml(yaml), input, instanceId)
    {
    }

    public WorkflowHarness(WorkflowDefinition definition, object? input = null, string instanceId = "wf-1")
    {
        _decider = new WorkflowDecider(definition);
        _execution = _decider.CreateExecution();
        InstanceId = instanceId;
        Append(new WorkflowStarted
        {
            InstanceId = instanceId,
            DefinitionId = definition.Id,
            DefinitionVersion = definition.Version,
            Input = input is null ? null : JsonSerializer.SerializeToElement(input),
        });
        Flush();
    }

    public string InstanceId { get; }

    public WorkflowDefinition Definition => _decider.Definition;

    public List<WorkflowEvent> History { get; } = [];

    public List<WorkflowCommand> Executed { get; } = [];

    public DateTimeOffset Now { get; private set; } = Epoch;

    public WorkflowInstanceState State => _execution.GetState();

    public WorkflowStatus Status => _execution.Status;

    public StepState Step(string id) => State.Steps.Single(s => s.StepId == id);

    public StepStatus StatusOf(string id) => Step(id).Status;

    public string TaskId(string step, int attempt = 1) => WorkflowTaskId.Create(WorkflowInstanceId.Parse(InstanceId), WorkflowStepRef.Parse(step), attempt).ToString();

    public IReadOnlyList<string> PendingTaskSteps => State.PendingTasks.Select(t => t.Task.StepId).ToList();

    public IEnumerable<ScheduleTask> ScheduledTasks => Executed.OfType<ScheduleTask>();

    public ScheduleTask LastScheduled(string step) => ScheduledTasks.Last(t => t.StepId == step);

    public void Complete(string step, object? output = null)
    {
        var task = PendingFor(step);
        Append(new TaskCompleted { TaskId = task, Output = output is null ? null : JsonSerializer.SerializeToElement(output) });
        Flush();
    }

    public void CompleteTask(string taskId, object? output = null)
    {
        Append(new TaskCompleted { TaskId = taskId, Output = output is null ? null : JsonSerializer.SerializeToElement(output) });
        Flush();
    }

    public void Fail(string step, string error = "boom")
    {
        Append(new TaskFailed { TaskId = PendingFor(step), Error = error });
        Flush();
    }

    public void Raise(string name, object? payload = null)
    {
        Append(new EventRaised { Name = name, Payload = payload is null ? null : JsonSerializer.SerializeToElement(payload) });
        Flush();
    }

    public void Terminate(string reason)
    {
        Append(new WorkflowTerminated { Reason = reason });
        Flush();
    }

    /// <summary>Moves the clock and fires every active timer that is due, in due order.</summary>
    public void Advance(TimeSpan by)
    {
        var until = Now + by;
        while (State.ActiveTimers.Where(t => t.FireAt <= until).OrderBy(t => t.FireAt).FirstOrDefault() is { } timer)
        {
            Now = timer.FireAt > Now ? timer.FireAt : Now;
            Append(new TimerFired { TimerId = timer.TimerId });
            Flush();
        }

        Now = until;
    }

    public void Append(WorkflowEvent workflowEvent)
    {
        var stamped = workflowEvent with { Sequence = History.Count + 1, Timestamp = Now };
        History.Add(stamped);
        _execution.Apply(stamped);
    }

    public void Flush()
    {
        while (true)
        {
            var incremental = _execution.Decide();
            var replayed = _decider.Decide(History);
            Assert.Equal(Json(replayed.State), Json(incremental.State));
            Assert.Equal(Json(replayed.Commands), Json(incremental.Commands));
            Assert.Equal(Json(replayed.Commands), Json(_decider.Decide(History).Commands));
            if (incremental.Commands.Count == 0)
            {
                return;
            }

            foreach (var command in incremental.Commands)
            {
                Append(command.ToEvent(0, Now));
                Executed.Add(command);
            }
        }
    }

    public static string Json<T>(T value) => JsonSerializer.Serialize(value, WorkflowJson.Options);

    private string PendingFor(string step) =>
        State.PendingTasks.SingleOrDefault(t => t.Task.StepId == step)?.TaskId
        ?? throw new InvalidOperationException($"no pending task for step '{step}'; pending: {string.Join(", ", PendingTaskSteps)}");
}
