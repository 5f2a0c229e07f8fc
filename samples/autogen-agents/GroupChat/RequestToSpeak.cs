namespace AgentPlatform.Samples.AutoGen.GroupChat;

/// <summary>The manager's call to the next speaker, published to that participant's own topic (AutoGen's <c>RequestToSpeak</c>).</summary>
public sealed record RequestToSpeak
{
    /// <summary>The name this message travels under.</summary>
    public const string WireName = "autogen.group_chat.request_to_speak";
}
