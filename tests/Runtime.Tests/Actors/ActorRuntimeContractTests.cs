using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Tests.Support;
using AgentPlatform.TestKit;

namespace AgentPlatform.Runtime.Tests.Actors;

/// <summary>The behaviour every <see cref="IActorRuntime"/> must show; derive once per implementation.</summary>
/// <remarks>Calls go through the typed port, so a runtime that moves arguments and results as JSON passes only if it
/// reads them back with the actor serializer options.</remarks>
public abstract class ActorRuntimeContractTests : RuntimeContractTests
{
    [Fact]
    public async Task Typed_results_come_back_as_the_requested_type()
    {
        await using var runtime = await StartAsync();
        var record = new ContractRecord("r", [1, 2, 3], Note: null);
        var actor = ContractActor.Address("typed");

        var echoed = await runtime.Actors.InvokeAsync<ContractRecord, ContractRecord>(actor, ContractActor.EchoMethod, record, TestTimeout.After());
        var sum = await runtime.Actors.InvokeAsync<int, int>(actor, ContractActor.AddMethod, 5, TestTimeout.After());
        var nothing = await runtime.Actors.InvokeAsync<ContractRecord?>(actor, ContractActor.NothingMethod, TestTimeout.After());
        var noNumber = await runtime.Actors.InvokeAsync<int?>(actor, ContractActor.NothingMethod, TestTimeout.After());

        Assert.Equal(record, echoed);
        Assert.Equal(5, sum);
        Assert.Null(nothing);
        Assert.Null(noNumber);
    }

    [Fact]
    public async Task A_result_that_is_not_the_requested_type_is_an_argument_error()
    {
        await using var runtime = await StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await runtime.Actors.InvokeAsync<int, ContractRecord>(ContractActor.Address("mismatch"), ContractActor.AddMethod, 1, TestTimeout.After()));
    }

    [Fact]
    public async Task An_exception_reaches_the_caller_with_its_type_and_message_and_the_actor_stays_usable()
    {
        await using var runtime = await StartAsync();
        var actor = ContractActor.Address("failing");

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await runtime.Actors.InvokeAsync(actor, ContractActor.FailMethod, "bad input", TestTimeout.After()));
        var missing = await Assert.ThrowsAsync<ActorMethodNotFoundException>(async () =>
            await runtime.Actors.InvokeAsync(actor, "no-such-method", TestTimeout.After()));
        var unknown = await Assert.ThrowsAsync<ActorTypeNotRegisteredException>(async () =>
            await runtime.Actors.InvokeAsync(ActorId.Create("no-such-type", "1"), ContractActor.NothingMethod, TestTimeout.After()));

        Assert.Equal("bad input", failed.Message);
        Assert.Equal("no-such-method", missing.Method);
        Assert.Equal("no-such-type", unknown.ActorType);
        Assert.Equal(2, await runtime.Actors.InvokeAsync<int, int>(actor, ContractActor.AddMethod, 2, TestTimeout.After()));
    }

    [Fact]
    public async Task Turns_of_one_actor_never_overlap()
    {
        await using var runtime = await StartAsync();
        var actor = ContractActor.Address("busy");

        var calls = Enumerable.Range(0, 64)
            .Select(_ => Task.Run(async () => await runtime.Actors.InvokeAsync<int>(actor, ContractActor.WorkMethod, TestTimeout.After())));
        var turns = await Task.WhenAll(calls).WithTimeout();

        Assert.Equal(1, Probe.MaxInFlight);
        Assert.Equal(Enumerable.Range(1, 64), turns.Order());
    }

    [Fact]
    public async Task Different_actors_run_their_turns_concurrently()
    {
        await using var runtime = await StartAsync();
        var timeout = TestTimeout.After();

        var a = runtime.Actors.InvokeAsync<string, string>(ContractActor.Address("a"), ContractActor.MeetMethod, "b", timeout).AsTask();
        var b = runtime.Actors.InvokeAsync<string, string>(ContractActor.Address("b"), ContractActor.MeetMethod, "a", timeout).AsTask();

        Assert.Equal(["a", "b"], await Task.WhenAll(a, b).WithTimeout());
    }

    [Fact]
    public async Task State_written_in_a_turn_is_committed_at_its_end_and_survives_a_restart()
    {
        var actor = ContractActor.Address("durable");
        await using (var first = await StartAsync())
        {
            await first.Actors.InvokeAsync(actor, ContractActor.WriteTwoMethod, 7, TestTimeout.After());
            Assert.Equal(new ContractPair(7, 7), await ReadTwoAsync(first, actor));
        }

        await using var second = await StartAsync();
        Assert.Equal(new ContractPair(7, 7), await ReadTwoAsync(second, actor));
    }

    [Fact]
    public async Task A_turn_that_throws_commits_none_of_its_writes()
    {
        var actor = ContractActor.Address("atomic");
        await using (var first = await StartAsync())
        {
            await first.Actors.InvokeAsync(actor, ContractActor.WriteTwoMethod, 1, TestTimeout.After());
            var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
                await first.Actors.InvokeAsync(actor, ContractActor.WriteTwoThenThrowMethod, 2, TestTimeout.After()));

            Assert.Equal("refused 2", error.Message);
            Assert.Equal(new ContractPair(1, 1), await ReadTwoAsync(first, actor));
        }

        await using var second = await StartAsync();
        Assert.Equal(new ContractPair(1, 1), await ReadTwoAsync(second, actor));
    }

    private static async Task<ContractPair> ReadTwoAsync(RuntimeUnderTest runtime, ActorId actor) =>
        await runtime.Actors.InvokeAsync<ContractPair>(actor, ContractActor.ReadTwoMethod, TestTimeout.After());
}
