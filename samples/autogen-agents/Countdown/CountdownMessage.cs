using System.Text.Json.Serialization;

namespace AgentPlatform.Samples.AutoGen.Countdown;

/// <summary>The number the two countdown agents pass back and forth (AutoGen quickstart's <c>Message(content: int)</c>).</summary>
public sealed record CountdownMessage([property: JsonPropertyName("content")] int Content)
{
    /// <summary>The name this message travels under, for agents in other languages.</summary>
    public const string WireName = "autogen.countdown";
}
