using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Embedded.State;
using AgentPlatform.Runtime.Tests.Support;
using AgentPlatform.TestKit;

namespace AgentPlatform.Runtime.Tests.Actors;

public sealed class ActorCallTests
{
    private static readonly FakeActorBehavior Echo = new()
    {
        Invoke = (actor, call, _) => call.Method switch
        {
            "echo" => ValueTask.FromResult(call.Payload),
            "fail" => throw new InvalidOperationException("boom"),
            _ => throw new ActorMethodNotFoundException(actor.Id, call.Method),
        },
    };

    [Fact]
    public async Task Invoke_returns_the_actors_result()
    {
        await using var fixture = RuntimeFixture.InMemory(types: FakeActor.Type("echo", Echo));

        var result = await fixture.Runtime.InvokeAsync<string, string>(ActorId.Create("echo", "1"), "echo", "hello", TestTimeout.After());

        Assert.Equal("hello", result);
    }

    [Fact]
    public async Task Invoke_propagates_the_actors_exception()
    {
        await using var fixture = RuntimeFixture.InMemory(types: FakeActor.Type("echo", Echo));
        var id = ActorId.Create("echo", "1");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Runtime.InvokeAsync(id, "fail").AsTask().WithTimeout());
        var missing = await Assert.ThrowsAsync<ActorMethodNotFoundException>(() => fixture.Runtime.InvokeAsync(id, "nope").AsTask().WithTimeout());

