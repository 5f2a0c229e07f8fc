using System.Text.Json;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;
using global::Dapr.Workflow;

namespace AgentPlatform.Workflows.Engines.Dapr;

/// <summary>The one generic Dapr workflow: it folds the pure decider over the outcomes Dapr delivers and turns the
/// decider's commands into Dapr calls. It holds no decision logic of its own.</summary>
/// <remarks>
/// <para><c>ScheduleTask</c> becomes a call of <see cref="AgentTaskActivity"/>, which hands the task to the dispatch
/// port and returns; the agent's result comes back as the <see cref="StepEngineSignal.TaskResult"/> external event.
/// <c>CreateTimer</c> becomes a Dapr durable timer; operator events arrive as <see cref="StepEngineSignal.Event"/>.
/// Each outcome is appended as the matching history event stamped with the orchestration's clock, so a replay rebuilds
/// exactly the same platform history. Dapr retry policies are not used: retries, back-off and timeouts are the
/// decider's own timers and tasks.</para>
/// <para>The platform history is published as custom status after every turn; the client folds it to answer status
/// queries. When the decider finishes, the instance index is updated through <see cref="RecordInstanceActivity"/>.</para>
/// </remarks>
public sealed class StepEngineWorkflow : Workflow<string, string>
{
    /// <summary>The Dapr workflow name.</summary>
    public const string Name = "agent-platform-step-engine";

    private const int MaxDecisionRounds = 64;

    /// <inheritdoc/>
    public override async Task<string> RunAsync(WorkflowContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var start = JsonSerializer.Deserialize<StepEngineInput>(input, WorkflowJson.Options)
            ?? throw new ArgumentException("The orchestration input is empty.", nameof(input));
        var run = new Run(context, start);
        run.Append(new WorkflowStarted
        {
            InstanceId = start.InstanceId,
            DefinitionId = start.Definition.Definition.Id,
            DefinitionVersion = start.Definition.Definition.Version,
            Input = start.Input,
            TraceParent = start.TraceParent,
            ParentTaskId = start.ParentTaskId,
        });
        while (true)
        {
            run.PerformCommands();
            run.CancelAbandonedTasks();
            context.SetCustomStatus(new PublishedHistory(run.History));
            if (run.Execution.Status is WorkflowStatus.Completed or WorkflowStatus.Failed or WorkflowStatus.Terminated)
            {
                var state = run.Execution.GetState();
                await context.CallActivityAsync<bool>(RecordInstanceActivity.Name, JsonSerializer.Serialize(DaprWorkflowFold.Summary(WorkflowInstanceId.Parse(start.InstanceId), state, context.CurrentUtcDateTime), WorkflowJson.Options));
                return JsonSerializer.Serialize(state, WorkflowJson.Options);
            }

            await run.NextOutcomeAsync();
        }
    }

    /// <summary>One orchestration's fold: the decider, the platform history, and the Dapr tasks it waits on.</summary>
    private sealed class Run(WorkflowContext context, StepEngineInput start)
    {
        private readonly WorkflowInstanceId _instanceId = WorkflowInstanceId.Parse(start.InstanceId);
        private readonly List<WorkflowEvent> _history = [];
        // Tasks handed to the dispatcher whose end this fold has not seen yet; whether the decider still waits for one is
        // Execution.IsAwaiting, this set only remembers who may have to be told to stop.
        private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Task> _timers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Task<bool>> _dispatches = new(StringComparer.Ordinal);
        // Attempts of workflow steps running as Dapr child workflows whose outcome has not arrived: the child each one runs
        // (to terminate it if the attempt is abandoned) and the outcome.
        private readonly Dictionary<string, (ChildWorkflowCall Call, Task<WorkflowTaskResult> Outcome)> _children = new(StringComparer.Ordinal);
        private Task<string>? _taskResult;
        private Task<string>? _platformEvent;

        public WorkflowExecution Execution { get; } = new WorkflowDecider(start.Definition.Definition, start.Limits).CreateExecution();

        public IReadOnlyList<WorkflowEvent> History => _history;

        public void Append(WorkflowEvent e)
        {
            var stamped = e with { Sequence = _history.Count + 1, Timestamp = new DateTimeOffset(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc)) };
            _history.Add(stamped);
            Execution.Apply(stamped);
        }

        /// <summary>Records every command the decider asks for and starts its Dapr counterpart.</summary>
        public void PerformCommands()
        {
            var commands = Execution.GetCommands();
            for (var round = 0; commands.Count > 0; round++)
            {
                if (round == MaxDecisionRounds)
                {
                    throw new InvalidOperationException($"The decider of workflow {start.InstanceId} still asked for commands after {MaxDecisionRounds} rounds.");
                }

                foreach (var command in commands)
                {
                    var e = command.ToEvent(_history.Count + 1, default);
                    Append(e is TaskScheduled scheduled ? scheduled with { TraceParent = start.TraceParent } : e);
                    switch (command)
                    {
                        case ScheduleTask { Workflow: { } call } schedule:
                            _inFlight.Add(schedule.TaskId);
                            _children[schedule.TaskId] = (call, RunChildAsync(schedule));
                            break;
                        case ScheduleTask schedule:
                            var task = new WorkflowTask { InstanceId = _instanceId, Schedule = schedule, TraceParent = start.TraceParent };
                            _inFlight.Add(schedule.TaskId);
                            _dispatches[schedule.TaskId] = context.CallActivityAsync<bool>(AgentTaskActivity.Name, JsonSerializer.Serialize(task, WorkflowJson.Options));
                            break;
                        case CreateTimer timer:
                            _timers[timer.TimerId] = context.CreateTimer(timer.FireAt.UtcDateTime, CancellationToken.None);
                            break;
                        case CancelTimer cancel:
                            // The Dapr timer still fires later; nobody waits for it any more.
                            _timers.Remove(cancel.TimerId);
                            break;
                        default:
                            // SkipStep, JoinBranches, RecordItems, RecordPlan, CompleteWorkflow and FailWorkflow have no effect beyond their event.
                            break;
                    }
                }

                commands = Execution.GetCommands();
            }
        }

