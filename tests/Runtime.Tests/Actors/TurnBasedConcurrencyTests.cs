using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Tests.Support;
using AgentPlatform.TestKit;

namespace AgentPlatform.Runtime.Tests.Actors;

public sealed class TurnBasedConcurrencyTests
{
    [Fact]
    public async Task Concurrent_calls_to_one_actor_never_overlap()
    {
        var inFlight = 0;
        var maxInFlight = 0;
        var handled = 0;
        var behavior = new FakeActorBehavior
        {
            Invoke = async (_, _, _) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref maxInFlight, now);
                await Task.Yield();
                Interlocked.Increment(ref handled);
                Interlocked.Decrement(ref inFlight);
                return null;
            },
        };
        await using var fixture = RuntimeFixture.InMemory(types: FakeActor.Type("counter", behavior));
        var id = ActorId.Create("counter", "one");
        using var start = new ManualResetEventSlim();

        var calls = Enumerable.Range(0, 1000)
            .Select(_ => Task.Run(async () =>
            {
                start.Wait();
                await fixture.Runtime.InvokeAsync(id, "work");
            }))
            .ToList();
        start.Set();
        await Task.WhenAll(calls).WithTimeout();

        Assert.Equal(1000, handled);
        Assert.Equal(1, maxInFlight);
    }

    [Fact]
    public async Task Different_actors_run_in_parallel()
    {
        var arrived = new Dictionary<string, TaskCompletionSource>
        {
            ["a"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
            ["b"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        var behavior = new FakeActorBehavior
        {
            Invoke = async (actor, _, cancellationToken) =>
            {
                // Each actor waits inside its turn for the other to be inside its own turn: only parallel turns finish.
                arrived[actor.Id.Key].SetResult();
                await arrived[actor.Id.Key == "a" ? "b" : "a"].Task.WaitAsync(cancellationToken);
                return actor.Id.Key;
            },
        };
        await using var fixture = RuntimeFixture.InMemory(types: FakeActor.Type("pair", behavior));
        var timeout = TestTimeout.After(10);

        var a = fixture.Runtime.InvokeAsync<string>(ActorId.Create("pair", "a"), "meet", timeout).AsTask();
        var b = fixture.Runtime.InvokeAsync<string>(ActorId.Create("pair", "b"), "meet", timeout).AsTask();

        Assert.Equal(["a", "b"], await Task.WhenAll(a, b));
    }

    [Fact]
    public async Task Posts_run_one_at_a_time_in_order_of_arrival()
    {
        var seen = new List<int>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var behavior = new FakeActorBehavior
        {
            Invoke = (_, call, _) =>
            {
                seen.Add((int)call.Payload!);
                if (seen.Count == 500)
                {
                    done.SetResult();
                }

                return ValueTask.FromResult<object?>(null);
            },
        };
        await using var fixture = RuntimeFixture.InMemory(types: FakeActor.Type("log", behavior));
        var id = ActorId.Create("log", "1");

        for (var i = 0; i < 500; i++)
        {
            await fixture.Runtime.PostAsync(id, "append", i);
        }

        await done.Task.WithTimeout();
        Assert.Equal(Enumerable.Range(0, 500), seen);
    }

    [Fact]
    public async Task Calls_timer_ticks_and_reminder_fires_of_one_actor_never_overlap()
    {
        var time = new ManualTimeProvider();
        var inFlight = 0;
        var maxInFlight = 0;
        var kinds = new HashSet<string>();
        async ValueTask Turn(string kind)
        {
            InterlockedMax(ref maxInFlight, Interlocked.Increment(ref inFlight));
            await Task.Yield();
            kinds.Add(kind);
            Interlocked.Decrement(ref inFlight);
        }

        var behavior = new FakeActorBehavior
        {
            Activate = (actor, _) =>
            {
                actor.ActorHost.Timers.Register("t", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
                return ValueTask.CompletedTask;
            },
            Invoke = async (_, _, _) =>
            {
                await Turn("call");
                return null;
            },
            Timer = (_, _, _) => Turn("timer"),
            Reminder = (_, _, _) => Turn("reminder"),
        };
        await using var fixture = RuntimeFixture.InMemory(time, types: FakeActor.Type("mixed", behavior));
        await fixture.Runtime.StartAsync(TestTimeout.After());
        var id = ActorId.Create("mixed", "1");
        await fixture.Reminders.RegisterAsync(id, new AgentPlatform.Runtime.Reminders.ReminderRegistration("r", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));

        var calls = Task.Run(async () =>
        {
            for (var i = 0; i < 300; i++)
            {
                await fixture.Runtime.InvokeAsync(id, "call");
            }
        });
        for (var second = 0; second < 100; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await fixture.Runtime.InvokeAsync(id, "call").AsTask().WithTimeout();
        }

        await calls.WithTimeout();
        await fixture.Runtime.InvokeAsync(id, "call").AsTask().WithTimeout();

        Assert.Equal(1, maxInFlight);
        Assert.Equal(["call", "reminder", "timer"], kinds.Order(StringComparer.Ordinal));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var previous = Interlocked.CompareExchange(ref target, value, current);
            if (previous == current)
            {
                return;
            }

            current = previous;
        }
    }
}
