using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Tests.Decisions;

/// <summary>Random runner behaviour (completion order, failures, timer firings, events, duplicate and late results)
/// over rich definitions. The harness checks after every step that a full replay equals the incremental fold.</summary>
public sealed class DeciderPropertyTests
{
    public static readonly TheoryData<string> Definitions = new()
    {
        """
        id: rich
        steps:
          - { id: start, kind: agent_task, agent: x, retry: { max_attempts: 3, initial_backoff: 1s }, timeout: 20s }
          - id: fan
            kind: parallel
            join: n
            n: 2
            on_failure: continue
            branches:
              - steps:
                  - { id: a1, kind: agent_task, agent: x, on_failure: "goto:a3" }
                  - { id: a2, kind: agent_task, agent: x }
                  - { id: a3, kind: agent_task, agent: x, retry: { max_attempts: 2, initial_backoff: 2s } }
              - steps:
                  - id: route
                    kind: condition
                    if: exists(steps.start.output.flag) or steps.start.output == 1
                    then:
                      - { id: t1, kind: agent_task, agent: x, timeout: 5s, retry: { max_attempts: 2 } }
                    else:
                      - { id: e1, kind: wait, event: { name: go, timeout: 30s } }
              - steps:
                  - { id: c1, kind: wait, duration: 10s }
                  - { id: c2, kind: agent_task, agent: x, on_failure: continue }
          - { id: tail1, kind: agent_task, agent: x, depends_on: [fan] }
          - { id: tail2, kind: agent_task, agent: x, depends_on: [fan], retry: { max_attempts: 2, initial_backoff: 1s } }
          - { id: end, kind: agent_task, agent: x, depends_on: [tail1, tail2] }
        """,
        """
        id: dag
        steps:
          - { id: p, kind: agent_task, agent: x }
          - { id: q, kind: agent_task, agent: x, depends_on: [], on_failure: continue, timeout: 3s }
          - { id: r, kind: agent_task, agent: x, depends_on: [p, q], retry: { max_attempts: 3, initial_backoff: 1s, multiplier: 2 } }
          - id: any
            kind: parallel
            join: any
            depends_on: [p]
            branches:
              - steps: [ { id: w, kind: wait, event: { name: ping } } ]
              - steps: [ { id: s, kind: agent_task, agent: x, timeout: 4s } ]
          - { id: z, kind: agent_task, agent: x, depends_on: [r, any] }
        """,
    };

    [Theory]
    [MemberData(nameof(Definitions))]
    public void Random_runs_replay_identically_and_never_schedule_a_completed_task_again(string yaml)
    {
        for (var seed = 0; seed < 40; seed++)
        {
            Run(yaml, seed);
        }
    }

    [Fact]
    public void Random_runs_of_generated_definitions_replay_identically_and_never_schedule_a_completed_task_again()
    {
        for (var seed = 0; seed < 150; seed++)
        {
            var definition = new RandomDefinitions(seed).Next();
            Assert.Empty(AgentPlatform.Workflows.Definitions.WorkflowValidator.Validate(definition));
            Run(definition, seed);
        }
    }

    private static void Run(string yaml, int seed) => Run(Load(yaml), seed);

    private static void Run(AgentPlatform.Workflows.Definitions.WorkflowDefinition definition, int seed)
    {
        var random = new Random(seed);
        var harness = new WorkflowHarness(definition, seed % 2 == 0 ? new { n = 1 } : null, $"run-{seed}");
        var completed = new HashSet<string>(StringComparer.Ordinal);
        var abandoned = new List<string>();
        for (var round = 0; round < 300 && harness.Status == WorkflowStatus.Running; round++)
        {
            var pending = harness.State.PendingTasks;
            var timers = harness.State.ActiveTimers;
            var action = random.Next(10);
            if (action < 5 && pending.Count > 0)
            {
                var task = pending[random.Next(pending.Count)];
                object? output = random.Next(3) switch { 0 => 1, 1 => new { flag = true }, _ => null };
                harness.CompleteTask(task.TaskId, output);
                completed.Add(task.TaskId);
            }
            else if (action < 7 && pending.Count > 0)
            {
                var task = pending[random.Next(pending.Count)];
                harness.Append(new TaskFailed { TaskId = task.TaskId, Error = $"err-{round}" });
                harness.Flush();
            }
            else if (action == 7 && timers.Count > 0)
            {
                harness.Advance(timers[0].FireAt - harness.Now);
            }
            else if (action == 8)
            {
                harness.Raise(random.Next(2) == 0 ? "go" : "ping", new { round });
            }
            else if (completed.Count > 0)
            {
                harness.CompleteTask(completed.ElementAt(random.Next(completed.Count)), "duplicate");
            }
            else if (pending.Count == 0 && timers.Count > 0)
            {
                harness.Advance(timers[0].FireAt - harness.Now);
            }

            foreach (var task in pending)
            {
                if (!harness.State.PendingTasks.Any(p => p.TaskId == task.TaskId) && !completed.Contains(task.TaskId))
                {
                    abandoned.Add(task.TaskId);
                }
            }

            if (abandoned.Count > 0 && random.Next(4) == 0)
            {
                harness.CompleteTask(abandoned[random.Next(abandoned.Count)], "late");
            }
        }

        Assert.NotEqual(WorkflowStatus.Running, harness.Status);
        var scheduled = harness.History.OfType<TaskScheduled>().Select(t => t.TaskId).ToList();
        Assert.Equal(scheduled.Count, scheduled.Distinct().Count());
        var completedIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var probe = new WorkflowDecider(definition).CreateExecution();
        for (var i = 0; i < harness.History.Count; i++)
        {
            if (harness.History[i] is TaskScheduled again && completedIndex.ContainsKey(again.StepId))
            {
                Assert.Fail($"seed {seed}: step {again.StepId} scheduled again after it completed");
            }

            probe.Apply(harness.History[i]);
            foreach (var step in probe.GetState().Steps)
            {
                if (step.Status == StepStatus.Completed)
                {
                    completedIndex.TryAdd(step.StepId, i);
                }
                else
                {
                    Assert.False(completedIndex.ContainsKey(step.StepId), $"seed {seed}: step {step.StepId} left the completed status");
                }
            }
        }

        var copy = AgentPlatform.Workflows.Definitions.WorkflowDefinitionLoader.FromJson(AgentPlatform.Workflows.Definitions.WorkflowDefinitionLoader.ToJson(definition));
        var replayA = new WorkflowDecider(definition).Decide(harness.History);
        var replayB = WorkflowDecider.Decide(copy, harness.History);
        Assert.Equal(WorkflowHarness.Json(replayA), WorkflowHarness.Json(replayB));
        Assert.Empty(replayA.Commands);
    }

    private static AgentPlatform.Workflows.Definitions.WorkflowDefinition Load(string yaml) =>
        AgentPlatform.Workflows.Definitions.WorkflowDefinitionLoader.FromYaml(yaml);
}
