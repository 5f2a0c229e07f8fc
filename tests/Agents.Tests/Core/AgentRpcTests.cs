using System.Text.Json;
using AgentPlatform.Agents.Core;
using AgentPlatform.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Agents.Tests.Core;

public sealed class AgentRpcTests
{
    private static readonly AgentId Echo = AgentId.Create("echo", "e1");
    private static readonly AgentId Triage = AgentId.Create("triage", "t1");

    [Fact]
    public async Task SendMessage_round_trips_through_the_actor_runtime()
    {
        await using var host = await StartAsync();

        var reply = await host.Agents.SendMessageAsync(new Ping("hello"), Echo, cancellationToken: TestTimeout.After());
        var fromAgent = await host.Agents.SendMessageAsync<string>(
            new Ping("hi"), Echo, AgentId.Create("triage", "t9"), cancellationToken: TestTimeout.After());

        Assert.Equal("hello to echo/e1 from outside rpc=True", reply);
        Assert.Equal("hi to echo/e1 from triage/t9 rpc=True", fromAgent);
    }

    [Fact]
    public async Task Handlers_may_return_a_value_a_task_or_a_value_task()
    {
        await using var host = await StartAsync();

        Assert.Equal(5, await host.Agents.SendMessageAsync<int>(new Measure("abcde"), Echo, cancellationToken: TestTimeout.After()));
        Assert.Equal("LOUD", await host.Agents.SendMessageAsync<string>(new Shout("loud"), Echo, cancellationToken: TestTimeout.After()));
    }

    [Theory]
    [InlineData("dog", "dog")]
    [InlineData("cat", "animal")]
    [InlineData("robot", "named")]
    [InlineData("text", "object")]
    public async Task The_most_specific_handler_type_wins(string kind, string expected)
    {
        await using var host = await StartAsync();
        object message = kind switch
        {
            "dog" => new Dog("rex"),
            "cat" => new Cat("tom"),
            "robot" => new Robot("r2"),
            _ => "just text",
        };

        var handledBy = await host.Agents.SendMessageAsync(message, AgentId.Create("router", "r"), cancellationToken: TestTimeout.After());

        Assert.Equal(expected, handledBy);
    }

    [Theory]
    [InlineData(9, "urgent")]
    [InlineData(1, "low")]
    public async Task The_first_handler_whose_predicate_accepts_the_message_wins(int priority, string expected)
    {
        await using var host = await StartAsync();

        var handledBy = await host.Agents.SendMessageAsync(new Job(priority), Triage, cancellationToken: TestTimeout.After());

        Assert.Equal(expected, handledBy);
    }

    [Fact]
    public async Task A_message_every_predicate_declines_is_undeliverable()
    {
        await using var host = await StartAsync();

        var error = await Assert.ThrowsAsync<CantHandleException>(
            async () => await host.Agents.SendMessageAsync(new Job(3), Triage, cancellationToken: TestTimeout.After()));

        Assert.Equal(Triage, error.Recipient);
        Assert.Equal(typeof(Job).FullName, error.MessageType);
        Assert.Contains("predicate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_message_type_and_an_unknown_recipient_raise_distinct_exceptions()
    {
        await using var host = await StartAsync();

        var unhandled = await Assert.ThrowsAsync<CantHandleException>(
            async () => await host.Agents.SendMessageAsync(new Unrelated(1), Triage, cancellationToken: TestTimeout.After()));
        var eventOnly = await Assert.ThrowsAsync<CantHandleException>(
            async () => await host.Agents.SendMessageAsync(new Headline("event handlers take no rpc"), Triage, cancellationToken: TestTimeout.After()));
        var unknown = await Assert.ThrowsAsync<AgentNotFoundException>(
            async () => await host.Agents.SendMessageAsync(new Ping("x"), AgentId.Create("nobody", "n1"), cancellationToken: TestTimeout.After()));

        Assert.Contains("no [Rpc] handler", unhandled.Message, StringComparison.Ordinal);
        Assert.Equal(typeof(Headline).FullName, eventOnly.MessageType);
        Assert.Equal(AgentId.Create("nobody", "n1"), unknown.Recipient);
        Assert.False(host.Agents.IsAgentType("nobody"));
        Assert.True(host.Agents.IsAgentType("echo"));
    }

    [Fact]
    public async Task An_exception_thrown_by_the_handler_reaches_the_sender()
    {
        await using var host = await StartAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await host.Agents.SendMessageAsync(new Fail("broken"), Echo, cancellationToken: TestTimeout.After()));

        Assert.Equal("broken", error.Message);
        Assert.Equal("ok to echo/e1 from outside rpc=True", await host.Agents.SendMessageAsync(new Ping("ok"), Echo, cancellationToken: TestTimeout.After()));
    }

    [Fact]
    public void Adding_agents_twice_registers_the_runtime_once()
    {
        var services = new ServiceCollection();
        services.AddAgents();
        services.AddAgents();

        Assert.Single(services, d => d.ServiceType == typeof(IAgentRuntime));
    }

    [Fact]
    public async Task An_actor_type_that_is_not_an_agent_type_is_an_unknown_recipient()
    {
        await using var host = await AgentTestHost.StartAsync(services => services.AddAgentLiveness().AddAgents(agents => agents.AddAgent<RouterAgent>("router")));
        var presenceActor = AgentId.Create(AgentPlatform.Agents.Liveness.AgentLiveness.ActorType, "worker-1");

        var error = await Assert.ThrowsAsync<AgentNotFoundException>(
            async () => await host.Agents.SendMessageAsync(new Ping("x"), presenceActor, cancellationToken: TestTimeout.After()));

        Assert.IsType<AgentPlatform.Runtime.Actors.ActorMethodNotFoundException>(error.InnerException);
    }

    [Fact]
    public async Task A_cancelled_token_fails_the_call_without_running_the_handler()
    {
        await using var host = await StartAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await host.Agents.SendMessageAsync(new Hang("x"), Echo, cancellationToken: cancelled.Token));

        Assert.Equal(0, host.Get<CallProbe>().Invocations);
    }

