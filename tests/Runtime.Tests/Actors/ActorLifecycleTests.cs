using System.Threading.Channels;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Embedded;
using AgentPlatform.Runtime.Tests.Support;
using AgentPlatform.TestKit;

namespace AgentPlatform.Runtime.Tests.Actors;

public sealed class ActorLifecycleTests
{
    private static readonly EmbeddedRuntimeOptions Options = new()
    {
        DefaultIdleTimeout = TimeSpan.FromMinutes(10),
        IdleScanInterval = TimeSpan.FromMinutes(1),
    };

    [Fact]
    public async Task An_idle_actor_is_deactivated_and_the_next_call_activates_a_new_one()
    {
        var time = new ManualTimeProvider();
        var events = Channel.CreateUnbounded<string>();
        var behavior = new FakeActorBehavior
        {
            Activate = (actor, _) => Write(events, $"activate {actor.GetHashCode()}"),
            Deactivate = (_, _) => Write(events, "deactivate"),
            Invoke = (actor, _, _) => ValueTask.FromResult<object?>(actor.GetHashCode()),
        };
        await using var fixture = RuntimeFixture.InMemory(time, Options, types: FakeActor.Type("idle", behavior));
        var id = ActorId.Create("idle", "1");
        var firstInstance = await fixture.Runtime.InvokeAsync<int>(id, "x").AsTask().WithTimeout();
        Assert.Equal($"activate {firstInstance}", await Next(events));

        time.Advance(TimeSpan.FromMinutes(9));
        await fixture.Runtime.InvokeAsync(id, "x").AsTask().WithTimeout();
        time.Advance(TimeSpan.FromMinutes(9));
        Assert.False(events.Reader.TryRead(out _));

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("deactivate", await Next(events));

        var secondInstance = await fixture.Runtime.InvokeAsync<int>(id, "x").AsTask().WithTimeout();
        Assert.Equal($"activate {secondInstance}", await Next(events));
        Assert.NotEqual(firstInstance, secondInstance);
    }

    [Fact]
    public async Task A_type_can_set_its_own_idle_timeout()
    {
        var time = new ManualTimeProvider();
        var events = Channel.CreateUnbounded<string>();
        var behavior = new FakeActorBehavior
        {
            Deactivate = (actor, _) => Write(events, actor.Id.Type),
            Invoke = (_, _, _) => ValueTask.FromResult<object?>(null),
        };
        await using var fixture = RuntimeFixture.InMemory(
            time, Options, types: [FakeActor.Type("short", behavior, TimeSpan.FromMinutes(2)), FakeActor.Type("long", behavior)]);
        await fixture.Runtime.InvokeAsync(ActorId.Create("short", "1"), "x").AsTask().WithTimeout();
        await fixture.Runtime.InvokeAsync(ActorId.Create("long", "1"), "x").AsTask().WithTimeout();

        time.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal("short", await Next(events));
        Assert.False(events.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Timers_fire_as_turns_and_can_be_unregistered()
    {
        var time = new ManualTimeProvider();
        var ticks = Channel.CreateUnbounded<(string Name, object? State, DateTimeOffset At)>();
        var inTurn = 0;
        var overlaps = 0;
        var behavior = new FakeActorBehavior
        {
            Invoke = (actor, call, _) =>
            {
                if (call.Method == "start")
                {
                    actor.ActorHost.Timers.Register("tick", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), "payload");
                }
                else
                {
                    actor.ActorHost.Timers.Unregister("tick");
                }

                return ValueTask.FromResult<object?>(null);
            },
            Timer = async (_, timer, _) =>
            {
                if (Interlocked.Increment(ref inTurn) > 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                await Task.Yield();
                ticks.Writer.TryWrite((timer.Name, timer.State, time.GetUtcNow()));
                Interlocked.Decrement(ref inTurn);
            },
        };
        await using var fixture = RuntimeFixture.InMemory(time, Options, types: FakeActor.Type("timed", behavior));
        var id = ActorId.Create("timed", "1");
        var start = time.GetUtcNow();
        await fixture.Runtime.InvokeAsync(id, "start").AsTask().WithTimeout();

        time.Advance(TimeSpan.FromSeconds(5));
        var first = await Next(ticks);
        time.Advance(TimeSpan.FromSeconds(10));
        var second = await Next(ticks);
        await fixture.Runtime.InvokeAsync(id, "stop").AsTask().WithTimeout();
        time.Advance(TimeSpan.FromMinutes(1));
        await fixture.Runtime.InvokeAsync(id, "flush").AsTask().WithTimeout();

        Assert.Equal(("tick", (object?)"payload", start.AddSeconds(5)), first);
        Assert.Equal(start.AddSeconds(15), second.At);
        Assert.False(ticks.Reader.TryRead(out _));
        Assert.Equal(0, overlaps);
    }

    [Fact]
    public async Task Timers_die_with_the_activation()
    {
        var time = new ManualTimeProvider();
        var ticks = 0;
        var deactivated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var behavior = new FakeActorBehavior
        {
            Invoke = (actor, call, _) =>
            {
                if (call.Method == "start")
                {
                    actor.ActorHost.Timers.Register("late", TimeSpan.FromMinutes(30));
                }

                return ValueTask.FromResult<object?>(Volatile.Read(ref ticks));
            },
            Timer = (_, _, _) =>
            {
                Interlocked.Increment(ref ticks);
                return ValueTask.CompletedTask;
            },
            Deactivate = (_, _) =>
            {
                deactivated.SetResult();
                return ValueTask.CompletedTask;
            },
        };
        await using var fixture = RuntimeFixture.InMemory(time, Options, types: FakeActor.Type("timed", behavior));
        var id = ActorId.Create("timed", "1");
        await fixture.Runtime.InvokeAsync(id, "start").AsTask().WithTimeout();
        var timersWhileActive = time.ActiveTimerCount;

        time.Advance(TimeSpan.FromMinutes(11));
        await deactivated.Task.WithTimeout();
        await fixture.Runtime.InvokeAsync(id, "probe").AsTask().WithTimeout();
        var timersAfter = time.ActiveTimerCount;
        time.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(0, await fixture.Runtime.InvokeAsync<int>(id, "probe").AsTask().WithTimeout());
        Assert.Equal(timersWhileActive - 1, timersAfter);
    }

    private static ValueTask Write(Channel<string> channel, string text)
    {
        channel.Writer.TryWrite(text);
        return ValueTask.CompletedTask;
    }

    private static async Task<T> Next<T>(Channel<T> channel) => await channel.Reader.ReadAsync(TestTimeout.After(10));
}
