using System.Text.Json;
using AgentPlatform.Agents.Core;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Samples.AutoGen.GroupChat;

/// <summary>AutoGen's <c>GroupChatManager</c>: after each turn on the group topic it asks the next participant, round robin, to speak,
/// until the editor approves or <see cref="MaxTurns"/> turns were taken. Keeps the transcript as its state.</summary>
/// <remarks>Start a chat by publishing a <see cref="GroupChatMessage"/> from <see cref="UserSpeaker"/> to the group topic whose source
/// names the conversation; one manager (and one of each participant) runs per conversation.</remarks>
[TypeSubscription(GroupChatMessage.GroupTopicType)]
[AgentDescription("Picks who speaks next in a group chat.")]
public sealed class GroupChatManagerAgent(ActorHost host) : RoutedAgent(host)
{
    public const string TypeName = "group-chat-manager";

    /// <summary>The speaker name of the task that starts a chat.</summary>
    public const string UserSpeaker = "user";

    /// <summary>The most turns the participants take in one chat.</summary>
    public const int MaxTurns = 6;

    private static readonly string[] Participants = [WriterAgent.TypeName, EditorAgent.TypeName];

    private List<GroupChatMessage> _transcript = [];

    [Event]
    private async ValueTask OnGroupMessageAsync(GroupChatMessage message, MessageContext context, CancellationToken cancellationToken)
    {
        _transcript.Add(message);
        var turns = _transcript.Count - 1;
        if (message.Text.StartsWith(EditorAgent.Approval, StringComparison.Ordinal) || turns >= MaxTurns)
        {
            return;
        }

        var next = Participants[turns % Participants.Length];
        await PublishMessageAsync(new RequestToSpeak(), TopicId.Create(next, AgentId.Key), cancellationToken: cancellationToken);
    }

    protected override ValueTask<JsonElement?> SaveStateAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<JsonElement?>(JsonSerializer.SerializeToElement(_transcript));

    protected override ValueTask LoadStateAsync(JsonElement state, CancellationToken cancellationToken)
    {
        _transcript = state.Deserialize<List<GroupChatMessage>>() ?? [];
        return ValueTask.CompletedTask;
    }
}
