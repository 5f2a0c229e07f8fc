using System.ComponentModel;
using System.Globalization;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Core;
using AgentPlatform.Agents.Requests;
using AgentPlatform.Llm.Accounting;
using AgentPlatform.Llm.Agents;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Llm.Tools;

/// <summary>The platform functions an LLM agent may be given as tools, each limited to what the agent may do: posting to and reading
/// only the channels it is a member of, asking only other agents that exist.</summary>
/// <remarks>They call the services (not HTTP) as the agent itself, so the channel's own checks (membership, cooldown) apply as to any
/// agent. The channel and request services are resolved on first use, so agents without these tools run without them.</remarks>
public sealed class LlmPlatformFunctions(IServiceProvider services)
{
    /// <summary>The most messages <c>read_channel</c> returns.</summary>
    public const int MaxReadMessages = 50;

    /// <summary>The longest <c>ask_agent</c> waits for a reply.</summary>
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The functions named in <paramref name="agent"/>'s <see cref="LlmAgentOptions.Tools"/>, acting as agent
    /// <paramref name="agentName"/>.</summary>
    public IReadOnlyList<AIFunction> For(string agentName, LlmAgentOptions agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var agentId = LlmAgentCatalog.MemberIdOf(agentName);
        var channels = agent.Channels.ToHashSet(StringComparer.Ordinal);
        var functions = new List<AIFunction>();
        foreach (var tool in agent.Tools.Distinct(StringComparer.Ordinal))
        {
            functions.Add(tool switch
            {
                LlmPlatformTools.PostToChannel => AIFunctionFactory.Create(
                    ([Description("The channel id, one of yours.")] string channel, [Description("The message.")] string content,
                        [Description("An optional title.")] string? title = null, CancellationToken cancellationToken = default) =>
                        PostAsync(agentId, channels, channel, title, content, cancellationToken),
                    LlmPlatformTools.PostToChannel,
                    $"Posts a message to one of your channels ({string.Join(", ", agent.Channels)}); answers its sequence number."),
                LlmPlatformTools.ReadChannel => AIFunctionFactory.Create(
                    ([Description("The channel id, one of yours.")] string channel,
                        [Description("How many of the latest messages, 1-50 (default 20).")] int? limit = null, CancellationToken cancellationToken = default) =>
                        ReadAsync(agentId, channels, channel, limit ?? 20, cancellationToken),
                    LlmPlatformTools.ReadChannel,
                    $"Reads the latest messages of one of your channels ({string.Join(", ", agent.Channels)}), oldest first."),
                LlmPlatformTools.AskAgent => AIFunctionFactory.Create(
                    ([Description("The agent id to ask, such as llm/reviewer.")] string agent_id, [Description("The question.")] string content,
                        AIFunctionArguments arguments, CancellationToken cancellationToken) =>
                        AskAsync(agentId, agent_id, content, LlmToolCallRecorder.ForTaskOf(arguments), cancellationToken),
                    new AIFunctionFactoryOptions
                    {
                        Name = LlmPlatformTools.AskAgent,
                        Description = "Asks another agent and waits up to 20 seconds for its reply; answers the reply.",

                        // The answer stays an LlmDelegatedAnswer, so the task's tool recorder can count what the answering agent spent.
                        MarshalResult = static (result, _, _) => new ValueTask<object?>(result),
                    }),
                _ => throw new ArgumentException($"'{tool}' is not a platform function.", nameof(agent)),
            });
        }

        return functions;
    }

    private async Task<long> PostAsync(
        string agentId, HashSet<string> allowed, string channel, string? title, string content, CancellationToken cancellationToken)
    {
        var id = Allowed(allowed, channel);
        try
        {
            var message = await services.GetRequiredService<ChannelService>().PostAsync(id, agentId, title, content, MessagePriority.Normal, cancellationToken);
            return message.Sequence;
        }
        catch (PostCooldownException cooldown)
        {
            throw new LlmToolRefusedException(string.Create(CultureInfo.InvariantCulture,
                $"you posted to '{channel}' too recently; try again in {Math.Ceiling(cooldown.RetryAfter.TotalSeconds)} s."));
        }
    }

    private async Task<IReadOnlyList<ChannelLine>> ReadAsync(
        string agentId, HashSet<string> allowed, string channel, int limit, CancellationToken cancellationToken)
    {
        var id = Allowed(allowed, channel);
        var channels = services.GetRequiredService<ChannelService>();
        var count = Math.Clamp(limit, 1, Math.Min(MaxReadMessages, channels.Options.MaxReadLimit));
        var page = await channels.ReadLatestAsync(id, agentId, count, cancellationToken);
        return [.. page.Messages.Select(m => new ChannelLine(m.Sequence, m.SenderId, m.Title, m.Content))];
    }

    private async Task<LlmDelegatedAnswer> AskAsync(
        string agentId, string recipient, string content, RequestForTask? forTask, CancellationToken cancellationToken)
    {
        if (await RecipientAsync(recipient, cancellationToken) is not { } recipientId)
        {
            throw new LlmToolRefusedException($"there is no agent '{recipient}'.");
        }

        if (recipientId == agentId)
        {
            throw new LlmToolRefusedException("an agent cannot ask itself.");
        }

        var reply = await services.GetRequiredService<AgentRequestService>().SendAsync(
            agentId, recipientId, content, AskTimeout, MessagePriority.Normal, forTask, cancellationToken);
        return reply.Replied
            ? new LlmDelegatedAnswer(reply.Content!, LlmUsageMetadata.Read(reply.Metadata))
            : new LlmDelegatedAnswer($"no reply from {recipientId} within {AskTimeout.TotalSeconds} s", null);
    }

    /// <summary>The inbox owner of agent <paramref name="agentId"/> (an LLM agent's <c>llm/{name}</c> is its member id
    /// <c>llm:{name}</c>), or null when there is no such agent.</summary>
    private async Task<string?> RecipientAsync(string agentId, CancellationToken cancellationToken)
    {
        var recipient = AgentId.TryParse(agentId, out var id) && id.Type == LlmAgent.AgentType ? LlmAgentCatalog.MemberIdOf(id.Key) : agentId;
        return await services.GetRequiredService<RequestRecipients>().ExistsAsync(recipient, cancellationToken) ? recipient : null;
    }

    private static ChannelId Allowed(HashSet<string> allowed, string channel) =>
        allowed.Contains(channel) && ChannelId.TryParse(channel, out var id)
            ? id
            : throw new LlmToolRefusedException($"'{channel}' is not one of your channels ({string.Join(", ", allowed.Order(StringComparer.Ordinal))}).");

    /// <summary>One message as <c>read_channel</c> shows it.</summary>
    private sealed record ChannelLine(long Sequence, string Sender, string Title, string Content);
}
