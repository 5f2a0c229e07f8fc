using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>Model spend reported by attempts.</summary>
/// <param name="InputTokens">Prompt tokens.</param>
/// <param name="OutputTokens">Completion tokens.</param>
/// <param name="Cost">Cost.</param>
public sealed record TeamSpendView(
    [property: JsonPropertyName("input_tokens")] long InputTokens,
    [property: JsonPropertyName("output_tokens")] long OutputTokens,
    [property: JsonPropertyName("cost")] decimal Cost)
{
    /// <summary>Nothing spent.</summary>
    public static TeamSpendView None { get; } = new(0, 0, 0);

    /// <summary>The sum of two spends.</summary>
    public TeamSpendView Add(TeamSpendView other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(InputTokens + other.InputTokens, OutputTokens + other.OutputTokens, Cost + other.Cost);
    }
}