        /// <summary>Schedules <see cref="CancelTaskActivity"/> for every dispatched task the decider stopped waiting for
        /// since the last turn; the orchestration does not wait for those calls.</summary>
        public void CancelAbandonedTasks()
        {
            var abandoned = _inFlight.Where(taskId => !Execution.IsAwaiting(taskId)).ToList();
            if (abandoned.Count == 0)
            {
                return;
            }

            var reason = WorkflowTaskCancellation.ReasonFor(_history[^1]);
            foreach (var taskId in abandoned)
            {
                _inFlight.Remove(taskId);
                var child = _children.TryGetValue(taskId, out var running) ? running.Call.InstanceId : null;
                _ = context.CallActivityAsync<bool>(
                    CancelTaskActivity.Name, JsonSerializer.Serialize(new CancelTaskActivity.Request(taskId, reason, child), WorkflowJson.Options));
            }
        }

        /// <summary>Waits for the next task result, operator event, timer or dispatch failure and appends what the decider
        /// must see; outcomes it must not see (a result of a task no longer awaited, a timer no longer live) are dropped,
        /// as the actor engine drops them.</summary>
        public async Task NextOutcomeAsync()
        {
            _taskResult ??= context.WaitForExternalEventAsync<string>(StepEngineSignal.TaskResult);
            _platformEvent ??= context.WaitForExternalEventAsync<string>(StepEngineSignal.Event);
            var waits = new List<Task>(2 + _timers.Count + _dispatches.Count + _children.Count) { _taskResult, _platformEvent };
            waits.AddRange(_timers.Values);
            waits.AddRange(_dispatches.Values);
            waits.AddRange(_children.Values.Select(child => child.Outcome));
            var done = await Task.WhenAny(waits);
            if (done == _taskResult)
            {
                var json = await _taskResult;
                _taskResult = null;
                var result = JsonSerializer.Deserialize<WorkflowTaskResult>(json, WorkflowJson.Options);
                if (result is not null)
                {
                    RecordResult(result);
                }
            }
            else if (done == _platformEvent)
            {
                var json = await _platformEvent;
                _platformEvent = null;
                var raised = JsonSerializer.Deserialize<StepEngineSignal.PlatformEvent>(json, WorkflowJson.Options);
                if (raised is not null)
                {
                    Append(new EventRaised { Name = raised.Name, Payload = raised.Payload });
                }
            }
            else if (_timers.FirstOrDefault(t => t.Value == done) is { Value: not null } timer)
            {
                _timers.Remove(timer.Key);
                Append(new TimerFired { TimerId = timer.Key });
            }
            else if (_children.FirstOrDefault(c => c.Value.Outcome == done) is { Value.Outcome: not null } child)
            {
                _children.Remove(child.Key);
                RecordResult(await child.Value.Outcome);
            }
            else if (_dispatches.FirstOrDefault(d => d.Value == done) is { Value: not null } dispatch)
            {
                _dispatches.Remove(dispatch.Key);
                if (dispatch.Value.IsFaulted)
                {
                    RecordResult(WorkflowTaskResult.Failure(dispatch.Key, "The task could not be dispatched: " + dispatch.Value.Exception?.InnerException?.Message));
                }
            }
        }

        /// <summary>Runs one attempt of a <c>workflow</c> step as a Dapr child workflow of this orchestration and answers its
        /// result: the child's output, or why it failed, was terminated or could not start.</summary>
        private async Task<WorkflowTaskResult> RunChildAsync(ScheduleTask schedule)
        {
            var call = schedule.Workflow!;
            var prepared = JsonSerializer.Deserialize<PrepareChildActivity.Prepared>(
                await context.CallActivityAsync<string>(PrepareChildActivity.Name, JsonSerializer.Serialize(new PrepareChildActivity.Request(schedule, start.TraceParent), WorkflowJson.Options)),
                WorkflowJson.Options);
            if (prepared?.Start is not { } childStart)
            {
                return WorkflowTaskResult.Failure(schedule.TaskId, prepared?.Error ?? $"child workflow '{call.InstanceId}' could not be prepared");
            }

            try
            {
                var output = await context.CallChildWorkflowAsync<string>(
                    Name, JsonSerializer.Serialize(childStart, WorkflowJson.Options), new ChildWorkflowTaskOptions { InstanceId = call.InstanceId });
                var final = JsonSerializer.Deserialize<WorkflowInstanceState>(output, WorkflowJson.Options);
                return (final is null ? null : ChildWorkflowOutcome.ResultOf(schedule.TaskId, final))
                    ?? WorkflowTaskResult.Failure(schedule.TaskId, $"child workflow '{call.InstanceId}' ended without a final state");
            }
            catch (WorkflowTaskFailedException exception)
            {
                // Dapr reports a terminated child (and an orchestration that crashed) as a failed child workflow.
                return WorkflowTaskResult.Failure(schedule.TaskId, $"child workflow '{call.InstanceId}' did not complete: {exception.FailureDetails.ErrorMessage}");
            }
        }

        private void RecordResult(WorkflowTaskResult result)
        {
            if (Execution.IsAwaiting(result.TaskId))
            {
                _inFlight.Remove(result.TaskId);
                Append(result.ToEvent());
            }
        }
    }
}
