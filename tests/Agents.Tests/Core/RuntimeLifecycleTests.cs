using AgentPlatform.Agents.Core;
using AgentPlatform.TestKit;

namespace AgentPlatform.Agents.Tests.Core;

/// <summary>AutoGen's runtime <c>stop</c>, <c>stop_when_idle</c>, <c>stop_when</c>, <c>get</c> and <c>register_factory</c>.</summary>
public sealed class RuntimeLifecycleTests
{
    private static readonly AgentId Desk = AgentId.Create("desk", "d1");

    [Fact]
    public async Task Stop_when_idle_waits_for_a_direct_message_in_flight()
    {
        await using var host = await ParityHost.StartAsync();
        var journal = host.Get<Journal>();
        var order = host.Agents.SendMessageAsync<OrderAccepted>(new Order("tea", 2), Desk, cancellationToken: TestTimeout.After()).AsTask();
        await journal.Entered.Task.WithTimeout();

        var stopping = host.Agents.StopWhenIdleAsync(TestTimeout.After()).AsTask();
        await Task.Yield();
        Assert.False(stopping.IsCompleted);
        journal.Release.SetResult();

        Assert.Equal(new OrderAccepted("tea", 2), await order.WithTimeout());
        await stopping.WithTimeout();
        Assert.Equal(["order tea"], journal.Entries);
        await Assert.ThrowsAsync<UndeliverableException>(
            async () => await host.Agents.SendMessageAsync(new Question("late"), Desk, cancellationToken: TestTimeout.After()));
    }

    [Fact]
    public async Task Stop_when_idle_waits_for_a_direct_message_queued_behind_one_in_flight()
    {
        await using var host = await ParityHost.StartAsync();
        var journal = host.Get<Journal>();
        var order = host.Agents.SendMessageAsync<OrderAccepted>(new Order("tea", 2), Desk, cancellationToken: TestTimeout.After()).AsTask();
        await journal.Entered.Task.WithTimeout();
        var queued = host.Agents.SendMessageAsync<Answer>(new Question("queued"), Desk, cancellationToken: TestTimeout.After()).AsTask();

        var stopping = host.Agents.StopWhenIdleAsync(TestTimeout.After()).AsTask();
        await Task.Yield();
        Assert.False(stopping.IsCompleted);
        Assert.Equal(2, host.Actors.CallsInFlight.Count("desk"));
        journal.Release.SetResult();
        await stopping.WithTimeout();

        Assert.True(queued.IsCompletedSuccessfully);
        Assert.Equal(new Answer("queued"), await queued);
        Assert.Equal(new OrderAccepted("tea", 2), await order);
        Assert.Equal(["order tea", "question queued rpc=True"], journal.Entries);
    }

    [Fact]
    public async Task Stop_when_idle_ends_the_wait_for_a_direct_message_cancelled_while_queued()
    {
        await using var host = await ParityHost.StartAsync();
        var journal = host.Get<Journal>();
        var order = host.Agents.SendMessageAsync<OrderAccepted>(new Order("tea", 2), Desk, cancellationToken: TestTimeout.After()).AsTask();
        await journal.Entered.Task.WithTimeout();
        using var cancel = new CancellationTokenSource();
        var queued = host.Agents.SendMessageAsync<Answer>(new Question("never"), Desk, cancellationToken: cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WithTimeout());

        var stopping = host.Agents.StopWhenIdleAsync(TestTimeout.After()).AsTask();
        await Task.Yield();
        Assert.False(stopping.IsCompleted);
        journal.Release.SetResult();
        await stopping.WithTimeout();

        Assert.Equal(new OrderAccepted("tea", 2), await order);
        Assert.Equal(["order tea"], journal.Entries);
        Assert.Equal(0, host.Actors.CallsInFlight.Count("desk"));
    }

