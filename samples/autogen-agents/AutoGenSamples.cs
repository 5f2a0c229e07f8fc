using AgentPlatform.Agents.Core;
using AgentPlatform.Samples.AutoGen.Countdown;
using AgentPlatform.Samples.AutoGen.GroupChat;
using AgentPlatform.Samples.AutoGen.Nested;

namespace AgentPlatform.Samples.AutoGen;

/// <summary>Registers the ported samples with an embedded or deployed host; the agent type and wire names are constants, so the
/// same names serve <c>AddAgents</c> in code and the <c>Agents</c> section of a deployed host's configuration.</summary>
public static class AutoGenSamples
{
    /// <summary>Adds the countdown pair, <c>modifier</c> and <c>checker</c>, and the wire name of <see cref="CountdownMessage"/>.</summary>
    public static AgentsBuilder AddCountdown(this AgentsBuilder agents)
    {
        ArgumentNullException.ThrowIfNull(agents);
        return agents
            .AddAgent<ModifierAgent>(ModifierAgent.TypeName)
            .AddAgent<CheckerAgent>(CheckerAgent.TypeName)
            .AddMessageType<CountdownMessage>(CountdownMessage.WireName);
    }

    /// <summary>Adds the group chat: its manager, a writer and an editor, and the wire names of its messages.</summary>
    public static AgentsBuilder AddGroupChat(this AgentsBuilder agents)
    {
        ArgumentNullException.ThrowIfNull(agents);
        return agents
            .AddAgent<GroupChatManagerAgent>(GroupChatManagerAgent.TypeName)
            .AddAgent<WriterAgent>(WriterAgent.TypeName)
            .AddAgent<EditorAgent>(EditorAgent.TypeName)
            .AddMessageType<GroupChatMessage>(GroupChatMessage.WireName)
            .AddMessageType<RequestToSpeak>(RequestToSpeak.WireName);
    }

    /// <summary>Adds the direct-messaging pair, <c>outer</c> and <c>inner</c>, and the wire name of <see cref="NestedMessage"/>.</summary>
    public static AgentsBuilder AddNested(this AgentsBuilder agents)
    {
        ArgumentNullException.ThrowIfNull(agents);
        return agents
            .AddAgent<OuterAgent>(OuterAgent.TypeName)
            .AddAgent<InnerAgent>(InnerAgent.TypeName)
            .AddMessageType<NestedMessage>(NestedMessage.WireName);
    }
}
