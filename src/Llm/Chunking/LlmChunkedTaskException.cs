using AgentPlatform.Llm.Accounting;

namespace AgentPlatform.Llm.Chunking;

/// <summary>A chunked task failed after some of its calls were made: <see cref="Exception.InnerException"/> is the failure (a
/// <c>budget_exceeded</c> refusal, a call failed for good) and <see cref="Usage"/> what the finished calls spent, which the failed
/// attempt records so the run's budget keeps counting it.</summary>
public sealed class LlmChunkedTaskException : Exception
{
    /// <summary>Wraps <paramref name="failure"/> of a chunked task whose finished calls used <paramref name="usage"/>.</summary>
    public LlmChunkedTaskException(Exception failure, LlmUsage usage)
        : base((failure ?? throw new ArgumentNullException(nameof(failure))).Message, failure)
    {
        Usage = usage;
    }

    /// <summary>The tokens and cost of the calls that finished before the failure.</summary>
    public LlmUsage Usage { get; }

    /// <summary>The error the failed attempt reports: the failure's type and message, as for a task that fails in one call.</summary>
    public string TaskError => $"{InnerException!.GetType().Name}: {Message}";
}
