using System.Text.Json;

namespace AgentPlatform.Runtime.Tests.Support;

/// <summary>One reminder delivery seen by a <see cref="ContractActor"/>.</summary>
public sealed record ContractReminderFire(string ActorKey, string Name, JsonElement? Data, long Timestamp);
