using System.Text.Json.Serialization;

namespace AgentPlatform.Runtime.Tests.Support;

/// <summary>A call argument and result with a nested list and an optional member, as real actor messages have.</summary>
public sealed record ContractRecord(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("values")] IReadOnlyList<int> Values,
    [property: JsonPropertyName("note")] string? Note = null)
{
    public bool Equals(ContractRecord? other) =>
        other is not null && Name == other.Name && Note == other.Note && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(Name, Note, Values.Count);
}
