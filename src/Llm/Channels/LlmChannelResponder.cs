using System.Text.Json;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Requests;
using AgentPlatform.Llm.Accounting;
using AgentPlatform.Llm.Agents;
using AgentPlatform.Llm.Budgets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Llm.Channels;

/// <summary>Answers what arrives in an LLM agent's inbox: a post of one of its channels addressed to it (see
/// <see cref="LlmChannelAddressing"/>) is answered in the channel, with recent messages as context; a request from another agent is
/// replied to. Anything else is left for the caller to acknowledge, without a model call.</summary>
internal sealed class LlmChannelResponder(
    ChannelService channels, AgentRequestService requests, LlmTaskExecutor executor, LlmTokenEstimator tokens, LlmChannelOptions options,
    TimeProvider time, ILogger logger)
{
    /// <summary>Handles <paramref name="message"/> for agent <paramref name="agentName"/>; returns once it is answered or needs no answer.</summary>
    public async Task HandleAsync(string agentName, LlmAgentOptions agent, ChannelMessage message, CancellationToken cancellationToken)
    {
        if (message.Kind == MessageKind.Request && message.ChannelId is null)
        {
            await ReplyAsync(agentName, agent, message, cancellationToken);
        }
        else if (message.ChannelId is { } channel && agent.Channels.Contains(channel) && LlmChannelAddressing.IsAddressedTo(message, agentName))
        {
            await AnswerAsync(agentName, agent, ChannelId.Create(channel), message, cancellationToken);
        }
    }

    private async Task AnswerAsync(string agentName, LlmAgentOptions agent, ChannelId channel, ChannelMessage post, CancellationToken cancellationToken)
    {
        var agentId = LlmAgentCatalog.MemberIdOf(agentName);
        var title = LlmChannelAddressing.AnswerTitle(post.Sequence);
        var key = LlmChannelAddressing.AnswerKey(post.Sequence);
        if (await channels.FindPostAsync(channel, agentId, key, cancellationToken) is not null)
        {
            Log.ChannelPostAlreadyAnswered(logger, agentId, channel.Value, post.Sequence);
            return;
        }

        var conversation = await ContextAsync(channel, agentId, post, cancellationToken);
        conversation.Add(new ChatMessage(ChatRole.User, Line(post)));
        var account = $"channel/{channel.Value}/{post.Sequence}";
        var result = await executor.ConverseAsync(agentName, agent, account, account, conversation, cancellationToken);
        var text = TextOf(result.Output);
        if (text.Length > channels.Options.MaxContentLength)
        {
            text = text[..channels.Options.MaxContentLength];
        }

        var metadata = LlmUsageMetadata.Of(result);
        while (true)
        {
            try
            {
                await channels.PostOnceAsync(channel, agentId, key, title, text, post.Priority, metadata, cancellationToken);
                Log.ChannelPostAnswered(logger, agentId, channel.Value, post.Sequence, result.Usage.TotalTokens, result.ToolCalls.Count);
                return;
            }
            catch (PostCooldownException cooldown)
            {
                await Task.Delay(cooldown.RetryAfter, time, cancellationToken);
            }
        }
    }

    /// <summary>The posts before <paramref name="post"/>, newest kept first, as many as <see cref="LlmChannelOptions.ContextTokens"/>
    /// allows, in channel order: the agent's own as its earlier replies, others' as user messages naming their sender.</summary>
    private async Task<List<ChatMessage>> ContextAsync(ChannelId channel, string agentId, ChannelMessage post, CancellationToken cancellationToken)
    {
        var count = (int)Math.Min(Math.Min(options.ContextMessages, channels.Options.MaxReadLimit), post.Sequence - 1);
        if (count <= 0 || options.ContextTokens == 0)
        {
            return [];
        }

        var page = await channels.ReadAsync(channel, agentId, post.Sequence - 1 - count, count, cancellationToken);
        var kept = new List<ChatMessage>();
        var budget = options.ContextTokens;
        foreach (var message in page.Messages.Where(m => m.Kind == MessageKind.Post && m.Sequence < post.Sequence).Reverse())
        {
            var mine = message.SenderId == agentId;
            var text = mine ? message.Content : Line(message);
            budget -= tokens.Count(text);
            if (budget < 0)
            {
                break;
            }

            kept.Add(new ChatMessage(mine ? ChatRole.Assistant : ChatRole.User, text));
        }

        kept.Reverse();
        return kept;
    }

    private async Task ReplyAsync(string agentName, LlmAgentOptions agent, ChannelMessage message, CancellationToken cancellationToken)
    {
        if (AgentRequestContent.TryRead(message.Content) is not { } request)
        {
            return;
        }

        var agentId = LlmAgentCatalog.MemberIdOf(agentName);
        if (request.ExpiresAt <= time.GetUtcNow())
        {
            // The sender stopped waiting and a reply would be refused: a model call now would be paid for nothing.
            Log.ChannelRequestExpired(logger, agentId, request.RequestId, request.ExpiresAt);
            return;
        }

        // A request made for a workflow task is answered on that task's run, whose budget then covers the answer; the asking task
        // records what the answer spent with its own outcome.
        var account = $"request/{request.RequestId}";
        var (taskId, runId) = request.ForTask is { } forTask ? (forTask.TaskId, forTask.RunId) : (account, account);
        LlmTaskResult result;
        try
        {
            result = await executor.ConverseAsync(
                agentName, agent, taskId, runId, [new ChatMessage(ChatRole.User, $"{message.SenderId}: {request.Content}")], cancellationToken);
        }
        catch (LlmBudgetExceededException exceeded)
        {
            // The asker learns at once why there is no answer, instead of waiting out its timeout.
            await requests.ReplyAsync(agentId, request.RequestId, exceeded.Message, null, cancellationToken);
            return;
        }

        await requests.ReplyAsync(agentId, request.RequestId, TextOf(result.Output), LlmUsageMetadata.Of(result), cancellationToken);
        Log.ChannelRequestReplied(logger, agentId, request.RequestId, result.Usage.TotalTokens, result.ToolCalls.Count);
    }

    private static string Line(ChannelMessage message) =>
        message.Title is { Length: > 0 } title ? $"{message.SenderId}: {title}\n{message.Content}" : $"{message.SenderId}: {message.Content}";

    private static string TextOf(JsonElement output) => output.ValueKind == JsonValueKind.String ? output.GetString()! : output.GetRawText();
}
