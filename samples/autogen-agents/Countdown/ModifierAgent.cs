using AgentPlatform.Agents.Core;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Samples.AutoGen.Countdown;

/// <summary>AutoGen quickstart's <c>Modifier</c>: takes a number and passes on one less.</summary>
/// <remarks>Published to the default topic, it publishes the result there for the checker; sent directly (one handler serves
/// both), it answers with the result instead.</remarks>
[DefaultSubscription]
[AgentDescription("Decrements the number it is given.")]
public sealed class ModifierAgent(ActorHost host, Transcript? transcript = null) : RoutedAgent(host)
{
    public const string TypeName = "modifier";

    [MessageHandler]
    private async ValueTask<CountdownMessage> OnCountAsync(CountdownMessage message, MessageContext context, CancellationToken cancellationToken)
    {
        var modified = new CountdownMessage(message.Content - 1);
        transcript?.Add($"{AgentId.Type}: {message.Content} -> {modified.Content}");
        if (!context.IsRpc)
        {
            await PublishMessageAsync(modified, DefaultTopicId.Create(context), cancellationToken: cancellationToken);
        }

        return modified;
    }
}
