using System.Collections.Concurrent;
using System.Text.Json;
using AgentPlatform.Agents.Core;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Tests.Core;

internal sealed record Question(string Text);

internal sealed record Answer(string Text);

internal sealed record Order(string Item, int Quantity);

internal sealed record OrderAccepted(string Item, int Quantity);

/// <summary>What agents of the parity tests saw, in order, and gates that hold a handler until a test opens them.</summary>
internal sealed class Journal
{
    private readonly ConcurrentQueue<string> _entries = new();

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Activations;

    public IReadOnlyList<string> Entries => [.. _entries];

    public void Add(string entry) => _entries.Enqueue(entry);
}

/// <summary>Takes every message in one method, as AutoGen's <c>BaseAgent.on_message_impl</c>.</summary>
[AgentDescription("Answers questions and notes events.")]
internal sealed class PlainAgent(ActorHost host, Journal journal) : BaseAgent(host)
{
    public override ValueTask<object?> OnMessageAsync(object message, MessageContext context)
    {
        journal.Add($"{AgentId} {(context.IsRpc ? "rpc" : "event")} {message} {Metadata.Description}");
        return ValueTask.FromResult<object?>(message is Question question ? new Answer(question.Text.ToUpperInvariant()) : null);
    }
}

/// <summary>One handler for both kinds, predicates that read the context, and a fallback for anything unhandled.</summary>
[DefaultSubscription]
internal sealed class DeskAgent(ActorHost host, Journal journal) : RoutedAgent(host)
{
    [MessageHandler(Match = nameof(FromAnAgent))]
    private Answer OnQuestionFromAgent(Question question, MessageContext context)
    {
        journal.Add($"agent-question {question.Text} rpc={context.IsRpc}");
        return new Answer($"colleague {context.Sender}: {question.Text}");
    }

    [MessageHandler]
    private Answer OnQuestion(Question question, MessageContext context)
    {
        journal.Add($"question {question.Text} rpc={context.IsRpc}");
        return new Answer(question.Text);
    }

    [Rpc]
    private async ValueTask<OrderAccepted> OnOrderAsync(Order order, CancellationToken cancellationToken)
    {
        journal.Entered.TrySetResult();
        await journal.Release.Task.WaitAsync(cancellationToken);
        journal.Add($"order {order.Item}");
        return new OrderAccepted(order.Item, order.Quantity);
    }

    [Event]
    private async Task OnAnswerAsync(Answer answer, MessageContext context, CancellationToken cancellationToken)
    {
        if (answer.Text == "hold")
        {
            journal.Entered.TrySetResult();
            await journal.Release.Task.WaitAsync(cancellationToken);
        }

        journal.Add($"answer {answer.Text} on {context.Topic}");
        if (answer.Text == "relay")
        {
            await PublishMessageAsync(new Answer("relayed"), DefaultTopicId.Create($"{AgentId.Key}-next"), cancellationToken: cancellationToken);
        }
    }

    protected override ValueTask<object?> OnUnhandledMessageAsync(object message, MessageContext context)
    {
        journal.Add($"unhandled {(message is JsonElement ? "json" : message.GetType().Name)} {context.MessageType} rpc={context.IsRpc}");
        return context.IsRpc ? ValueTask.FromResult<object?>("nobody here takes that") : default;
    }

    private static bool FromAnAgent(Question question, MessageContext context) => context.Sender is not null;
}

/// <summary>Handles nothing, so the runtime's own behaviour for unhandled messages shows.</summary>
internal sealed class SilentAgent(ActorHost host) : RoutedAgent(host)
{
    [Rpc]
    private static string OnOrder(Order order) => order.Item;
}

/// <summary>A routed agent whose constructor counts activations, for lazy activation.</summary>
internal sealed class CountedAgent : RoutedAgent
{
    public CountedAgent(ActorHost host, Journal journal)
        : base(host) => Interlocked.Increment(ref journal.Activations);

    [Rpc]
    private string OnQuestion(Question question) => $"{AgentId}: {question.Text}";
}
