using AgentPlatform.Agents.Core;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Samples.AutoGen.GroupChat;

/// <summary>A group chat participant (AutoGen's <c>BaseGroupChatAgent</c>): hears every turn on the group topic and speaks when the
/// manager asks, publishing its turn to the group topic of the same conversation.</summary>
[TypeSubscription(GroupChatMessage.GroupTopicType)]
public abstract class ChatParticipant(ActorHost host, Transcript? transcript) : RoutedAgent(host)
{
    private readonly List<GroupChatMessage> _history = [];

    /// <summary>The turns heard so far, the task first.</summary>
    protected IReadOnlyList<GroupChatMessage> History => _history;

    /// <summary>What this participant says now.</summary>
    protected abstract string Speak();

    [Event]
    private void OnGroupMessage(GroupChatMessage message) => _history.Add(message);

    [Event]
    private async ValueTask OnRequestToSpeakAsync(RequestToSpeak request, MessageContext context, CancellationToken cancellationToken)
    {
        var turn = new GroupChatMessage(AgentId.Type, Speak());
        _history.Add(turn);
        transcript?.Add($"{turn.Speaker}: {turn.Text}");
        await PublishMessageAsync(turn, TopicId.Create(GroupChatMessage.GroupTopicType, AgentId.Key), cancellationToken: cancellationToken);
    }
}
