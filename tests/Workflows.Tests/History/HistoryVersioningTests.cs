using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Tests.History;

/// <summary>Schema versions on persisted events and definitions, and the upcaster chain that reads older ones.</summary>
public sealed class HistoryVersioningTests
{
    private const string LegacyFile = "sequence-retry-timeout.json";
    private const string CurrentFile = "sequence-retry-timeout.v2.json";

    [Fact]
    public void The_default_chain_ends_at_the_version_this_build_writes()
    {
        Assert.Equal(WorkflowSchema.CurrentVersion, WorkflowUpcaster.Default.CurrentVersion);
    }

    [Fact]
    public void The_legacy_recorded_histories_are_kept_as_written_before_versioning()
    {
        foreach (var path in Directory.GetFiles(RecordedHistory.Directory(), "*.json").Where(p => !p.EndsWith(".v2.json", StringComparison.Ordinal)))
        {
            using var file = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var e in file.RootElement.GetProperty("history").EnumerateArray())
            {
                Assert.False(e.TryGetProperty(WorkflowUpcaster.EventVersionProperty, out _), $"{Path.GetFileName(path)} seq {e.GetProperty("seq")} carries a version");
            }
        }
    }

    [Fact]
    public void A_legacy_history_is_upcast_to_exactly_its_copy_written_at_the_current_version()
    {
        var legacy = RecordedHistory.Load(Path.Combine(RecordedHistory.Directory(), LegacyFile));
        var current = RecordedHistory.Load(Path.Combine(RecordedHistory.Directory(), CurrentFile));
        using var currentFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(RecordedHistory.Directory(), CurrentFile)));

        Assert.All(currentFile.RootElement.GetProperty("history").EnumerateArray(), e => Assert.Equal(WorkflowSchema.CurrentVersion, e.GetProperty("v").GetInt32()));
        Assert.All(legacy.History, e => Assert.Equal(WorkflowSchema.CurrentVersion, e.SchemaVersion));
        Assert.Equal(Serialize(current.History), Serialize(legacy.History));
        Assert.Equal(
            Serialize(WorkflowDecider.Decide(current.Definition, current.History).State),
            Serialize(WorkflowDecider.Decide(legacy.Definition, legacy.History).State));
    }

    [Fact]
    public void Steps_run_in_order_from_the_stored_version_and_stamp_each_version()
    {
        var upcaster = new WorkflowUpcaster(
        [
            new WorkflowUpcastStep(1, e => e, d => new JsonObject { ["definition"] = d }),
            new WorkflowUpcastStep(2, RenameReasonToWhy, d => d),
        ]);
        var legacy = JsonNode.Parse("""{"type":"workflow_terminated","reason":"stop","seq":3}""")!.AsObject();
        var second = JsonNode.Parse("""{"type":"workflow_terminated","v":2,"reason":"stop","seq":3}""")!.AsObject();

        var fromLegacy = upcaster.UpcastEvent(legacy, 1);
        var fromSecond = upcaster.UpcastEvent(second, 2);

        Assert.Equal(3, upcaster.CurrentVersion);
        Assert.Equal("""{"type":"workflow_terminated","seq":3,"why":"stop","v":3}""", fromLegacy.ToJsonString());
        Assert.Equal("""{"type":"workflow_terminated","seq":3,"why":"stop","v":3}""", fromSecond.ToJsonString());
        Assert.Equal(
            """{"definition":{"id":"x"},"schema_version":3}""",
            upcaster.UpcastDefinition(JsonNode.Parse("""{"id":"x"}""")!.AsObject(), 1).ToJsonString());
    }

    [Fact]
    public void A_chain_with_a_gap_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new WorkflowUpcaster([new WorkflowUpcastStep(2, e => e, d => d)]));
    }

    [Theory]
    [InlineData("""[{"type":"workflow_terminated","v":99,"reason":"stop"}]""")]
    [InlineData("""[{"type":"workflow_terminated","v":0,"reason":"stop"}]""")]
    [InlineData("""[{"type":"workflow_terminated","v":"2","reason":"stop"}]""")]
    [InlineData("""{"type":"workflow_terminated"}""")]
    public void Events_of_an_unknown_version_or_shape_are_refused(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<WorkflowEventBatch>(json, WorkflowJson.Options));
    }

    [Fact]
    public void A_batch_writes_the_plain_array_of_versioned_events()
    {
        var batch = new WorkflowEventBatch([new WorkflowTerminated { Reason = "stop", Sequence = 1 }]);

        var json = JsonSerializer.Serialize(batch, WorkflowJson.Options);

        Assert.StartsWith("""[{"type":"workflow_terminated","v":2,""", json);
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<WorkflowEventBatch>(json, WorkflowJson.Options), WorkflowJson.Options));
    }

    [Fact]
    public void A_batch_of_every_kind_of_event_writes_each_as_the_event_it_is()
    {
        var history = RecordedHistory.Load(Path.Combine(RecordedHistory.Directory(), CurrentFile)).History;

        var json = JsonSerializer.Serialize(new WorkflowEventBatch([.. history]), WorkflowJson.Options);

        Assert.Equal($"[{string.Join(',', history.Select(e => JsonSerializer.Serialize(e, WorkflowJson.Options)))}]", json);
        Assert.True(history.Select(e => e.GetType()).Distinct().Count() > 3);
    }

    [Fact]
    public void An_event_read_without_the_upcaster_is_refused_by_the_decider()
    {
        var definition = WorkflowDefinitionLoader.FromYaml("id: d\nsteps: [ { id: w, kind: wait, duration: 1s } ]");
        var bypassed = JsonSerializer.Deserialize<WorkflowEvent>(
            """{"type":"workflow_started","instance_id":"i","definition_id":"d","definition_version":1,"seq":1}""", WorkflowJson.Options)!;

        Assert.Equal(WorkflowSchema.LegacyVersion, bypassed.SchemaVersion);
        Assert.Throws<WorkflowReplayException>(() => WorkflowDecider.Decide(definition, [bypassed]));
    }

    [Fact]
    public void A_definition_stored_bare_before_versioning_reads_and_is_written_in_the_envelope()
    {
        var bare = """{"id":"d","version":3,"steps":[{"kind":"wait","duration":"1s","id":"w"}]}""";

        var stored = JsonSerializer.Deserialize<StoredWorkflowDefinition>(bare, WorkflowJson.Options)!;
        var written = JsonSerializer.Serialize(stored, WorkflowJson.Options);

        Assert.Equal("d", stored.Definition.Id);
        Assert.Equal(3, stored.Definition.Version);
        Assert.Equal($$"""{"schema_version":2,"definition":{{Serialize(stored.Definition)}}}""", written);
        Assert.Equal(written, JsonSerializer.Serialize(JsonSerializer.Deserialize<StoredWorkflowDefinition>(written, WorkflowJson.Options), WorkflowJson.Options));
    }

    [Fact]
    public void A_stored_definition_written_again_or_with_other_options_is_the_json_of_those_options()
    {
        var stored = JsonSerializer.Deserialize<StoredWorkflowDefinition>(
            """{"id":"d","version":3,"steps":[{"kind":"wait","duration":"1s","id":"w"}]}""", WorkflowJson.Options)!;
        var withNulls = new JsonSerializerOptions(WorkflowJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

        var first = JsonSerializer.Serialize(stored, WorkflowJson.Options);
        var other = JsonSerializer.Serialize(stored, withNulls);
        var again = JsonSerializer.Serialize(stored, WorkflowJson.Options);

        Assert.Equal($$"""{"schema_version":2,"definition":{{Serialize(stored.Definition)}}}""", first);
        Assert.Equal($$"""{"schema_version":2,"definition":{{JsonSerializer.Serialize(stored.Definition, withNulls)}}}""", other);
        Assert.NotEqual(first, other);
        Assert.Equal(first, again);
    }

    [Fact]
    public void Stored_histories_written_before_traceparent_existed_load_without_it_and_decide_as_they_did()
    {
        foreach (var path in Directory.GetFiles(RecordedHistory.Directory(), "*.json"))
        {
            var recorded = RecordedHistory.Load(path);
            var traced = TraceEvery(File.ReadAllText(path), "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

            Assert.Contains(recorded.History, e => e is WorkflowStarted);
            Assert.All(recorded.History.OfType<WorkflowStarted>(), e => Assert.Null(e.TraceParent));
            Assert.All(recorded.History.OfType<TaskScheduled>(), e => Assert.Null(e.TraceParent));
            Assert.All(traced.History.OfType<TaskScheduled>(), e => Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", e.TraceParent));
            var plain = WorkflowDecider.Decide(recorded.Definition, recorded.History);
            var withTrace = WorkflowDecider.Decide(traced.Definition, traced.History);
            Assert.Equal(Serialize(plain.State), Serialize(withTrace.State));
            Assert.Equal(Serialize(plain.Commands), Serialize(withTrace.Commands));
        }
    }

    /// <summary>The recorded file with a traceparent on every <c>workflow_started</c> and <c>task_scheduled</c>, as this build writes them.</summary>
    private static RecordedHistory TraceEvery(string json, string traceParent)
    {
        var file = JsonNode.Parse(json)!.AsObject();
        foreach (var e in file["history"]!.AsArray().Select(e => e!.AsObject()))
        {
            if (e["type"]!.GetValue<string>() is "workflow_started" or "task_scheduled")
            {
                e["traceparent"] = traceParent;
            }
        }

        return JsonSerializer.Deserialize<RecordedHistory>(file.ToJsonString(), WorkflowJson.Options)!;
    }

    private static JsonObject RenameReasonToWhy(JsonObject e)
    {
        if (e["reason"] is { } reason)
        {
            e.Remove("reason");
            e["why"] = reason;
        }

        return e;
    }

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, WorkflowJson.Options);
}
