using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentPlatform.TestKit.Llm;

/// <summary>The test LLM server's deterministic planner (for requests to <see cref="TestLlmScript.PlannerModel"/>): a plan as in
/// <c>docs/schemas/plan.schema.json</c> with one task per document of the user message, the odd ones depending on the one before.</summary>
/// <remarks>The user message is the JSON text of an object with a <c>documents</c> array (as the swarm sample's planner step sends
/// it). Task <c>doc_k</c> has the capability <see cref="WorkerCapability"/>; an even one reads its document, an odd one compares
/// its document with the output of <c>doc_{k-1}</c>, which it depends on. A message without documents gets an empty plan, which
/// the plan step refuses.</remarks>
public static class TestLlmPlanner
{
    /// <summary>The capability every planned task asks for.</summary>
    public const string WorkerCapability = "analyze";

    /// <summary>The plan answered to <paramref name="lastUserMessage"/>, as JSON text.</summary>
    public static string PlanFor(string lastUserMessage)
    {
        var tasks = new JsonArray();
        var documents = Documents(lastUserMessage);
        for (var k = 0; k < documents.Count; k++)
        {
            var task = new JsonObject
            {
                ["id"] = TaskId(k),
                ["capabilities"] = new JsonObject { [WorkerCapability] = 1 },
                ["input"] = k % 2 == 0 ? $"read: {documents[k]}" : $"compare: {documents[k]} with ${{tasks.{TaskId(k - 1)}.output}}",
            };
            if (k % 2 == 1)
            {
                task["depends_on"] = new JsonArray(TaskId(k - 1));
            }

            tasks.Add(task);
        }

        return new JsonObject { ["tasks"] = tasks }.ToJsonString();
    }

    /// <summary>The id of the task planned for document <paramref name="index"/>.</summary>
    public static string TaskId(int index) => $"doc_{index}";

    /// <summary>The outputs the planned tasks end with when their agents are LLM agents on the test server (whose replies echo the
    /// user message), keyed by task id in plan order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ExpectedOutputs(IReadOnlyList<string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var outputs = new List<KeyValuePair<string, string>>();
        for (var k = 0; k < documents.Count; k++)
        {
            var output = k % 2 == 0
                ? TestLlmReplies.For($"read: {documents[k]}")
                : TestLlmReplies.For($"compare: {documents[k]} with {outputs[k - 1].Value}");
            outputs.Add(new(TaskId(k), output));
        }

        return outputs;
    }

    private static List<string> Documents(string message)
    {
        try
        {
            return JsonNode.Parse(message) is JsonObject { } request && request["documents"] is JsonArray documents
                ? [.. documents.Select(d => d is JsonValue value && value.TryGetValue<string>(out var text) ? text : d?.ToJsonString() ?? "null")]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
