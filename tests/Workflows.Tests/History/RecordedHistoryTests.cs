using System.Text.Json;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Tests.History;

/// <summary>Replays the checked-in histories; a change that alters a past decision makes these fail.</summary>
public sealed class RecordedHistoryTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in System.IO.Directory.GetFiles(RecordedHistory.Directory(), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void The_recorded_histories_are_present()
    {
        Assert.True(Files().Count >= 4);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Replaying_a_recorded_history_reproduces_the_recorded_state_and_commands(string file)
    {
        var recorded = RecordedHistory.Load(Path.Combine(RecordedHistory.Directory(), file));
        Assert.Empty(WorkflowValidator.Validate(recorded.Definition));

        var decision = WorkflowDecider.Decide(recorded.Definition, recorded.History);

        Assert.Equal(Canonical(recorded.ExpectedState), Canonical(JsonSerializer.SerializeToElement(decision.State, WorkflowJson.Options)));
        Assert.Equal(Canonical(recorded.ExpectedCommands), Canonical(JsonSerializer.SerializeToElement(decision.Commands, WorkflowJson.Options)));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_prefix_of_a_recorded_history_replays_and_its_commands_match_the_events_that_followed(string file)
    {
        var recorded = RecordedHistory.Load(Path.Combine(RecordedHistory.Directory(), file));
        var execution = new WorkflowDecider(recorded.Definition).CreateExecution();
        for (var i = 0; i < recorded.History.Count; i++)
        {
            execution.Apply(recorded.History[i]);
            var commands = execution.GetCommands();
            for (var c = 0; c < commands.Count && i + 1 + c < recorded.History.Count; c++)
            {
                var expected = recorded.History[i + 1 + c];
                var produced = commands[c].ToEvent(expected.Sequence, expected.Timestamp);
                Assert.Equal(Canonical(JsonSerializer.SerializeToElement(expected, WorkflowJson.Options)), Canonical(JsonSerializer.SerializeToElement(produced, WorkflowJson.Options)));
            }
        }
    }

    [Fact]
    public void Events_round_trip_through_json_with_their_type_discriminator()
    {
        foreach (var path in System.IO.Directory.GetFiles(RecordedHistory.Directory(), "*.json"))
        {
            var recorded = RecordedHistory.Load(path);
            foreach (var e in recorded.History)
            {
                var json = JsonSerializer.Serialize(e, WorkflowJson.Options);
                Assert.StartsWith("{\"type\":\"", json);
                var back = JsonSerializer.Deserialize<WorkflowEvent>(json, WorkflowJson.Options)!;
                Assert.Equal(e.GetType(), back.GetType());
                Assert.Equal(json, JsonSerializer.Serialize(back, WorkflowJson.Options));
            }
        }
    }

    private static string Canonical(JsonElement element) => JsonSerializer.Serialize(element);
}