    [Fact]
    public async Task Cancelling_a_running_call_cancels_the_caller_and_the_handler()
    {
        await using var host = await StartAsync();
        var probe = host.Get<CallProbe>();
        using var cancellation = new CancellationTokenSource();

        var call = host.Agents.SendMessageAsync(new Hang("x"), Echo, cancellationToken: cancellation.Token).AsTask();
        await probe.Started.Task.WithTimeout();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WithTimeout());
        await probe.Cancelled.Task.WithTimeout();
    }

    [Fact]
    public async Task A_call_exceeding_its_timeout_raises_a_timeout_exception()
    {
        var time = new ManualTimeProvider();
        await using var host = await StartAsync(time);
        var probe = host.Get<CallProbe>();

        var call = host.Agents.SendMessageAsync(new Hang("x"), Echo, timeout: TimeSpan.FromSeconds(5), cancellationToken: TestTimeout.After()).AsTask();
        await probe.Started.Task.WithTimeout();
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<AgentCallTimeoutException>(() => call.WithTimeout());
        Assert.IsAssignableFrom<TimeoutException>(error);
        Assert.Equal(TimeSpan.FromSeconds(5), error.Timeout);
        await probe.Cancelled.Task.WithTimeout();
    }

    [Fact]
    public async Task A_message_that_crossed_a_process_as_json_is_routed_by_its_type_name()
    {
        await using var host = await StartAsync();
        var envelope = JsonSerializer.SerializeToElement(new AgentEnvelope
        {
            Id = "m1",
            MessageType = typeof(Job).FullName!,
            Message = new Job(9),
            Sender = AgentId.Create("remote", "r1"),
        });
        var unknownType = JsonSerializer.SerializeToElement(new AgentEnvelope { Id = "m2", MessageType = "Some.Other.Type", Message = new Job(9) });

        var handledBy = await host.Actors.InvokeAsync<JsonElement, object?>(Triage.ToActorId(), BaseAgent.RpcMethod, envelope, TestTimeout.After());

        Assert.Equal("urgent", handledBy);
        await Assert.ThrowsAsync<CantHandleException>(
            async () => await host.Actors.InvokeAsync<JsonElement, object?>(Triage.ToActorId(), BaseAgent.RpcMethod, unknownType, TestTimeout.After()));
    }

    [Fact]
    public async Task A_call_that_asks_for_a_typed_reply_gets_the_response_in_an_envelope_naming_its_type()
    {
        await using var host = await StartAsync();
        var envelope = JsonSerializer.SerializeToElement(new AgentEnvelope { Id = "m3", MessageType = typeof(Job).FullName!, Message = new Job(9), TypedReply = true });

        var reply = await host.Actors.InvokeAsync<JsonElement, object?>(Triage.ToActorId(), BaseAgent.RpcMethod, envelope, TestTimeout.After());

        var typed = Assert.IsType<AgentEnvelope>(reply);
        Assert.Equal("m3", typed.Id);
        Assert.Equal(typeof(string).FullName, typed.MessageType);
        Assert.Equal("urgent", typed.Message);
    }

    private static Task<AgentTestHost> StartAsync(TimeProvider? time = null) => AgentTestHost.StartAsync(
        services =>
        {
            services.AddSingleton<CallProbe>();
            services.AddAgents(agents => agents
                .AddAgent<EchoAgent>("echo")
                .AddAgent<RouterAgent>("router")
                .AddAgent<TriageAgent>("triage"));
        },
        time);
}
