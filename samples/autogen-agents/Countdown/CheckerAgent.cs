using AgentPlatform.Agents.Core;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Samples.AutoGen.Countdown;

/// <summary>AutoGen quickstart's <c>Checker</c>: stops the countdown at one, otherwise hands the number back to the modifier.</summary>
/// <remarks>As in the quickstart, the countdown starts with a direct message to the checker; its one handler takes that and the
/// modifier's published numbers alike.</remarks>
[DefaultSubscription]
[AgentDescription("Checks whether the countdown is over.")]
public sealed class CheckerAgent(ActorHost host, Transcript? transcript = null) : RoutedAgent(host)
{
    public const string TypeName = "checker";

    [MessageHandler]
    private async ValueTask OnCountAsync(CountdownMessage message, MessageContext context, CancellationToken cancellationToken)
    {
        if (message.Content <= 1)
        {
            transcript?.Add($"{AgentId.Type}: {message.Content} ends the countdown");
            return;
        }

        transcript?.Add($"{AgentId.Type}: {message.Content} goes on");
        await PublishMessageAsync(message, DefaultTopicId.Create(context), cancellationToken: cancellationToken);
    }
}
