using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Samples.AutoGen.GroupChat;

/// <summary>Writes a draft each time it is asked to speak, numbering its revisions.</summary>
[AgentPlatform.Agents.Core.TypeSubscription(TypeName)]
[AgentPlatform.Agents.Core.AgentDescription("Writes and revises drafts.")]
public sealed class WriterAgent(ActorHost host, Transcript? transcript = null) : ChatParticipant(host, transcript)
{
    public const string TypeName = "writer";

    // Counts its own turns only: the other turns reach it on the group topic, not necessarily before the manager's next request.
    protected override string Speak() => $"Draft {History.Count(m => m.Speaker == TypeName) + 1}";
}
