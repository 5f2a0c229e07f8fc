using System.Runtime.CompilerServices;
using AgentPlatform.Llm.Accounting;
using AgentPlatform.Llm.Budgets;
using AgentPlatform.Llm.Governor;
using AgentPlatform.Llm.Tools;
using Microsoft.Extensions.AI;

namespace AgentPlatform.Llm.Agents;

/// <summary>One task's model round trips: each one is checked against the run's budget with its worst case, made under the governor,
/// accounted, and counted against the agent's tool-round limit.</summary>
/// <remarks>Sits under <see cref="FunctionInvokingChatClient"/>, so every round trip of a tool conversation goes through here, and a
/// reply asking for tools beyond <see cref="LlmAgentOptions.MaxToolRounds"/> fails the task instead of being answered.</remarks>
/// <param name="inner">The client that makes the calls.</param>
/// <param name="conversation">The task the round trips are for.</param>
/// <param name="services">The governor, budgets, metrics and token counter.</param>
/// <param name="promptCount">The conversation's running prompt count; by default one over <see cref="LlmTokenEstimator.CountMessage"/>.</param>
internal sealed class LlmRoundClient(IChatClient inner, LlmConversation conversation, LlmRoundServices services, LlmPromptTokens? promptCount = null)
    : DelegatingChatClient(inner)
{
    // A conversation's round trips come one after another, so the running count needs no lock.
    private readonly LlmPromptTokens _promptCount = promptCount ?? new LlmPromptTokens(services.Tokens.CountMessage);
    private readonly Lock _lock = new();
    private long _inputTokens;
    private long _outputTokens;
    private decimal _cost;
    private bool _estimated;
    private int _toolRounds;

    /// <summary>The usage of every round trip so far.</summary>
    public LlmUsage Usage
    {
        get
        {
            lock (_lock)
            {
                return new LlmUsage(_inputTokens, _outputTokens, _estimated, _cost);
            }
        }
    }

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var agent = conversation.Agent;
        var prompt = messages.ToList();
        var endpoint = new Uri(agent.Endpoint);
        var promptTokens = _promptCount.Count(prompt);

        LlmBudgetReservation? reservation = null;
        if (conversation.RunId is { } runId)
        {
            try
            {
                reservation = await services.Budgets.ReserveAsync(
                    runId, conversation.TaskId, promptTokens + agent.MaxOutputTokens,
                    conversation.Price?.CostOf(promptTokens, agent.MaxOutputTokens) ?? 0, cancellationToken);
            }
            catch (LlmBudgetExceededException exceeded)
            {
                Log.BudgetExceeded(services.Logger, conversation.TaskId, runId, exceeded.Reason);
                throw;
            }
        }

        var tags = new LlmCallTags(endpoint, agent.Model);
        var started = services.Time.GetTimestamp();
        try
        {
            var response = await services.Governor.ExecuteAsync(
                endpoint,
                ct => agent.Stream
                    ? InnerClient.GetStreamingResponseAsync(prompt, options, ct).ToChatResponseAsync(ct)
                    : InnerClient.GetResponseAsync(prompt, options, ct),
                failure => services.Metrics.Retried(tags, failure),
                cancellationToken);
            var usage = UsageOf(response, promptTokens);
            if (reservation is not null)
            {
                services.Budgets.Settle(reservation, usage.TotalTokens, usage.Cost);
                reservation = null;
            }

            services.Metrics.Recorded(tags, usage);
            services.Metrics.Finished(tags, services.Time.GetElapsedTime(started), null);
            Add(usage);
            if (response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Any()
                && Interlocked.Increment(ref _toolRounds) > agent.MaxToolRounds)
            {
                throw new LlmToolRoundsExceededException(agent.MaxToolRounds);
            }

            return response;
        }
        catch (LlmCallException failed)
        {
            services.Metrics.Finished(tags, services.Time.GetElapsedTime(started), failed.Failure);
            throw;
        }
        finally
        {
            if (reservation is not null)
            {
                services.Budgets.Settle(reservation, 0, 0);
            }
        }
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Every round trip is one governed call; a streamed reply is gathered inside it (see GetResponseAsync).
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    private void Add(LlmUsage usage)
    {
        lock (_lock)
        {
            _inputTokens += usage.InputTokens;
            _outputTokens += usage.OutputTokens;
            _cost += usage.Cost;
            _estimated |= usage.Estimated;
        }
    }

    private LlmUsage UsageOf(ChatResponse response, int promptTokens)
    {
        var price = conversation.Price;
        if (response.Usage is { InputTokenCount: { } input, OutputTokenCount: { } output })
        {
            return new LlmUsage(input, output, false, price?.CostOf(input, output) ?? 0);
        }

        var estimatedOutput = services.Tokens.Count(string.Concat(response.Messages.Select(LlmPromptTokens.TextOf)));
        return new LlmUsage(promptTokens, estimatedOutput, true, price?.CostOf(promptTokens, estimatedOutput) ?? 0);
    }
}
