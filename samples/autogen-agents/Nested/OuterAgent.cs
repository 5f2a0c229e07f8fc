using AgentPlatform.Agents.Core;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Samples.AutoGen.Nested;

/// <summary>AutoGen's <c>OuterAgent</c>: passes a direct message on to the inner agent of its own key, waits for the inner
/// agent's response and answers with it.</summary>
/// <remarks>AutoGen's example only prints the inner response; answering with it lets the caller see the whole round trip.</remarks>
[AgentDescription("Asks the inner agent and relays its answer.")]
public sealed class OuterAgent(ActorHost host, Transcript? transcript = null) : RoutedAgent(host)
{
    public const string TypeName = "outer";

    [Rpc]
    private async ValueTask<NestedMessage?> OnMessageAsync(NestedMessage message, CancellationToken cancellationToken)
    {
        transcript?.Add($"{AgentId.Type}: {message.Content}");
        var inner = AgentId.Create(InnerAgent.TypeName, AgentId.Key);
        var response = await Runtime.SendMessageAsync<NestedMessage>(
            new NestedMessage($"Hello from outer, {message.Content}"), inner, AgentId, cancellationToken: cancellationToken);
        transcript?.Add($"{AgentId.Type}: inner answered {response?.Content}");
        return response;
    }
}