        Assert.Equal("boom", error.Message);
        Assert.Equal("nope", missing.Method);
        Assert.Equal("again", await fixture.Runtime.InvokeAsync<string, string>(id, "echo", "again").AsTask().WithTimeout());
    }

    [Fact]
    public async Task Unknown_actor_type_is_rejected()
    {
        await using var fixture = RuntimeFixture.InMemory(types: FakeActor.Type("echo", Echo));
        var id = ActorId.Create("ghost", "1");

        var invoke = await Assert.ThrowsAsync<ActorTypeNotRegisteredException>(() => fixture.Runtime.InvokeAsync(id, "echo").AsTask());
        var post = await Assert.ThrowsAsync<ActorTypeNotRegisteredException>(() => fixture.Runtime.PostAsync(id, "echo").AsTask());

        Assert.Equal("ghost", invoke.ActorType);
        Assert.Equal("ghost", post.ActorType);
        Assert.True(fixture.Runtime.IsRegistered("echo"));
        Assert.False(fixture.Runtime.IsRegistered("ghost"));
    }

    [Fact]
    public async Task Post_failure_is_not_returned_and_the_actor_keeps_working()
    {
        await using var fixture = RuntimeFixture.InMemory(types: FakeActor.Type("echo", Echo));
        var id = ActorId.Create("echo", "1");

        await fixture.Runtime.PostAsync(id, "fail");

        Assert.Equal("still here", await fixture.Runtime.InvokeAsync<string, string>(id, "echo", "still here").AsTask().WithTimeout());
    }

    [Fact]
    public async Task A_cancelled_token_skips_the_call()
    {
        var calls = 0;
        var behavior = new FakeActorBehavior { Invoke = (_, _, _) => ValueTask.FromResult<object?>(Interlocked.Increment(ref calls)) };
        await using var fixture = RuntimeFixture.InMemory(types: FakeActor.Type("count", behavior));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Runtime.InvokeAsync(ActorId.Create("count", "1"), "x", cancelled.Token).AsTask());

        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task A_call_cancelled_while_queued_returns_at_once_and_never_runs()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ran = new List<string>();
        var behavior = new FakeActorBehavior
        {
            Invoke = async (_, call, cancellationToken) =>
            {
                ran.Add(call.Method);
                if (call.Method == "block")
                {
                    started.SetResult();
                    await release.Task.WaitAsync(cancellationToken);
                }

                return call.Method;
            },
        };
        await using var fixture = RuntimeFixture.InMemory(types: FakeActor.Type("busy", behavior));
        var id = ActorId.Create("busy", "1");
        var blocking = fixture.Runtime.InvokeAsync<string>(id, "block", TestTimeout.After()).AsTask();
        await started.Task.WithTimeout();
        using var cancel = new CancellationTokenSource();

        var queued = fixture.Runtime.InvokeAsync(id, "queued", cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WithTimeout());
        release.SetResult();
        Assert.Equal("block", await blocking);
        Assert.Equal("after", await fixture.Runtime.InvokeAsync<string>(id, "after").AsTask().WithTimeout());
        Assert.Equal(["block", "after"], ran);
    }

    [Fact]
    public async Task The_callers_token_reaches_the_actor()
    {
        var behavior = new FakeActorBehavior { Invoke = (_, _, cancellationToken) => ValueTask.FromResult<object?>(cancellationToken.CanBeCanceled) };
        await using var fixture = RuntimeFixture.InMemory(types: FakeActor.Type("token", behavior));
        using var source = new CancellationTokenSource();

        var seen = await fixture.Runtime.InvokeAsync<bool>(ActorId.Create("token", "1"), "x", source.Token);

        Assert.True(seen);
    }

    [Fact]
    public async Task Activation_runs_once_inside_the_first_turn_before_the_call()
    {
        var log = new List<string>();
        var behavior = new FakeActorBehavior
        {
            Activate = (_, _) =>
            {
                log.Add("activate");
                return ValueTask.CompletedTask;
            },
            Invoke = (_, call, _) =>
            {
                log.Add(call.Method);
                return ValueTask.FromResult<object?>(null);
            },
        };
        await using var fixture = RuntimeFixture.InMemory(types: FakeActor.Type("life", behavior));
        var id = ActorId.Create("life", "1");

        await fixture.Runtime.InvokeAsync(id, "first").AsTask().WithTimeout();
        await fixture.Runtime.InvokeAsync(id, "second").AsTask().WithTimeout();

        Assert.Equal(["activate", "first", "second"], log);
    }

    [Fact]
    public async Task Failed_activation_fails_the_call_and_the_next_call_activates_again()
    {
        var attempts = 0;
        var behavior = new FakeActorBehavior
        {
            Activate = (_, _) => Interlocked.Increment(ref attempts) == 1 ? throw new InvalidOperationException("cold start") : ValueTask.CompletedTask,
            Invoke = (_, _, _) => ValueTask.FromResult<object?>("ok"),
        };
        await using var fixture = RuntimeFixture.InMemory(types: FakeActor.Type("flaky", behavior));
        var id = ActorId.Create("flaky", "1");

        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Runtime.InvokeAsync(id, "x").AsTask().WithTimeout());

        Assert.Equal("ok", await fixture.Runtime.InvokeAsync<string>(id, "x").AsTask().WithTimeout());
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Disposing_the_runtime_deactivates_actors_and_rejects_new_calls()
    {
        var deactivated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var behavior = new FakeActorBehavior
        {
            Invoke = (_, _, _) => ValueTask.FromResult<object?>(null),
            Deactivate = (_, _) =>
            {
                deactivated.SetResult();
                return ValueTask.CompletedTask;
            },
        };
        var fixture = RuntimeFixture.InMemory(store: new InMemoryActorStateStore(), types: FakeActor.Type("life", behavior));
        var id = ActorId.Create("life", "1");
        await fixture.Runtime.InvokeAsync(id, "x").AsTask().WithTimeout();

        await fixture.DisposeAsync().AsTask().WithTimeout();

        Assert.True(deactivated.Task.IsCompletedSuccessfully);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => fixture.Runtime.InvokeAsync(id, "x").AsTask());
    }

    [Fact]
    public async Task Disposing_gives_up_on_a_hung_actor_after_the_shutdown_timeout()
    {
        var hung = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var behavior = new FakeActorBehavior
        {
            Invoke = async (_, _, _) =>
            {
                started.SetResult();
                await hung.Task;
                return null;
            },
        };
        var options = new AgentPlatform.Runtime.Embedded.EmbeddedRuntimeOptions { ShutdownTimeout = TimeSpan.FromMilliseconds(200) };
        var fixture = RuntimeFixture.InMemory(options: options, types: FakeActor.Type("hung", behavior));
        var call = fixture.Runtime.InvokeAsync(ActorId.Create("hung", "1"), "x").AsTask();
        await started.Task.WithTimeout();

        await fixture.DisposeAsync().AsTask().WithTimeout(10);

        Assert.False(call.IsCompleted);
        hung.SetResult();
        await call.WithTimeout();
    }
}
