using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Samples.AutoGen.GroupChat;

/// <summary>Reviews the latest draft: asks for one revision, then approves, which ends the chat.</summary>
[AgentPlatform.Agents.Core.TypeSubscription(TypeName)]
[AgentPlatform.Agents.Core.AgentDescription("Reviews drafts and approves the final one.")]
public sealed class EditorAgent(ActorHost host, Transcript? transcript = null) : ChatParticipant(host, transcript)
{
    public const string TypeName = "editor";

    /// <summary>The word that ends the chat.</summary>
    public const string Approval = "APPROVE";

    protected override string Speak() => History.Any(m => m.Speaker == TypeName) ? $"{Approval}, ship it." : "Needs a stronger opening.";
}
