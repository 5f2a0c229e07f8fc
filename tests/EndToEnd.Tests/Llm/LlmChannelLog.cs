using System.Net;
using System.Text.Json.Nodes;
using AgentPlatform.EndToEnd.Tests.Channels;

namespace AgentPlatform.EndToEnd.Tests.Llm;

/// <summary>Waits on a channel an LLM member answers in: until the channel exists, and until the answer to a post is in its log.</summary>
internal static class LlmChannelLog
{
    public static async Task WaitForChannelAsync(ApiAgent agent, string channel, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await agent.SendAsync(HttpMethod.Get, $"channels/{channel}", null, cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>The answer to post <paramref name="sequence"/> (titled <c>re: #sequence</c>), once it is in the log.</summary>
    public static async Task<JsonNode> WaitForAnswerAsync(ApiAgent agent, string channel, long sequence, CancellationToken cancellationToken)
    {
        while (true)
        {
            var log = await agent.ReadWholeLogAsync(channel, cancellationToken);
            if (log.FirstOrDefault(m => m["title"]!.GetValue<string>() == $"re: #{sequence}") is { } answer)
            {
                return answer;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
