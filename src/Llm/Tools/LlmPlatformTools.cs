namespace AgentPlatform.Llm.Tools;

/// <summary>The names of the platform functions an LLM agent may be given as tools.</summary>
public static class LlmPlatformTools
{
    /// <summary>Posts to one of the agent's channels.</summary>
    public const string PostToChannel = "post_to_channel";

    /// <summary>Reads recent messages of one of the agent's channels.</summary>
    public const string ReadChannel = "read_channel";

    /// <summary>Asks another agent and waits for its reply (request/reply).</summary>
    public const string AskAgent = "ask_agent";

    /// <summary>Every platform function, by name.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { PostToChannel, ReadChannel, AskAgent };
}
