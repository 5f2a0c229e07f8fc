using AgentPlatform.Agents.Dispatch;
using AgentPlatform.Llm.Accounting;

namespace AgentPlatform.Llm.Chunking;

/// <summary>A chunked task failed after some of its calls were made: <see cref="Exception.InnerException"/> is the failure (a
/// <c>budget_exceeded</c> refusal, a call failed for good) and <see cref="Usage"/> and <see cref="ToolCalls"/> what its calls spent,
/// which the failed attempt records so the run's budget keeps counting it.</summary>
public sealed class LlmChunkedTaskException : Exception
{
    /// <summary>Wraps <paramref name="failure"/> of a chunked task whose calls used <paramref name="usage"/> and made
    /// <paramref name="toolCalls"/>.</summary>
    public LlmChunkedTaskException(Exception failure, LlmUsage usage, IReadOnlyList<AgentToolCall> toolCalls)
        : base((failure ?? throw new ArgumentNullException(nameof(failure))).Message, failure)
    {
        Usage = usage;
        ToolCalls = toolCalls;
    }

    /// <summary>The tokens and cost of the calls made before the failure.</summary>
    public LlmUsage Usage { get; }

    /// <summary>The tools those calls called, in order.</summary>
    public IReadOnlyList<AgentToolCall> ToolCalls { get; }

    /// <summary>The error the failed attempt reports: the failure's type and message, as for a task that fails in one call.</summary>
    public string TaskError => $"{InnerException!.GetType().Name}: {Message}";
}
