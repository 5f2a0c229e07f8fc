using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AgentPlatform.Llm.Agents;

/// <summary>The running prompt-token count of one conversation: each round trip's prompt is the previous one plus the reply and tool
/// results, so only messages not counted before are turned into text and tokenized.</summary>
/// <remarks>A prompt that does not start with the messages counted so far (the same instances, in order) is counted from scratch, so
/// the count always equals a count of the whole prompt. Not thread-safe: a conversation's round trips come one after another.</remarks>
/// <param name="countMessage">The tokens of one message's text, framing included.</param>
internal sealed class LlmPromptTokens(Func<string, int> countMessage)
{
    private readonly List<ChatMessage> _counted = [];
    private int _tokens;

    /// <summary>The prompt tokens of <paramref name="prompt"/>, counting only its messages not counted before.</summary>
    public int Count(IReadOnlyList<ChatMessage> prompt)
    {
        var shared = 0;
        while (shared < _counted.Count && shared < prompt.Count && ReferenceEquals(_counted[shared], prompt[shared]))
        {
            shared++;
        }

        if (shared < _counted.Count)
        {
            _counted.Clear();
            _tokens = 0;
            shared = 0;
        }

        for (var i = shared; i < prompt.Count; i++)
        {
            _tokens += countMessage(TextOf(prompt[i]));
            _counted.Add(prompt[i]);
        }

        return _tokens;
    }

    /// <summary>What of a message counts as prompt: its text, and the arguments and results of tool calls as JSON.</summary>
    public static string TextOf(ChatMessage message) => string.Concat(message.Contents.Select(content => content switch
    {
        TextContent text => text.Text,
        FunctionCallContent call => call.Name + JsonSerializer.Serialize(call.Arguments),
        FunctionResultContent result => JsonSerializer.Serialize(result.Result),
        _ => "",
    }));
}
