namespace AgentPlatform.Llm.Governor;

/// <summary>An LLM call that failed for good, after the governor's retries.</summary>
public sealed class LlmCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LlmCallException(LlmFailure failure, int attempts, Exception innerException)
        : base($"The LLM call failed after {attempts} attempt(s): {Describe(failure)}.", innerException)
    {
        Failure = failure;
        Attempts = attempts;
    }

    /// <summary>How the last attempt failed.</summary>
    public LlmFailure Failure { get; }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; }

    private static string Describe(LlmFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Status is { } status ? $"{failure.Kind} (HTTP {status})" : failure.Kind.ToString();
    }
}
