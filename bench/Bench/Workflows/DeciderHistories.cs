using System.Text.Json;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Bench.Workflows;

/// <summary>Builds large definitions and the histories a runner would record for them.</summary>
public static class DeciderHistories
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A sequence of <paramref name="steps"/> agent tasks, each taking the previous output.</summary>
    public static WorkflowDefinition Sequence(int steps)
    {
        var list = new List<WorkflowStep>(steps);
        for (var i = 0; i < steps; i++)
        {
            var input = i == 0 ? """{"doc":"${input.doc}"}""" : $$"""{"doc":"${input.doc}","prev":"${steps.s{{i - 1}}.output.n}"}""";
            list.Add(new AgentTaskStep { Id = $"s{i}", Agent = "worker", Input = JsonDocument.Parse(input).RootElement.Clone() });
        }

        return new WorkflowDefinition { Id = "bench-sequence", Version = 1, Steps = list };
    }

    /// <summary>A parallel step with <paramref name="branches"/> branches of two agent tasks with timeouts.</summary>
    public static WorkflowDefinition FanOut(int branches)
    {
        var list = new List<ParallelBranch>(branches);
        for (var b = 0; b < branches; b++)
        {
            list.Add(new ParallelBranch
            {
                Steps =
                [
                    new AgentTaskStep { Id = $"a{b}", Agent = "worker", Timeout = "30s", Retry = new RetryPolicy { MaxAttempts = 2, InitialBackoff = "1s" } },
                    new AgentTaskStep { Id = $"b{b}", Agent = "worker", Timeout = "30s" },
                ],
            });
        }

        return new WorkflowDefinition { Id = "bench-fanout", Version = 1, Steps = [new ParallelStep { Id = "fan", Branches = list }] };
    }

    /// <summary>Runs the definition to completion the way a runner would (after every input event, record the commands'
    /// events; complete pending tasks in order) and returns the history.</summary>
    public static List<WorkflowEvent> Record(WorkflowDefinition definition)
    {
        var decider = new WorkflowDecider(definition);
        var execution = decider.CreateExecution();
        var history = new List<WorkflowEvent>();
        var now = Epoch;
        void Append(WorkflowEvent e)
        {
            var stamped = e with { Sequence = history.Count + 1, Timestamp = now };
            history.Add(stamped);
            execution.Apply(stamped);
        }

        Append(new WorkflowStarted
        {
            InstanceId = "bench-1",
            DefinitionId = definition.Id,
            DefinitionVersion = definition.Version,
            Input = JsonDocument.Parse("""{"doc":"report.pdf"}""").RootElement.Clone(),
        });
        var output = JsonDocument.Parse("""{"n":1}""").RootElement.Clone();
        while (execution.Status == WorkflowStatus.Running || execution.GetCommands().Count > 0)
        {
            foreach (var command in execution.GetCommands())
            {
                Append(command.ToEvent(0, now));
            }

            var pending = execution.GetState().PendingTasks;
            if (pending.Count == 0)
            {
                break;
            }

            now = now.AddMilliseconds(1);
            foreach (var task in pending)
            {
                Append(new TaskCompleted { TaskId = task.TaskId, Output = output });
                foreach (var command in execution.GetCommands())
                {
                    Append(command.ToEvent(0, now));
                }
            }
        }

        return history;
    }
}
