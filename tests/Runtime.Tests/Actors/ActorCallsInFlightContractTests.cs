using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Tests.Support;
using AgentPlatform.TestKit;

namespace AgentPlatform.Runtime.Tests.Actors;

/// <summary>The <see cref="IActorRuntime.CallsInFlight"/> promise every runtime keeps; derive once per implementation.</summary>
/// <remarks>A held call is a <see cref="ContractActor.MeetMethod"/> call waiting for a key the test lets arrive. Only zero and
/// not-zero are compared with exact values: across processes one call may be counted by the caller and by the actor's host.</remarks>
public abstract class ActorCallsInFlightContractTests : RuntimeContractTests
{
    [Fact]
    public async Task A_call_counts_while_it_runs_and_its_end_is_signalled()
    {
        await using var runtime = await StartAsync();
        var calls = runtime.Actors.CallsInFlight;
        Assert.Equal(0, calls.Count(ContractActor.TypeName));
        var ended = calls.NextEnd();

        var held = HoldAsync(runtime, "held");
        await Probe.Arrived("held").WithTimeout();

        Assert.True(calls.Count(ContractActor.TypeName) > 0);
        Assert.Equal(0, calls.Count("no-such-type"));
        Assert.False(ended.IsCompleted);
        Probe.Arrive(Opener("held"));
        Assert.Equal("held", await held.WithTimeout());
        await ended.WithTimeout();
        await WhenIdleAsync(calls);
    }

    [Fact]
    public async Task A_one_way_post_queued_behind_a_running_call_counts_until_its_turn_has_run()
    {
        await using var runtime = await StartAsync();
        var calls = runtime.Actors.CallsInFlight;
        var actor = ContractActor.Address("queue");
        var held = HoldAsync(runtime, "queue");
        await Probe.Arrived("queue").WithTimeout();
        var whileHeld = calls.Count(ContractActor.TypeName);

        await runtime.Actors.PostAsync(actor, ContractActor.AddMethod, 5, TestTimeout.After());

        Assert.True(calls.Count(ContractActor.TypeName) > whileHeld);
        Probe.Arrive(Opener("queue"));
        await held.WithTimeout();
        await WhenIdleAsync(calls);
        Assert.Equal(5, await runtime.Actors.InvokeAsync<int, int>(actor, ContractActor.AddMethod, 0, TestTimeout.After()));
    }

    [Fact]
    public async Task A_call_cancelled_while_queued_fails_at_once_and_stops_counting()
    {
        await using var runtime = await StartAsync();
        var calls = runtime.Actors.CallsInFlight;
        var actor = ContractActor.Address("cancelled");
        var held = HoldAsync(runtime, "cancelled");
        await Probe.Arrived("cancelled").WithTimeout();
        using var cancel = new CancellationTokenSource();

        var queued = runtime.Actors.InvokeAsync<int, int>(actor, ContractActor.AddMethod, 7, cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WithTimeout());
        Assert.False(held.IsCompleted);
        Probe.Arrive(Opener("cancelled"));
        await held.WithTimeout();
        await WhenIdleAsync(calls);
    }

    private static string Opener(string key) => key + "-open";

    private static Task<string> HoldAsync(RuntimeUnderTest runtime, string key) =>
        runtime.Actors.InvokeAsync<string, string>(ContractActor.Address(key), ContractActor.MeetMethod, Opener(key), TestTimeout.After()).AsTask();

    /// <summary>Waits, as an idle wait does, until no call to the contract actors is in flight.</summary>
    private static async Task WhenIdleAsync(IActorCallsInFlight calls)
    {
        var timeout = TestTimeout.After();
        while (true)
        {
            var next = calls.NextEnd();
            if (calls.Count(ContractActor.TypeName) == 0)
            {
                return;
            }

            await next.WaitAsync(timeout);
        }
    }
}
