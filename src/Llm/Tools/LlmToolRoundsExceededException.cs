using System.Globalization;

namespace AgentPlatform.Llm.Tools;

/// <summary>The model asked for tools again after the agent's last allowed tool round; the task fails, its message starting with
/// <c>tool_rounds_exceeded:</c>.</summary>
public sealed class LlmToolRoundsExceededException : Exception
{
    /// <summary>Creates the exception for an agent allowed <paramref name="maxToolRounds"/> rounds.</summary>
    public LlmToolRoundsExceededException(int maxToolRounds)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"tool_rounds_exceeded: the model asked for tools after {maxToolRounds} tool round(s), the agent's MaxToolRounds."))
    {
        MaxToolRounds = maxToolRounds;
    }

    /// <summary>The agent's limit.</summary>
    public int MaxToolRounds { get; }
}
