using System.Text.Json;
using AgentPlatform.Agents.Requests;
using AgentPlatform.Llm.Accounting;
using AgentPlatform.Llm.Budgets;
using AgentPlatform.Llm.Chunking;
using AgentPlatform.Llm.Governor;
using AgentPlatform.Llm.Tools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Llm.Agents;

/// <summary>Runs one task of an LLM agent: builds the conversation, offers the agent's tools, and makes each model round trip under
/// the governor after checking the run's budget with the round trip's worst case, accounting for tokens, cost and tool calls.</summary>
public sealed class LlmTaskExecutor(
    IOptions<LlmOptions> options,
    LlmAgentCatalog catalog,
    LlmChatClients clients,
    LlmToolbox toolbox,
    LlmGovernor governor,
    LlmBudgetLedger budgets,
    LlmMetrics metrics,
    LlmTokenEstimator tokens,
    TimeProvider time,
    ILogger<LlmTaskExecutor> logger)
{
    private const string SpentKey = "agentplatform.llm.spent";

    private readonly LlmMapReduce _chunking = new(tokens);
    private readonly LlmRoundServices _rounds = new(governor, budgets, metrics, tokens, time, logger);

    /// <summary>Runs task <paramref name="taskId"/> of agent <paramref name="agentName"/> on <paramref name="input"/>: a string is
    /// the user message, an object's <c>prompt</c> string is, anything else is sent as its JSON text; a chunked input
    /// (<see cref="LlmChunkedInput"/>) runs as map-reduce, each call checked against the budget.</summary>
    /// <param name="agentName">The agent (the key of <c>Llm:Agents</c>).</param>
    /// <param name="taskId">The task attempt, which records the call's usage with its outcome.</param>
    /// <param name="runId">The workflow run whose budget the call counts against; null for none.</param>
    /// <param name="input">The task input.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">No such agent is configured or registered.</exception>
    /// <exception cref="LlmBudgetExceededException">A round trip's worst case would take the run past its budget; it was not sent.</exception>
    /// <exception cref="LlmCallException">A round trip failed for good.</exception>
    /// <exception cref="LlmToolRoundsExceededException">The model asked for more tool rounds than the agent is allowed.</exception>
    /// <exception cref="JsonException">A reply that should follow the response schema is not JSON.</exception>
    public async Task<LlmTaskResult> RunAsync(string agentName, string taskId, string? runId, JsonElement? input, CancellationToken cancellationToken)
    {
        var agent = await catalog.FindAsync(agentName, cancellationToken)
            ?? throw new ArgumentException($"No LLM agent '{agentName}' is configured under {LlmOptions.SectionName}:Agents or registered.", nameof(agentName));
        if (LlmChunkedInput.TryRead(input, out var chunked))
        {
            var endpoint = new Uri(agent.Endpoint);
            return await _chunking.RunAsync(
                chunked, (prompt, ct) => ConverseAsync(agentName, agent, taskId, runId, [new(ChatRole.User, prompt)], ct), () => governor.For(endpoint).Limit, cancellationToken);
        }

        List<ChatMessage> messages = [new(ChatRole.User, PromptOf(input))];
        return await ConverseAsync(agentName, agent, taskId, runId, messages, cancellationToken);
    }

    /// <summary>Has agent <paramref name="agentName"/> answer <paramref name="messages"/> (its system prompt is put first), with its
    /// tools, on the account of task <paramref name="taskId"/> and run <paramref name="runId"/>.</summary>
    /// <exception cref="LlmBudgetExceededException">A round trip's worst case would take the run past its budget; it was not sent.</exception>
    /// <exception cref="LlmCallException">A round trip failed for good.</exception>
    /// <exception cref="LlmToolRoundsExceededException">The model asked for more tool rounds than the agent is allowed.</exception>
    /// <exception cref="JsonException">A reply that should follow the response schema is not JSON.</exception>
    public async Task<LlmTaskResult> ConverseAsync(
        string agentName, LlmAgentOptions agent, string taskId, string? runId, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(messages);
        List<ChatMessage> conversation = agent.SystemPrompt is { Length: > 0 } system ? [new(ChatRole.System, system), .. messages] : [.. messages];
        var chatOptions = new ChatOptions { ModelId = agent.Model, Temperature = agent.Temperature, MaxOutputTokens = agent.MaxOutputTokens };
        if (agent.ResponseSchema is { Length: > 0 } schema)
        {
            chatOptions.ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse(schema).RootElement.Clone(), $"{agentName}_output");
        }

        var rounds = new LlmRoundClient(
            clients.For(agent), new LlmConversation(agentName, agent, taskId, runId, options.Value.Prices.GetValueOrDefault(agent.Model)), _rounds);
        var recorder = new LlmToolCallRecorder(time, runId is null ? null : new RequestForTask(runId, taskId));
        IChatClient client = rounds;
        var tools = await toolbox.ForAsync(agentName, agent, cancellationToken);
        if (tools.Count > 0)
        {
            chatOptions.Tools = [.. tools];

            // The round client enforces the agent's limit (and fails clearly); this bound only keeps the loop from stopping first.
            client = new FunctionInvokingChatClient(rounds)
            {
                MaximumIterationsPerRequest = agent.MaxToolRounds + 2,
                MaximumConsecutiveErrorsPerRequest = agent.MaxToolRounds + 1,
                FunctionInvoker = recorder.InvokeAsync,
            };
        }

        ChatResponse response;
        try
        {
            response = await client.GetResponseAsync(conversation, chatOptions, cancellationToken);
        }
        catch (Exception failure) when (rounds.Usage.TotalTokens > 0 || recorder.Calls.Count > 0)
        {
            failure.Data[SpentKey] = new LlmTaskResult(default, rounds.Usage.Plus(recorder.Delegated), recorder.Calls);
            throw;
        }

        var output = agent.ResponseSchema is { Length: > 0 }
            ? JsonDocument.Parse(response.Text).RootElement.Clone()
            : JsonSerializer.SerializeToElement(response.Text);
        return new LlmTaskResult(output, rounds.Usage.Plus(recorder.Delegated), recorder.Calls);
    }

    /// <summary>What a failed task had spent before it failed (round trips made and tools called before a later round failed, the
    /// budget stopped it or it ran out of tool rounds, or the finished calls of a chunked task), so the failure can be reported with its
    /// usage; null when it spent nothing.</summary>
    public static LlmTaskResult? SpentBefore(Exception failure) => failure is LlmChunkedTaskException chunked
        ? new LlmTaskResult(default, chunked.Usage, chunked.ToolCalls)
        : failure?.Data[SpentKey] as LlmTaskResult;

    private static string PromptOf(JsonElement? input) => input switch
    {
        null => "",
        { ValueKind: JsonValueKind.String } text => text.GetString()!,
        { ValueKind: JsonValueKind.Object } value when value.TryGetProperty("prompt", out var prompt) && prompt.ValueKind == JsonValueKind.String =>
            prompt.GetString()!,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => "",
        { } other => other.GetRawText(),
    };
}
