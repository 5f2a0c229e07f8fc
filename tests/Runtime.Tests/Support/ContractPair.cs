using System.Text.Json.Serialization;

namespace AgentPlatform.Runtime.Tests.Support;

/// <summary>The two state keys of a <see cref="ContractActor"/> as one turn read them; null when missing.</summary>
public sealed record ContractPair([property: JsonPropertyName("a")] int? A, [property: JsonPropertyName("b")] int? B);
