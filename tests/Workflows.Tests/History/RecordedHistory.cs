using System.Text.Json;
using System.Text.Json.Serialization;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.TestKit;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Tests.History;

/// <summary>A checked-in history: the definition, the events, and the state and commands the decider produced when
/// it was recorded.</summary>
internal sealed record RecordedHistory
{
    [JsonPropertyName("description")]
    public required string Description { get; init; }

    [JsonPropertyName("definition")]
    public required WorkflowDefinition Definition { get; init; }

    [JsonPropertyName("history")]
    public required WorkflowEventBatch History { get; init; }

    [JsonPropertyName("expected_state")]
    public required JsonElement ExpectedState { get; init; }

    [JsonPropertyName("expected_commands")]
    public required JsonElement ExpectedCommands { get; init; }

    // Located from the repository root, not [CallerFilePath]: CI builds map source paths to /_/.
    public static string Directory() => Path.Combine(RepositoryPaths.Root, "tests", "Workflows.Tests", "Histories");

    public static RecordedHistory Load(string path) =>
        JsonSerializer.Deserialize<RecordedHistory>(File.ReadAllText(path), WorkflowJson.Options)
        ?? throw new InvalidDataException($"{path} is empty");

    public static JsonSerializerOptions WriteOptions { get; } = new(WorkflowJson.Options) { WriteIndented = true };
}