    [Fact]
    public async Task Stop_when_idle_waits_for_published_messages_and_what_their_handlers_publish()
    {
        await using var host = await ParityHost.StartAsync();
        var journal = host.Get<Journal>();
        await host.Agents.PublishMessageAsync(new Answer("hold"), DefaultTopicId.Create("d1"), cancellationToken: TestTimeout.After());
        await host.Agents.PublishMessageAsync(new Answer("relay"), DefaultTopicId.Create("d2"), cancellationToken: TestTimeout.After());
        await journal.Entered.Task.WithTimeout();

        var stopping = host.Agents.StopWhenIdleAsync(TestTimeout.After()).AsTask();
        await Task.Yield();
        Assert.False(stopping.IsCompleted);
        journal.Release.SetResult();
        await stopping.WithTimeout();

        Assert.Equal(
            ["answer hold on default/d1", "answer relay on default/d2", "answer relayed on default/d2-next"],
            journal.Entries.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Stop_refuses_new_messages_and_start_resumes()
    {
        await using var host = await ParityHost.StartAsync();

        await host.Agents.StopAsync(TestTimeout.After());
        await Assert.ThrowsAsync<UndeliverableException>(
            async () => await host.Agents.PublishMessageAsync(new Answer("x"), DefaultTopicId.Create(), cancellationToken: TestTimeout.After()));
        await Assert.ThrowsAsync<UndeliverableException>(
            async () => await host.Agents.SendMessageAsync(new Question("x"), Desk, cancellationToken: TestTimeout.After()));
        await host.Agents.StartAsync(TestTimeout.After());

        Assert.Equal(new Answer("again"), await host.Agents.SendMessageAsync<Answer>(new Question("again"), Desk, cancellationToken: TestTimeout.After()));
        await host.Agents.PublishMessageAsync(new Answer("back"), DefaultTopicId.Create("d1"), messageId: "b1", cancellationToken: TestTimeout.After());
        await host.Deliveries.HandledAsync("b1");
        Assert.Contains("answer back on default/d1", host.Get<Journal>().Entries);
    }

    [Fact]
    public async Task Stop_when_stops_once_the_condition_holds_after_a_message()
    {
        await using var host = await ParityHost.StartAsync();
        var journal = host.Get<Journal>();

        var stopping = host.Agents.StopWhenAsync(() => journal.Entries.Count >= 2, TestTimeout.After()).AsTask();
        await host.Agents.SendMessageAsync(new Question("one"), Desk, cancellationToken: TestTimeout.After());
        Assert.False(stopping.IsCompleted);
        await host.Agents.SendMessageAsync(new Question("two"), Desk, cancellationToken: TestTimeout.After());

        await stopping.WithTimeout();
        await Assert.ThrowsAsync<UndeliverableException>(
            async () => await host.Agents.SendMessageAsync(new Question("three"), Desk, cancellationToken: TestTimeout.After()));
    }

    [Fact]
    public async Task Get_returns_the_id_and_activates_the_agent_only_when_asked_or_messaged()
    {
        await using var host = await ParityHost.StartAsync();
        var journal = host.Get<Journal>();

        var lazy = await host.Agents.GetAsync("counted", cancellationToken: TestTimeout.After());
        Assert.Equal(AgentId.Create("counted", "default"), lazy);
        Assert.Equal(0, journal.Activations);
        Assert.Equal("counted/default: hi", await host.Agents.SendMessageAsync(new Question("hi"), lazy, cancellationToken: TestTimeout.After()));
        Assert.Equal(1, journal.Activations);

        var eager = await host.Agents.GetAsync("counted", "k2", lazy: false, cancellationToken: TestTimeout.After());
        Assert.Equal(2, journal.Activations);
        Assert.Equal(AgentId.Create("counted", "k2"), eager);
        await Assert.ThrowsAsync<AgentNotFoundException>(async () => await host.Agents.GetAsync("nobody", cancellationToken: TestTimeout.After()));
    }

    [Fact]
    public async Task An_agent_type_registered_after_start_takes_messages_and_subscriptions()
    {
        await using var host = await ParityHost.StartAsync();
        await host.Agents.SendMessageAsync(new Question("warm up"), Desk, cancellationToken: TestTimeout.After());
        var journal = host.Get<Journal>();

        await host.Agents.RegisterAgentTypeAsync(
            AgentTypeRegistration.Create("late-desk", actorHost => new DeskAgent(actorHost, journal)), TestTimeout.After());
        var late = await host.Agents.GetAsync("late-desk", "l1", cancellationToken: TestTimeout.After());
        var reply = await host.Agents.SendMessageAsync<Answer>(new Question("late"), late, cancellationToken: TestTimeout.After());
        await host.Agents.PublishMessageAsync(new Answer("to both"), DefaultTopicId.Create("l1"), messageId: "l1", cancellationToken: TestTimeout.After());
        await host.Deliveries.HandledAsync("l1");

        Assert.Equal(new Answer("late"), reply);
        Assert.True(host.Agents.IsAgentType("late-desk"));
        Assert.Equal(2, journal.Entries.Count(e => e == "answer to both on default/l1"));
        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await host.Agents.RegisterAgentTypeAsync(AgentTypeRegistration.Create("late-desk", actorHost => new DeskAgent(actorHost, journal)), TestTimeout.After()));
    }

    [Fact]
    public async Task An_actor_runtime_with_fixed_types_refuses_agent_types_added_while_running()
    {
        await using var host = await ParityHost.StartAsync();
        await using var fixedTypes = new AgentRuntime(new FixedTypesActorRuntime(host.Actors), host.PubSub, []);

        var error = await Assert.ThrowsAsync<NotSupportedException>(async () =>
            await fixedTypes.RegisterAgentTypeAsync(AgentTypeRegistration.Create<CountedAgent>("late-counted"), TestTimeout.After()));

        Assert.Contains("AddAgents", error.Message, StringComparison.Ordinal);
        Assert.False(fixedTypes.IsAgentType("late-counted"));
    }

    /// <summary>An actor runtime whose types are fixed at start-up, as Dapr's: it forwards calls and adds no types.</summary>
    private sealed class FixedTypesActorRuntime(AgentPlatform.Runtime.Actors.IActorRuntime inner) : AgentPlatform.Runtime.Actors.IActorRuntime
    {
        public ValueTask<TResult> InvokeAsync<TRequest, TResult>(
            AgentPlatform.Runtime.Actors.ActorId id, string method, TRequest request, CancellationToken cancellationToken = default) =>
            inner.InvokeAsync<TRequest, TResult>(id, method, request, cancellationToken);

        public ValueTask PostAsync<TRequest>(AgentPlatform.Runtime.Actors.ActorId id, string method, TRequest request, CancellationToken cancellationToken = default) =>
            inner.PostAsync(id, method, request, cancellationToken);

        public bool IsRegistered(string actorType) => inner.IsRegistered(actorType);

        public AgentPlatform.Runtime.Actors.IActorCallsInFlight CallsInFlight => inner.CallsInFlight;

        public bool PassesObjects => inner.PassesObjects;

        public DateTimeOffset StartedAt => inner.StartedAt;
    }
}
