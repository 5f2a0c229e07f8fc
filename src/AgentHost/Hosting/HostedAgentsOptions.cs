namespace AgentPlatform.AgentHost.Hosting;

/// <summary>C# agents the shipped host loads at start-up: assemblies, the agent types they hold and the wire names of their
/// messages, so an agent assembly runs in a deployed host without a host of its own.</summary>
/// <remarks>Read once when the host is built; a missing assembly, class or bad agent class stops the start with one line per
/// problem. The same agents run embedded and in Dapr mode, since both host agents as actors.</remarks>
public sealed class HostedAgentsOptions
{
    /// <summary>The configuration section these options bind from (beside <c>Agents:Liveness</c>).</summary>
    public const string SectionName = "Agents";

    /// <summary>Paths of agent assemblies (<c>.dll</c>), relative to the working directory unless absolute; dependencies are
    /// resolved from each assembly's own folder and <c>.deps.json</c>.</summary>
    public List<string> Assemblies { get; set; } = [];

    /// <summary>Agent type name to the full name of its class, a <c>BaseAgent</c> or <c>RoutedAgent</c> in one of
    /// <see cref="Assemblies"/> (for example <c>"modifier": "AgentPlatform.Samples.AutoGen.Countdown.ModifierAgent"</c>).</summary>
    public Dictionary<string, string> Types { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Wire name to the full name of a message class, added to the message serializer registry.</summary>
    public Dictionary<string, string> MessageTypes { get; set; } = new(StringComparer.Ordinal);
}
