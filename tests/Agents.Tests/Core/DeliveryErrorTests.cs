using AgentPlatform.Agents.Core;
using AgentPlatform.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Agents.Tests.Core;

/// <summary>AutoGen's <c>LookupError</c>, <c>UndeliverableException</c> and <c>MessageDroppedException</c>, and intervention handlers.</summary>
public sealed class DeliveryErrorTests
{
    private static readonly AgentId Desk = AgentId.Create("desk", "d1");

    [Fact]
    public async Task An_unknown_agent_type_and_an_undeliverable_message_raise_unrelated_exceptions()
    {
        await using var host = await ParityHost.StartAsync();

        var lookup = await Assert.ThrowsAsync<AgentNotFoundException>(
            async () => await host.Agents.SendMessageAsync(new Question("?"), AgentId.Create("nobody", "n1"), cancellationToken: TestTimeout.After()));
        await host.Agents.StopAsync(TestTimeout.After());
        var undeliverable = await Assert.ThrowsAsync<UndeliverableException>(
            async () => await host.Agents.SendMessageAsync(new Question("?"), Desk, cancellationToken: TestTimeout.After()));
        var stillLookup = await Assert.ThrowsAsync<AgentNotFoundException>(
            async () => await host.Agents.SendMessageAsync(new Question("?"), AgentId.Create("nobody", "n1"), cancellationToken: TestTimeout.After()));

        Assert.IsNotAssignableFrom<UndeliverableException>(lookup);
        Assert.IsNotType<MessageDroppedException>(undeliverable);
        Assert.Contains("stopped", undeliverable.Message, StringComparison.Ordinal);
        Assert.Equal(AgentId.Create("nobody", "n1"), stillLookup.Recipient);
    }

    [Fact]
    public async Task An_intervention_that_drops_a_message_raises_message_dropped_to_the_sender()
    {
        var audit = new AuditIntervention();
        await using var host = await ParityHost.StartAsync(agents => agents.AddIntervention(audit).AddIntervention<NoOrdersOfTen>());

        var dropped = await Assert.ThrowsAsync<MessageDroppedException>(
            async () => await host.Agents.SendMessageAsync(new Order("tea", 10), Desk, cancellationToken: TestTimeout.After()));
        var droppedPublish = await Assert.ThrowsAsync<MessageDroppedException>(
            async () => await host.Agents.PublishMessageAsync(new Order("tea", 10), DefaultTopicId.Create("d1"), cancellationToken: TestTimeout.After()));

        Assert.IsAssignableFrom<UndeliverableException>(dropped);
        Assert.Equal(nameof(NoOrdersOfTen), dropped.Intervention);
        Assert.Equal(typeof(Order).FullName, droppedPublish.MessageType);
        Assert.Empty(host.Get<Journal>().Entries);
        Assert.Equal([$"send {Desk} Order", "publish default/d1 Order"], audit.Seen);
    }

    [Fact]
    public async Task Interventions_rewrite_messages_and_responses_in_registration_order()
    {
        var audit = new AuditIntervention();
        await using var host = await ParityHost.StartAsync(agents => agents.AddIntervention<NoOrdersOfTen>().AddIntervention(audit));
        host.Get<Journal>().Release.SetResult();

        var accepted = await host.Agents.SendMessageAsync<OrderAccepted>(new Order("coffee", 3), Desk, cancellationToken: TestTimeout.After());
        var answer = await host.Agents.SendMessageAsync<Answer>(new Question("censored words"), Desk, cancellationToken: TestTimeout.After());
        await host.Agents.PublishMessageAsync(new Question("censored"), DefaultTopicId.Create("d1"), messageId: "p1", cancellationToken: TestTimeout.After());
        await host.Deliveries.HandledAsync("p1");

        Assert.Equal(new OrderAccepted("coffee", 3), accepted);
        Assert.Equal(new Answer("[redacted] words (reviewed)"), answer);
        Assert.Equal(["order coffee", "question [redacted] words rpc=True", "question [redacted] rpc=False"], host.Get<Journal>().Entries);
        Assert.Equal([$"send {Desk} Order", $"send {Desk} Question", "publish default/d1 Question"], audit.Seen);
    }

    /// <summary>Policy: an order of ten is refused; redacts a word in questions and marks answers as reviewed.</summary>
    private sealed class NoOrdersOfTen : InterventionHandler
    {
        public override ValueTask<object> OnSendAsync(object message, MessageContext context, AgentId recipient) => new(Apply(message));

        public override ValueTask<object> OnPublishAsync(object message, MessageContext context) => new(Apply(message));

        public override ValueTask<object?> OnResponseAsync(object? response, MessageContext context, AgentId recipient) =>
            new(response is Answer answer ? answer with { Text = answer.Text + " (reviewed)" } : response);

        private static object Apply(object message) => message switch
        {
            Order { Quantity: 10 } => DropMessage.Instance,
            Question question => question with { Text = question.Text.Replace("censored", "[redacted]", StringComparison.Ordinal) },
            _ => message,
        };
    }

    /// <summary>Audit: records what passes it, changing nothing.</summary>
    private sealed class AuditIntervention : InterventionHandler
    {
        private readonly List<string> _seen = [];

        public IReadOnlyList<string> Seen
        {
            get
            {
                lock (_seen)
                {
                    return [.. _seen];
                }
            }
        }

        public override ValueTask<object> OnSendAsync(object message, MessageContext context, AgentId recipient)
        {
            Record($"send {recipient} {message.GetType().Name}");
            return new(message);
        }

        public override ValueTask<object> OnPublishAsync(object message, MessageContext context)
        {
            Record($"publish {context.Topic} {message.GetType().Name}");
            return new(message);
        }

        private void Record(string entry)
        {
            lock (_seen)
            {
                _seen.Add(entry);
            }
        }
    }
}
