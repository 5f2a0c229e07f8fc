using AgentPlatform.Agents.Core;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Samples.AutoGen.Nested;

/// <summary>AutoGen's <c>InnerAgent</c>: answers a direct message with a greeting around it.</summary>
[AgentDescription("Answers the outer agent.")]
public sealed class InnerAgent(ActorHost host, Transcript? transcript = null) : RoutedAgent(host)
{
    public const string TypeName = "inner";

    [Rpc]
    private NestedMessage OnMessage(NestedMessage message)
    {
        transcript?.Add($"{AgentId.Type}: {message.Content}");
        return new NestedMessage($"Hello from inner, {message.Content}");
    }
}
