using System.Text.Json;
using AgentPlatform.Agents.Core;
using AgentPlatform.Agents.Dispatch;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Samples.DotnetHost;

/// <summary>A C# agent living in the host: it takes workflow tasks as <see cref="AgentTaskMessage"/>s and answers with the first
/// words of the input's <c>text</c> and how many words there were; counts what it summarized in its own state.</summary>
/// <remarks>It declares the capability <c>summarize</c>, so the registry lists <c>summarizer/default</c> and a step asking for
/// <c>summarize</c> by capabilities is matched to it like to any external agent.</remarks>
[TaskCapability("summarize", 0.9)]
public sealed class SummarizerAgent(ActorHost host) : RoutedAgent(host)
{
    /// <summary>The agent type: a step names an agent of it as <c>summarizer/{key}</c>, or asks for <c>summarize</c>.</summary>
    public const string TypeName = "summarizer";

    private const int SummaryWords = 5;

    private int _summarized;

    [Rpc]
    private JsonElement OnTask(AgentTaskMessage task)
    {
        if (task.Input is not { ValueKind: JsonValueKind.Object } input
            || !input.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
        {
            throw new ArgumentException($"Task {task.TaskId}: the input must be an object with a string 'text'.");
        }

        var words = text.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        _summarized++;
        return JsonSerializer.SerializeToElement(new
        {
            summary = string.Join(' ', words.Take(SummaryWords)) + (words.Length > SummaryWords ? " ..." : ""),
            words = words.Length,
            agent = AgentId.ToString(),
            summarized_so_far = _summarized,
        });
    }

    /// <inheritdoc/>
    protected override ValueTask<JsonElement?> SaveStateAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<JsonElement?>(JsonSerializer.SerializeToElement(_summarized));

    /// <inheritdoc/>
    protected override ValueTask LoadStateAsync(JsonElement state, CancellationToken cancellationToken)
    {
        _summarized = state.GetInt32();
        return ValueTask.CompletedTask;
    }
}
