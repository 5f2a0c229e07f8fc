using System.Text.Json;
using AgentPlatform.Llm.Accounting;
using AgentPlatform.Llm.Budgets;
using AgentPlatform.Llm.Chunking;
using AgentPlatform.Llm.Governor;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Llm.Agents;

/// <summary>Runs one task of an LLM agent: builds the conversation, checks the run's budget with the call's worst case, calls the
/// model under the governor, and accounts for the tokens and cost.</summary>
public sealed class LlmTaskExecutor(
    IOptions<LlmOptions> options,
    LlmAgentCatalog catalog,
    LlmChatClients clients,
    LlmGovernor governor,
    LlmBudgetLedger budgets,
    LlmMetrics metrics,
    LlmTokenEstimator tokens,
    TimeProvider time,
    ILogger<LlmTaskExecutor> logger)
{
    private readonly LlmMapReduce _chunking = new(tokens);

    /// <summary>Runs task <paramref name="taskId"/> of agent <paramref name="agentName"/> on <paramref name="input"/>: a string is
    /// the user message, an object's <c>prompt</c> string is, anything else is sent as its JSON text; a chunked input
    /// (<see cref="LlmChunkedInput"/>) runs as map-reduce, each call checked against the budget.</summary>
    /// <param name="agentName">The agent (the key of <c>Llm:Agents</c>).</param>
    /// <param name="taskId">The task attempt, which records the call's usage with its outcome.</param>
    /// <param name="runId">The workflow run whose budget the call counts against; null for none.</param>
    /// <param name="input">The task input.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">No such agent is configured or registered.</exception>
    /// <exception cref="LlmBudgetExceededException">The call's worst case would take the run past its budget; nothing was sent.</exception>
    /// <exception cref="LlmCallException">The call failed for good.</exception>
    /// <exception cref="JsonException">A reply that should follow the response schema is not JSON.</exception>
    public async Task<LlmTaskResult> RunAsync(string agentName, string taskId, string? runId, JsonElement? input, CancellationToken cancellationToken)
    {
        var agent = await catalog.FindAsync(agentName, cancellationToken)
            ?? throw new ArgumentException($"No LLM agent '{agentName}' is configured under {LlmOptions.SectionName}:Agents or registered.", nameof(agentName));

        var endpoint = new Uri(agent.Endpoint);
        if (LlmChunkedInput.TryRead(input, out var chunked))
        {
            return await _chunking.RunAsync(
                chunked, (prompt, ct) => RunAsync(agentName, taskId, runId, JsonSerializer.SerializeToElement(prompt), ct), () => governor.For(endpoint).Limit, cancellationToken);
        }

        var prompt = PromptOf(input);
        List<ChatMessage> messages = agent.SystemPrompt is { Length: > 0 } system
            ? [new(ChatRole.System, system), new(ChatRole.User, prompt)]
            : [new(ChatRole.User, prompt)];
        var chatOptions = new ChatOptions { ModelId = agent.Model, Temperature = agent.Temperature, MaxOutputTokens = agent.MaxOutputTokens };
        if (agent.ResponseSchema is { Length: > 0 } schema)
        {
            chatOptions.ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse(schema).RootElement.Clone(), $"{agentName}_output");
        }

        var price = options.Value.Prices.GetValueOrDefault(agent.Model);
        var promptTokens = tokens.CountPrompt(messages.Select(m => m.Text));
        LlmBudgetReservation? reservation = null;
        if (runId is not null)
        {
            try
            {
                reservation = await budgets.ReserveAsync(
                    runId, taskId, promptTokens + agent.MaxOutputTokens, price?.CostOf(promptTokens, agent.MaxOutputTokens) ?? 0, cancellationToken);
            }
            catch (LlmBudgetExceededException exceeded)
            {
                Log.BudgetExceeded(logger, taskId, runId, exceeded.Reason);
                throw;
            }
        }

        var tags = new LlmCallTags(endpoint, agent.Model);
        var client = clients.For(agent);
        var started = time.GetTimestamp();
        try
        {
            var response = await governor.ExecuteAsync(
                endpoint,
                ct => agent.Stream ? client.GetStreamingResponseAsync(messages, chatOptions, ct).ToChatResponseAsync(ct) : client.GetResponseAsync(messages, chatOptions, ct),
                failure => metrics.Retried(tags, failure),
                cancellationToken);
            var usage = UsageOf(response, promptTokens, price);
            if (reservation is not null)
            {
                budgets.Settle(reservation, usage.TotalTokens, usage.Cost);
                reservation = null;
            }

            metrics.Recorded(tags, usage);
            metrics.Finished(tags, time.GetElapsedTime(started), null);
            var output = agent.ResponseSchema is { Length: > 0 }
                ? JsonDocument.Parse(response.Text).RootElement.Clone()
                : JsonSerializer.SerializeToElement(response.Text);
            return new LlmTaskResult(output, usage);
        }
        catch (LlmCallException failed)
        {
            metrics.Finished(tags, time.GetElapsedTime(started), failed.Failure);
            throw;
        }
        finally
        {
            if (reservation is not null)
            {
                budgets.Settle(reservation, 0, 0);
            }
        }
    }

    private LlmUsage UsageOf(ChatResponse response, int promptTokens, LlmPrice? price)
    {
        if (response.Usage is { InputTokenCount: { } input, OutputTokenCount: { } output })
        {
            return new LlmUsage(input, output, false, price?.CostOf(input, output) ?? 0);
        }

        var estimatedOutput = tokens.Count(response.Text);
        return new LlmUsage(promptTokens, estimatedOutput, true, price?.CostOf(promptTokens, estimatedOutput) ?? 0);
    }

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
