using System.Text.Json;
using System.Threading.Channels;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Reminders;
using AgentPlatform.Runtime.Tests.Support;
using AgentPlatform.TestKit;

namespace AgentPlatform.Runtime.Tests.Reminders;

public sealed class ReminderTests
{
    private readonly Channel<(ActorId Actor, string Name, string? Data, DateTimeOffset At)> _fires = Channel.CreateUnbounded<(ActorId, string, string?, DateTimeOffset)>();

    [Fact]
    public async Task A_periodic_reminder_fires_at_its_due_time_and_then_every_period()
    {
        var time = new ManualTimeProvider();
        await using var fixture = await StartInMemoryAsync(time);
        var id = ActorId.Create("reminded", "1");
        var start = time.GetUtcNow();

        await fixture.Runtime.InvokeAsync(id, "register", new ReminderRegistration("beat", TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), Json("""{"n":1}"""))).AsTask().WithTimeout();
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.False(_fires.Reader.TryRead(out _));
        time.Advance(TimeSpan.FromMinutes(1));
        var first = await NextFire();
        time.Advance(TimeSpan.FromMinutes(10));
        var second = await NextFire();

        Assert.Equal((id, "beat", """{"n":1}""", start.AddMinutes(5)), first);
        Assert.Equal(start.AddMinutes(15), second.At);
    }

    [Fact]
    public async Task A_one_shot_reminder_fires_once_and_is_then_gone()
    {
        var time = new ManualTimeProvider();
        await using var fixture = await StartInMemoryAsync(time);
        var id = ActorId.Create("reminded", "1");

        await fixture.Reminders.RegisterAsync(id, new ReminderRegistration("once", TimeSpan.FromSeconds(30)), TestTimeout.After());
        time.Advance(TimeSpan.FromSeconds(30));
        await NextFire();
        time.Advance(TimeSpan.FromHours(1));

        Assert.False(_fires.Reader.TryRead(out _));
    }

    [Fact]
    public async Task An_unregistered_reminder_does_not_fire()
    {
        var time = new ManualTimeProvider();
        await using var fixture = await StartInMemoryAsync(time);
        var id = ActorId.Create("reminded", "1");
        await fixture.Reminders.RegisterAsync(id, new ReminderRegistration("beat", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)));
        Assert.NotNull(await fixture.Reminders.GetAsync(id, "beat"));

        await fixture.Runtime.InvokeAsync(id, "unregister", "beat").AsTask().WithTimeout();
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Null(await fixture.Reminders.GetAsync(id, "beat"));
        Assert.False(_fires.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Registering_again_replaces_the_reminder()
    {
        var time = new ManualTimeProvider();
        await using var fixture = await StartInMemoryAsync(time);
        var id = ActorId.Create("reminded", "1");
        var start = time.GetUtcNow();

        await fixture.Reminders.RegisterAsync(id, new ReminderRegistration("r", TimeSpan.FromMinutes(1)));
        await fixture.Reminders.RegisterAsync(id, new ReminderRegistration("r", TimeSpan.FromMinutes(3)));
        time.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(start.AddMinutes(3), (await NextFire()).At);
        Assert.False(_fires.Reader.TryRead(out _));
    }

    [Fact]
    public async Task A_reminder_registered_before_a_restart_fires_after_it()
    {
        using var directory = new TempDirectory();
        var time = new ManualTimeProvider();
        var id = ActorId.Create("reminded", "durable");
        var start = time.GetUtcNow();
        await using (var before = RuntimeFixture.Sqlite(directory.DatabasePath, time, types: Type(time)))
        {
            await before.Runtime.StartAsync(TestTimeout.After());
            await before.Runtime.InvokeAsync(id, "register", new ReminderRegistration("wake", TimeSpan.FromHours(1), Data: Json("\"hi\""))).AsTask().WithTimeout();
        }

        await using var after = RuntimeFixture.Sqlite(directory.DatabasePath, time, types: Type(time));
        await after.Runtime.StartAsync(TestTimeout.After());
        time.Advance(TimeSpan.FromHours(1));

        Assert.Equal((id, "wake", "\"hi\"", start.AddHours(1)), await NextFire());
    }

    [Fact]
    public async Task A_reminder_that_fell_due_while_down_fires_at_start_and_keeps_its_phase()
    {
        using var directory = new TempDirectory();
        var time = new ManualTimeProvider();
        var id = ActorId.Create("reminded", "durable");
        var start = time.GetUtcNow();
        await using (var before = RuntimeFixture.Sqlite(directory.DatabasePath, time, types: Type(time)))
        {
            await before.Runtime.StartAsync(TestTimeout.After());
            await before.Reminders.RegisterAsync(id, new ReminderRegistration("beat", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10)));
        }

        time.Advance(TimeSpan.FromMinutes(5));
        var restartedAt = time.GetUtcNow();
        await using var after = RuntimeFixture.Sqlite(directory.DatabasePath, time, types: Type(time));
        await after.Runtime.StartAsync(TestTimeout.After());
        time.Advance(TimeSpan.Zero);
        var missed = await NextFire();
        time.Advance(TimeSpan.FromMinutes(6));
        var next = await NextFire();

        Assert.Equal(restartedAt, missed.At);
        Assert.Equal(start.AddMinutes(11), next.At);
    }

    [Fact]
    public async Task Ten_thousand_periodic_reminders_share_one_clock_timer()
    {
        var time = new ManualTimeProvider();
        var count = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var behavior = new FakeActorBehavior
        {
            Reminder = (_, _, _) =>
            {
                if (Interlocked.Increment(ref count) == 10_000)
                {
                    all.SetResult();
                }

                return ValueTask.CompletedTask;
            },
        };
        await using var fixture = RuntimeFixture.InMemory(time, types: FakeActor.Type("many", behavior));
        await fixture.Runtime.StartAsync(TestTimeout.After());
        var timersBefore = time.ActiveTimerCount;

        for (var i = 0; i < 10_000; i++)
        {
            await fixture.Reminders.RegisterAsync(ActorId.Create("many", $"a{i % 100}"), new ReminderRegistration($"r{i}", TimeSpan.FromSeconds(1 + (i % 60)), TimeSpan.FromMinutes(1)));
        }

        Assert.Equal(timersBefore + 1, time.ActiveTimerCount);
        time.Advance(TimeSpan.FromMinutes(1));
        await all.Task.WithTimeout();
        Assert.Equal(10_000, fixture.Reminders.Count);
    }

    private async Task<RuntimeFixture> StartInMemoryAsync(ManualTimeProvider time)
    {
        var fixture = RuntimeFixture.InMemory(time, types: Type(time));
        await fixture.Runtime.StartAsync(TestTimeout.After());
        return fixture;
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private ActorTypeRegistration Type(TimeProvider time) => FakeActor.Type("reminded", new FakeActorBehavior
    {
        Invoke = async (actor, call, _) =>
        {
            if (call.Method == "register")
            {
                await actor.RegisterReminder((ReminderRegistration)call.Payload!);
            }
            else
            {
                await actor.UnregisterReminder((string)call.Payload!);
            }

            return null;
        },
        Reminder = (actor, reminder, _) =>
        {
            _fires.Writer.TryWrite((actor.Id, reminder.Name, reminder.Data?.GetRawText(), time.GetUtcNow()));
            return ValueTask.CompletedTask;
        },
    });

    private async Task<(ActorId Actor, string Name, string? Data, DateTimeOffset At)> NextFire() =>
        await _fires.Reader.ReadAsync(TestTimeout.After(10));
}
