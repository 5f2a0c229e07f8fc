using System.Globalization;
using System.Text.Json;
using AgentPlatform.Agents.Dispatch;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.Runtime.Embedded;
using AgentPlatform.TestKit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Agents.Tests.Dispatch;

/// <summary>What task dispatch keeps in the SQLite actor store once attempts end (<see cref="AgentTaskOptions.RetainEnded"/>), and
/// a cancel that reaches a task before its dispatch, on the embedded runtime with virtual time and a real SQLite file.</summary>
public sealed class AgentTaskRetentionTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan RetainEnded = TimeSpan.FromMinutes(10);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "agent-task-retention-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _time = new(Start);
    private readonly RecordingOutcomeSink _sink = new();

    [Fact]
    public async Task Ended_attempts_answer_duplicate_and_late_within_RetainEnded_and_their_rows_are_gone_from_the_store_after_it()
    {
        await using var host = await StartAsync();
        var tasks = host.Get<AgentTaskDispatcher>();
        var first = await RegisterAsync(host, "first", 0.9);
        var second = await RegisterAsync(host, "second", 0.5);
        await tasks.DispatchAsync(Task("w:s:1"), TestTimeout.After());
        Assert.Equal(TaskActStatus.Accepted, (await tasks.ActAsync("w:s:1", new TaskAct(first, TaskActKind.Fail, Error: "no"), TestTimeout.After())).Status);
        await _sink.OutcomeOf("w:s:1").WaitAsync(TestTimeout.After());
        Assert.Equal(1, CountRows(TaskExclusionsActor.TypeName));

        await tasks.DispatchAsync(Task("w:s:2"), TestTimeout.After());
        Assert.Equal(second, (await tasks.GetAsync("w:s:2", TestTimeout.After()))!.AgentId);
        var accepted = await tasks.ActAsync("w:s:2", new TaskAct(second, TaskActKind.Complete, Json(2)), TestTimeout.After());
        await _sink.OutcomeOf("w:s:2").WaitAsync(TestTimeout.After());
        _time.Advance(RetainEnded - TimeSpan.FromSeconds(1));
        var duplicate = await tasks.ActAsync("w:s:2", new TaskAct(second, TaskActKind.Complete, Json(3)), TestTimeout.After());
        var late = await tasks.ActAsync("w:s:1", new TaskAct(first, TaskActKind.Complete, Json(1)), TestTimeout.After());
        var rowsInside = (CountRows(AgentTaskActor.TypeName), CountRows(TaskExclusionsActor.TypeName));

        _time.Advance(TimeSpan.FromSeconds(1));
        var afterFirst = await tasks.GetAsync("w:s:1", TestTimeout.After());
        var afterSecond = await tasks.ActAsync("w:s:2", new TaskAct(second, TaskActKind.Complete, Json(3)), TestTimeout.After());

        Assert.Equal((TaskActStatus.Accepted, TaskActStatus.Duplicate, TaskActStatus.Late), (accepted.Status, duplicate.Status, late.Status));
        Assert.Equal((2, 0), rowsInside);
        Assert.Null(afterFirst);
        Assert.Equal(TaskActStatus.NotFound, afterSecond.Status);
        Assert.Equal(0, CountRows(AgentTaskActor.TypeName));
        Assert.Equal(0, CountReminders(AgentTaskActor.TypeName));
    }

    [Fact]
    public async Task The_agents_excluded_from_work_that_never_completes_are_forgotten_RetainEnded_after_the_last_failed_attempt()
    {
        await using var host = await StartAsync();
        var tasks = host.Get<AgentTaskDispatcher>();
        var agent = await RegisterAsync(host, "only", 0.9);
        await tasks.DispatchAsync(Task("w:s:1"), TestTimeout.After());
        await tasks.ActAsync("w:s:1", new TaskAct(agent, TaskActKind.Reject), TestTimeout.After());
        await _sink.OutcomeOf("w:s:1").WaitAsync(TestTimeout.After());
        _time.Advance(RetainEnded - TimeSpan.FromSeconds(1));
        var inside = CountRows(TaskExclusionsActor.TypeName);

        _time.Advance(TimeSpan.FromSeconds(1));
        await tasks.GetAsync("w:s:1", TestTimeout.After());
        var excluded = await host.Actors.InvokeAsync<object?, List<string>>(TaskExclusionsActor.Address("w:s"), TaskExclusionsActor.ListMethod, null, TestTimeout.After());

        Assert.Equal(1, inside);
        Assert.Empty(excluded);
        Assert.Equal(0, CountRows(TaskExclusionsActor.TypeName));
        Assert.Equal(0, CountReminders(TaskExclusionsActor.TypeName));
    }

    [Fact]
    public async Task A_cancel_that_reaches_a_task_before_its_dispatch_wins_and_no_agent_is_handed_the_task()
    {
        await using var host = await StartAsync();
        var tasks = host.Get<AgentTaskDispatcher>();
        var agent = await RegisterAsync(host, "worker", 0.9);

        await tasks.CancelAsync("w:s:1", "the workflow instance was terminated", TestTimeout.After());
        await tasks.DispatchAsync(Task("w:s:1"), TestTimeout.After());
        var status = await tasks.GetAsync("w:s:1", TestTimeout.After());
        var inbox = await host.Get<InboxService>().ReadAsync(agent, 10, TimeSpan.Zero, TestTimeout.After());
        var act = await tasks.ActAsync("w:s:1", new TaskAct(agent, TaskActKind.Complete, Json(1)), TestTimeout.After());
        var presence = await host.Presence.GetAsync(agent, TestTimeout.After());
        _time.Advance(RetainEnded);
        var forgotten = await tasks.GetAsync("w:s:1", TestTimeout.After());

        Assert.Equal((AgentTaskState.Finished, AgentTaskEnd.Cancelled, null), (status!.State, status.End, status.AgentId));
        Assert.Equal("the workflow instance was terminated", status.Error);
        Assert.Empty(inbox);
        Assert.Equal(TaskActStatus.NotAssigned, act.Status);
        Assert.Equal((AgentStatus.Idle, 0), (presence.Status, presence.Load));
        Assert.Empty(_sink.All);
        Assert.Null(forgotten);
        Assert.Equal(0, CountRows(AgentTaskActor.TypeName));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Task<AgentTestHost> StartAsync() => AgentTestHost.StartAsync(
        services => services
            .AddSingleton<IAgentTaskOutcomeSink>(_sink)
            .AddAgentLiveness(o => o.HeartbeatInterval = TimeSpan.FromHours(1))
            .AddChannels()
            .AddAgentTasks(o =>
            {
                o.LeaseDuration = TimeSpan.FromHours(1);
                o.OfflineCheckInterval = TimeSpan.FromHours(1);
                o.RetainEnded = RetainEnded;
            }),
        _time,
        _directory);

    private static async Task<string> RegisterAsync(AgentTestHost host, string name, double proficiency)
    {
        var capabilities = new Dictionary<string, double> { ["sum"] = proficiency };
        var id = (await host.Get<IAgentIdentityStore>().RegisterAsync(new AgentRegistration(name, "", null, capabilities), TestTimeout.After())).Profile.Id;
        await host.Presence.DeclareAsync(id, new AgentDeclaration(capabilities, 10), TestTimeout.After());
        await host.Presence.HeartbeatAsync(id, TestTimeout.After());
        return id;
    }

    /// <summary>Rows of <paramref name="actorType"/> in the actor state table of the SQLite file, read over a connection of its own.</summary>
    private long CountRows(string actorType) => Count("SELECT COUNT(*) FROM actor_state WHERE actor_type = $type", actorType);

    private long CountReminders(string actorType) => Count("SELECT COUNT(*) FROM reminders WHERE actor_type = $type", actorType);

    private long Count(string sql, string actorType)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_directory, EmbeddedRuntimeOptions.DatabaseFileName),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$type", actorType);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static AgentTask Task(string taskId) => new()
    {
        TaskId = taskId,
        WorkKey = taskId[..taskId.LastIndexOf(':')],
        StepId = "s",
        Attempt = int.Parse(taskId[(taskId.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture),
        Capabilities = new Dictionary<string, double> { ["sum"] = 1 },
        Input = Json(0),
    };

    private static JsonElement Json(int value) => JsonSerializer.SerializeToElement(value);
}
