using System.Text.Json.Serialization;

namespace AgentPlatform.Samples.AutoGen.Nested;

/// <summary>The text the outer and inner agents pass (AutoGen's <c>Message(content: str)</c> of its direct-messaging example).</summary>
public sealed record NestedMessage([property: JsonPropertyName("content")] string Content)
{
    /// <summary>The name this message travels under, for agents in other languages.</summary>
    public const string WireName = "autogen.nested";
}
