namespace AgentPlatform.Llm.Accounting;

/// <summary>What one model's tokens cost, in the currency the operator counts in (for example US dollars).</summary>
public sealed class LlmPrice
{
    /// <summary>The price of one million input (prompt) tokens.</summary>
    public decimal InputPerMillionTokens { get; set; }

    /// <summary>The price of one million output (completion) tokens.</summary>
    public decimal OutputPerMillionTokens { get; set; }

    /// <summary>The cost of <paramref name="inputTokens"/> and <paramref name="outputTokens"/>.</summary>
    public decimal CostOf(long inputTokens, long outputTokens) =>
        ((inputTokens * InputPerMillionTokens) + (outputTokens * OutputPerMillionTokens)) / 1_000_000m;
}
