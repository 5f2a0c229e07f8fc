using System.Text.Json.Nodes;
using AgentPlatform.Client.Loop;

namespace AgentPlatform.Samples.DotnetAgent;

/// <summary>The sample's work: counts the words of a task's <c>text</c> input.</summary>
public static class WordCounter
{
    public const string Capability = "word_count";

    public static Task<JsonNode?> HandleAsync(AgentTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var text = task.Input?["text"]?.GetValue<string>()
            ?? throw new ArgumentException("The task input has no 'text' to count.", nameof(task));
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        Console.WriteLine($"task {task.TaskId}: {words} words");
        return Task.FromResult<JsonNode?>(new JsonObject { ["words"] = words });
    }
}
