using AgentPlatform.Agents.Core;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Tests.Core;

public sealed class HandlerRegistrationTests
{
    [Fact]
    public void An_rpc_handler_without_a_value_is_rejected_at_registration()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AgentTypeRegistration.Create<VoidRpcAgent>("void-rpc"));
        Assert.Contains("VoidRpcAgent.OnPing", error.Message, StringComparison.Ordinal);
        Assert.Contains("[Rpc]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_handler_returning_a_value_is_rejected_at_registration()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AgentTypeRegistration.Create<ValueEventAgent>("value-event"));
        Assert.Contains("[Event]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_out_of_order_are_rejected_at_registration()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AgentTypeRegistration.Create<SwappedParametersAgent>("swapped"));
        Assert.Contains("parameters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_match_predicate_is_rejected_at_registration()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AgentTypeRegistration.Create<MissingPredicateAgent>("missing"));
        Assert.Contains("NoSuchMethod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registration_collects_declared_subscriptions_and_the_actor_type()
    {
        var registration = AgentTypeRegistration.Create<NewsReader>("reader");

        Assert.Equal("reader", registration.ActorRegistration.Type);
        Assert.Equal(typeof(NewsReader), registration.AgentClass);
        var subscription = Assert.IsType<TypeSubscription>(Assert.Single(registration.Subscriptions));
        Assert.Equal(("news", "reader"), (subscription.TopicType, subscription.AgentType));
    }

    private sealed class VoidRpcAgent(ActorHost host) : RoutedAgent(host)
    {
        [Rpc]
        private static Task OnPing(Ping ping) => Task.CompletedTask;
    }

    private sealed class ValueEventAgent(ActorHost host) : RoutedAgent(host)
    {
        [Event]
        private static int OnPing(Ping ping) => 1;
    }

    private sealed class SwappedParametersAgent(ActorHost host) : RoutedAgent(host)
    {
#pragma warning disable CA1068 // The wrong parameter order is what this agent is for.
        [Rpc]
        private static int OnPing(Ping ping, CancellationToken cancellationToken, MessageContext context) => 1;
#pragma warning restore CA1068
    }

    private sealed class MissingPredicateAgent(ActorHost host) : RoutedAgent(host)
    {
        [Rpc(Match = "NoSuchMethod")]
        private static int OnPing(Ping ping) => 1;
    }
}
