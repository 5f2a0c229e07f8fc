using System.Globalization;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Llm.Agents;

namespace AgentPlatform.Llm.Channels;

/// <summary>Which channel posts an LLM agent answers, and how its answers are marked.</summary>
/// <remarks>A post is addressed to agent <c>llm/&lt;name&gt;</c> when its title or content mentions it as <c>@&lt;name&gt;</c>,
/// <c>@llm/&lt;name&gt;</c> or <c>@llm:&lt;name&gt;</c> standing as a word: neither preceded nor followed by a letter, digit, <c>-</c>, <c>_</c> or <c>/</c>
/// (so <c>@helper.</c> and <c>@helper,</c> count, <c>@helpers</c> and <c>x@helper</c> do not). An answer's title is
/// <c>re: #&lt;sequence&gt;</c>, and it is posted with the key <c>answer-&lt;sequence&gt;</c> (see <see cref="ChannelService.PostOnceAsync"/>),
/// which is how the agent recognises a post it already answered when the post comes again (after a restart between answering and
/// acknowledging) with one look-up, however long the channel's log has grown since.</remarks>
public static class LlmChannelAddressing
{
    /// <summary>True when <paramref name="message"/> is a channel post addressed to agent <paramref name="agentName"/>.</summary>
    public static bool IsAddressedTo(ChannelMessage message, string agentName)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message is { Kind: MessageKind.Post, ChannelId: not null }
            && message.SenderId != LlmAgentCatalog.MemberIdOf(agentName)
            && (Mentions(message.Content, agentName) || Mentions(message.Title, agentName));
    }

    /// <summary>The title of the answer to post <paramref name="sequence"/>.</summary>
    public static string AnswerTitle(long sequence) => string.Create(CultureInfo.InvariantCulture, $"re: #{sequence}");

    /// <summary>The post key of the answer to post <paramref name="sequence"/>: the channel appends one answer per key.</summary>
    public static string AnswerKey(long sequence) => string.Create(CultureInfo.InvariantCulture, $"answer-{sequence}");

    private static bool Mentions(string text, string agentName)
    {
        foreach (var mention in (string[])[$"@{LlmAgentCatalog.AgentIdOf(agentName)}", $"@{LlmAgentCatalog.MemberIdOf(agentName)}", $"@{agentName}"])
        {
            for (var at = text.IndexOf(mention, StringComparison.Ordinal); at >= 0; at = text.IndexOf(mention, at + 1, StringComparison.Ordinal))
            {
                var end = at + mention.Length;
                if ((at == 0 || !IsNameCharacter(text[at - 1])) && (end == text.Length || !IsNameCharacter(text[end])))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/';
}
