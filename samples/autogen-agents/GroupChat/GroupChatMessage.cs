using System.Text.Json.Serialization;

namespace AgentPlatform.Samples.AutoGen.GroupChat;

/// <summary>One turn of the chat, published to the group topic for everyone (AutoGen's group chat <c>GroupChatMessage</c>).</summary>
public sealed record GroupChatMessage(
    [property: JsonPropertyName("speaker")] string Speaker,
    [property: JsonPropertyName("text")] string Text)
{
    /// <summary>The name this message travels under.</summary>
    public const string WireName = "autogen.group_chat.message";

    /// <summary>The topic type every participant and the manager subscribe to; the topic source names the conversation.</summary>
    public const string GroupTopicType = "group-chat";
}
