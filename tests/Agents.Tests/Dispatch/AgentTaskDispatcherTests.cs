using System.Text.Json;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Dispatch;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AgentPlatform.Agents.Tests.Dispatch;

/// <summary>Task dispatch on the embedded runtime with virtual time: in-process and external agents, waiting for a candidate,
/// leases, next-best reassignment and cancellation.</summary>
public sealed class AgentTaskDispatcherTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    internal static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private readonly ManualTimeProvider _time = new(Start);
    private readonly RecordingOutcomeSink _sink = new();

    [Fact]
    public async Task An_in_process_agent_named_by_id_gets_the_task_as_a_direct_message_and_its_answer_or_exception_is_the_outcome()
    {
        await using var host = await StartAsync();
        var tasks = host.Get<AgentTaskDispatcher>();

        await tasks.DispatchAsync(Task("w:s:1", agentId: "doubler/one", input: 21), TestTimeout.After());
        await tasks.DispatchAsync(Task("w:t:1", agentId: "doubler/one", input: -1), TestTimeout.After());
        var done = await _sink.OutcomeOf("w:s:1").WaitAsync(TestTimeout.After());
        var failed = await _sink.OutcomeOf("w:t:1").WaitAsync(TestTimeout.After());

        Assert.True(done.Succeeded);
        Assert.Equal(42, done.Output!.Value.GetProperty("doubled").GetInt32());
        Assert.Equal("doubler/one", done.AgentId);
        Assert.False(failed.Succeeded);
        Assert.Contains("cannot double -1", failed.Error, StringComparison.Ordinal);

        // An outcome is reported while its task's turn still settles the agent; a call to each task runs after that turn.
        Assert.Equal(AgentTaskState.Finished, (await tasks.GetAsync("w:s:1", TestTimeout.After()))!.State);
        Assert.Equal(AgentTaskState.Finished, (await tasks.GetAsync("w:t:1", TestTimeout.After()))!.State);
        var presence = await host.Presence.GetAsync("doubler/one", TestTimeout.After());
        Assert.Equal((0, 1, 1), (presence.Load, presence.TrackRecord.Successes, presence.TrackRecord.Failures));
    }

    [Fact]
    public async Task A_task_no_agent_can_take_waits_and_goes_to_a_capable_agent_once_it_is_online()
    {
        await using var host = await StartAsync();
        var tasks = host.Get<AgentTaskDispatcher>();
        await tasks.DispatchAsync(Task("w:s:1", capabilities: new() { ["sum"] = 1 }, priority: MessagePriority.High), TestTimeout.After());
        Assert.Equal(AgentTaskState.Waiting, (await tasks.GetAsync("w:s:1", TestTimeout.After()))!.State);

        var agent = await RegisterAsync(host, "summer", new() { ["sum"] = 0.8 });
        _time.Advance(TimeSpan.FromSeconds(1));
        var delivery = Assert.Single(await host.Get<InboxService>().ReadAsync(agent, 10, TimeSpan.FromSeconds(30), TestTimeout.After()));

        Assert.Equal((MessageKind.Task, TaskMessages.TaskType, MessagePriority.High), (delivery.Message.Kind, delivery.Message.Title, delivery.Message.Priority));
        using var content = JsonDocument.Parse(delivery.Message.Content);
        Assert.Equal("w:s:1", content.RootElement.GetProperty("task_id").GetString());
        Assert.Equal(Start + TimeSpan.FromSeconds(1) + Lease, content.RootElement.GetProperty("lease_until").GetDateTimeOffset());
        var status = await tasks.GetAsync("w:s:1", TestTimeout.After());
        Assert.Equal((AgentTaskState.Assigned, agent), (status!.State, status.AgentId));
        Assert.Equal(AgentStatus.Busy, (await host.Presence.GetAsync(agent, TestTimeout.After())).Status);
    }

    [Fact]
    public async Task A_task_that_waits_for_an_agent_says_so_once_in_the_log_however_often_it_is_matched_again()
    {
        await using var host = await AgentTestHost.StartAsync(
            services => AddDispatch(services, _sink).AddLogging(logging => logging.AddFakeLogging()),
            _time);
        var tasks = host.Get<AgentTaskDispatcher>();
        await tasks.DispatchAsync(Task("w:s:1", capabilities: new() { ["sum"] = 1 }), TestTimeout.After());
        for (var retry = 0; retry < 3; retry++)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            await tasks.GetAsync("w:s:1", TestTimeout.After());
        }

        var agent = await RegisterAsync(host, "summer", new() { ["sum"] = 0.8 });
        _time.Advance(TimeSpan.FromSeconds(11));
        await host.Get<InboxService>().ReadAsync(agent, 10, TimeSpan.FromSeconds(30), TestTimeout.After());

        var waits = host.Get<FakeLogCollector>().GetSnapshot().Where(log => log.Id.Id == 1302).ToList();
        var wait = Assert.Single(waits);
        Assert.Equal(LogLevel.Information, wait.Level);
        Assert.Contains("Task w:s:1 of step s has no agent to take it now (0 qualified", wait.Message, StringComparison.Ordinal);
        Assert.Equal(AgentTaskState.Assigned, (await tasks.GetAsync("w:s:1", TestTimeout.After()))!.State);
    }

    [Fact]
    public async Task A_lease_that_runs_out_fails_the_attempt_tells_the_agent_and_the_next_attempt_goes_to_the_next_best_agent()
    {
        await using var host = await StartAsync();
        var tasks = host.Get<AgentTaskDispatcher>();
        var inbox = host.Get<InboxService>();
        var best = await RegisterAsync(host, "best", new() { ["sum"] = 0.9 });
        var second = await RegisterAsync(host, "second", new() { ["sum"] = 0.5 });
        var wanted = new Dictionary<string, double> { ["sum"] = 1 };

        await tasks.DispatchAsync(Task("w:s:1", capabilities: wanted), TestTimeout.After());
        Assert.Single(await inbox.ReadAsync(best, 10, TimeSpan.FromSeconds(30), TestTimeout.After()));
        await inbox.AcknowledgeAsync(best, [InboxActor.DirectDeliveryId(1)], TestTimeout.After());
        _time.Advance(Lease / 2);
        await host.Presence.HeartbeatAsync(best, TestTimeout.After());
        await host.Presence.HeartbeatAsync(second, TestTimeout.After());
        var beat = await tasks.ActAsync("w:s:1", new TaskAct(best, TaskActKind.Heartbeat), TestTimeout.After());
        Assert.Equal(TaskActStatus.Accepted, beat.Status);
        _time.Advance(Lease / 2);
        Assert.Equal(AgentTaskState.Assigned, (await tasks.GetAsync("w:s:1", TestTimeout.After()))!.State);
        await host.Presence.HeartbeatAsync(best, TestTimeout.After());
        await host.Presence.HeartbeatAsync(second, TestTimeout.After());
        _time.Advance(Lease);
        var timedOut = await _sink.OutcomeOf("w:s:1").WaitAsync(TestTimeout.After());

        // The outcome is reported while the task's turn still settles the agent (its error status reaches matching after that turn).
        await tasks.GetAsync("w:s:1", TestTimeout.After());
        var notice = Assert.Single(await inbox.ReadAsync(best, 10, TimeSpan.FromSeconds(30), TestTimeout.After()));

        await tasks.DispatchAsync(Task("w:s:2", capabilities: wanted), TestTimeout.After());
        Assert.Single(await inbox.ReadAsync(second, 10, TimeSpan.FromSeconds(30), TestTimeout.After()));
        var stranger = await tasks.ActAsync("w:s:2", new TaskAct(best, TaskActKind.Complete, Json(1)), TestTimeout.After());
        var late = await tasks.ActAsync("w:s:1", new TaskAct(best, TaskActKind.Complete, Json(1)), TestTimeout.After());
        var accepted = await tasks.ActAsync("w:s:2", new TaskAct(second, TaskActKind.Complete, Json(2)), TestTimeout.After());
        var duplicate = await tasks.ActAsync("w:s:2", new TaskAct(second, TaskActKind.Complete, Json(3)), TestTimeout.After());
        var completed = await _sink.OutcomeOf("w:s:2").WaitAsync(TestTimeout.After());

        Assert.Equal((false, best), (timedOut.Succeeded, timedOut.AgentId));
        Assert.Contains("did not heartbeat", timedOut.Error, StringComparison.Ordinal);
        Assert.Equal(TaskMessages.CancelledType, notice.Message.Title);
        Assert.Equal(AgentStatus.Error, (await host.Presence.GetAsync(best, TestTimeout.After())).Status);
        Assert.Equal(TaskActStatus.NotAssigned, stranger.Status);
        Assert.Equal(TaskActStatus.Late, late.Status);
        Assert.Equal(TaskActStatus.Accepted, accepted.Status);
        Assert.Equal(TaskActStatus.Duplicate, duplicate.Status);
        Assert.Equal((true, second, 2), (completed.Succeeded, completed.AgentId, completed.Output!.Value.GetInt32()));
        Assert.Single(_sink.All, o => o.TaskId == "w:s:2");
    }

    [Fact]
    public async Task A_retry_whose_only_capable_agent_failed_the_step_goes_back_to_it_rather_than_waiting_for_another()
    {
        await using var host = await StartAsync();
        var tasks = host.Get<AgentTaskDispatcher>();
        var inbox = host.Get<InboxService>();
        var only = await RegisterAsync(host, "only", new() { ["sum"] = 0.9 });
        var wanted = new Dictionary<string, double> { ["sum"] = 1 };

        await tasks.DispatchAsync(Task("w:s:1", capabilities: wanted), TestTimeout.After());
        Assert.Single(await inbox.ReadAsync(only, 10, TimeSpan.FromSeconds(30), TestTimeout.After()));
        await tasks.ActAsync("w:s:1", new TaskAct(only, TaskActKind.Fail, Error: "cannot sum"), TestTimeout.After());
        var failed = await _sink.OutcomeOf("w:s:1").WaitAsync(TestTimeout.After());
        await host.Presence.ReportStatusAsync(only, DeclaredStatus.Idle, TestTimeout.After());
        await tasks.DispatchAsync(Task("w:s:2", capabilities: wanted), TestTimeout.After());
        _time.Advance(TimeSpan.FromSeconds(1));
        var delivery = Assert.Single(await inbox.ReadAsync(only, 10, TimeSpan.FromSeconds(30), TestTimeout.After()));
        var retry = await tasks.GetAsync("w:s:2", TestTimeout.After());

        Assert.False(failed.Succeeded);
        using var content = JsonDocument.Parse(delivery.Message.Content);
        Assert.Equal("w:s:2", content.RootElement.GetProperty("task_id").GetString());
        Assert.Equal((AgentTaskState.Assigned, only), (retry!.State, retry.AgentId));
    }

    [Fact]
    public async Task A_cancelled_task_tells_its_agent_releases_its_load_without_a_failure_and_is_not_reported()
    {
        await using var host = await StartAsync();
        var tasks = host.Get<AgentTaskDispatcher>();
        var inbox = host.Get<InboxService>();
        var agent = await RegisterAsync(host, "worker", new() { ["sum"] = 1 });
        await tasks.DispatchAsync(Task("w:s:1", agentId: agent), TestTimeout.After());
        Assert.Single(await inbox.ReadAsync(agent, 10, TimeSpan.FromSeconds(30), TestTimeout.After()));
        await inbox.AcknowledgeAsync(agent, [InboxActor.DirectDeliveryId(1)], TestTimeout.After());

        await tasks.CancelAsync("w:s:1", "the workflow instance was terminated", TestTimeout.After());
        var notice = Assert.Single(await inbox.ReadAsync(agent, 10, TimeSpan.FromSeconds(30), TestTimeout.After()));
        var after = await tasks.ActAsync("w:s:1", new TaskAct(agent, TaskActKind.Complete, Json(1)), TestTimeout.After());

        using var content = JsonDocument.Parse(notice.Message.Content);
        Assert.Equal(("task_cancelled", "w:s:1"), (content.RootElement.GetProperty("type").GetString(), content.RootElement.GetProperty("task_id").GetString()));
        Assert.Equal(TaskActStatus.Late, after.Status);
        var presence = await host.Presence.GetAsync(agent, TestTimeout.After());
        Assert.Equal((AgentStatus.Idle, 0, 0), (presence.Status, presence.Load, presence.TrackRecord.Failures));
        Assert.Empty(_sink.All);
    }

    [Fact]
    public async Task An_explicit_agent_nobody_registered_fails_the_attempt_at_once()
    {
        await using var host = await StartAsync();

        await host.Get<AgentTaskDispatcher>().DispatchAsync(Task("w:s:1", agentId: "ghost"), TestTimeout.After());
        var outcome = await _sink.OutcomeOf("w:s:1").WaitAsync(TestTimeout.After());

        Assert.Equal((false, null), (outcome.Succeeded, outcome.AgentId));
        Assert.Contains("No agent 'ghost' is registered", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_limited_to_executors_passes_over_a_better_agent_of_another_role_and_a_named_agent_of_another_role_fails_it()
    {
        await using var host = await StartAsync();
        var tasks = host.Get<AgentTaskDispatcher>();
        var inbox = host.Get<InboxService>();
        var coordinator = await RegisterAsync(host, "coordinator", new() { ["sum"] = 1 }, AgentRole.Coordinator);
        var executor = await RegisterAsync(host, "executor", new() { ["sum"] = 0.5 }, AgentRole.Executor);

        await tasks.DispatchAsync(Task("w:s:1", capabilities: new() { ["sum"] = 1 }) with { Role = AgentRole.Executor }, TestTimeout.After());
        await tasks.DispatchAsync(Task("w:t:1", agentId: coordinator) with { Role = AgentRole.Executor }, TestTimeout.After());
        var refused = await _sink.OutcomeOf("w:t:1").WaitAsync(TestTimeout.After());
        var delivery = Assert.Single(await inbox.ReadAsync(executor, 10, TimeSpan.FromSeconds(30), TestTimeout.After()));

        using var content = JsonDocument.Parse(delivery.Message.Content);
        Assert.Equal("w:s:1", content.RootElement.GetProperty("task_id").GetString());
        Assert.Equal((AgentTaskState.Assigned, executor), ((await tasks.GetAsync("w:s:1", TestTimeout.After()))!.State, (await tasks.GetAsync("w:s:1", TestTimeout.After()))!.AgentId));
        Assert.Equal((false, null), (refused.Succeeded, refused.AgentId));
        Assert.Equal(
            $"Agent '{coordinator}' has the role 'coordinator'; step 's' takes only agents with the role 'executor'.", refused.Error);
        Assert.Empty(await inbox.ReadAsync(coordinator, 10, TimeSpan.Zero, TestTimeout.After()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_failed_attempt_is_retried_on_the_same_agent_only_when_the_work_does_not_reassign(bool reassign)
    {
        await using var host = await StartAsync();
        var tasks = host.Get<AgentTaskDispatcher>();
        var inbox = host.Get<InboxService>();
        var best = await RegisterAsync(host, "best", new() { ["sum"] = 0.9 });
        var second = await RegisterAsync(host, "second", new() { ["sum"] = 0.5 });
        var wanted = new Dictionary<string, double> { ["sum"] = 1 };

        await tasks.DispatchAsync(Task("w:s:1", capabilities: wanted) with { Reassign = reassign }, TestTimeout.After());
        Assert.Single(await inbox.ReadAsync(best, 10, TimeSpan.FromSeconds(30), TestTimeout.After()));
        await tasks.ActAsync("w:s:1", new TaskAct(best, TaskActKind.Fail, Error: "cannot sum"), TestTimeout.After());
        await _sink.OutcomeOf("w:s:1").WaitAsync(TestTimeout.After());
        await tasks.DispatchAsync(Task("w:s:2", capabilities: wanted) with { Reassign = reassign }, TestTimeout.After());
        var retry = await tasks.GetAsync("w:s:2", TestTimeout.After());

        // The failure left the best agent in status error: without reassignment the retry still goes back to it, at once.
        Assert.Equal(AgentStatus.Error, (await host.Presence.GetAsync(best, TestTimeout.After())).Status);
        Assert.Equal((AgentTaskState.Assigned, reassign ? second : best), (retry!.State, retry.AgentId));
    }

    /// <summary>Liveness (5 s heartbeats), channels and task dispatch with a <see cref="Lease"/> lease, reporting to <paramref name="sink"/>.</summary>
    internal static IServiceCollection AddDispatch(IServiceCollection services, RecordingOutcomeSink sink, Action<AgentTaskOptions>? configure = null) => services
        .AddSingleton<IAgentTaskOutcomeSink>(sink)
        .AddAgentLiveness(o => o.HeartbeatInterval = TimeSpan.FromSeconds(5))
        .AddChannels()
        .AddAgentTasks(o =>
        {
            o.LeaseDuration = Lease;
            o.OfflineCheckInterval = TimeSpan.FromSeconds(2);
            o.MatchBackoff = TimeSpan.FromSeconds(1);
            configure?.Invoke(o);
        });

    private Task<AgentTestHost> StartAsync() => AgentTestHost.StartAsync(
        services => AddDispatch(services, _sink).AddAgents(agents => agents.AddAgent<TaskTakingAgent>("doubler")),
        _time);

    internal static async Task<string> RegisterAsync(AgentTestHost host, string name, Dictionary<string, double> capabilities, AgentRole? role = null)
    {
        var id = (await host.Get<IAgentIdentityStore>().RegisterAsync(new AgentRegistration(name, "", null, capabilities, role), TestTimeout.After())).Profile.Id;
        await host.Presence.DeclareAsync(id, new AgentDeclaration(capabilities, 1, SetRole: role is not null, Role: role), TestTimeout.After());
        await host.Presence.HeartbeatAsync(id, TestTimeout.After());
        return id;
    }

    internal static AgentTask Task(
        string taskId, string? agentId = null, Dictionary<string, double>? capabilities = null, int input = 0, MessagePriority priority = MessagePriority.Normal) => new()
        {
            TaskId = taskId,
            WorkKey = taskId[..taskId.LastIndexOf(':')],
            StepId = "s",
            Attempt = int.Parse(taskId[(taskId.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture),
            AgentId = agentId,
            Capabilities = capabilities,
            Input = Json(input),
            Priority = priority,
        };

    internal static JsonElement Json(int value) => JsonSerializer.SerializeToElement(value);
}
