using System.Text.Json;

namespace AgentPlatform.TestKit.Llm;

/// <summary>The test LLM server's deterministic replies and token counts, so a test can compute what it expects.</summary>
public static class TestLlmReplies
{
    /// <summary>The reply to a conversation whose last user message is <paramref name="lastUserMessage"/>.</summary>
    /// <param name="lastUserMessage">The text of the last user message.</param>
    /// <param name="json">True when structured output (a <c>response_format</c> of type <c>json_schema</c> or <c>json_object</c>) was
    /// asked for: the reply is then a JSON object <c>{"echo": message}</c>.</param>
    public static string For(string lastUserMessage, bool json = false) =>
        json ? JsonSerializer.Serialize(new Dictionary<string, string> { ["echo"] = lastUserMessage }) : $"echo: {lastUserMessage}";

    /// <summary>The token count the server reports for <paramref name="text"/>: one token per started four characters, at least one.</summary>
    public static int Tokens(string text) => Math.Max(1, (text.Length + 3) / 4);
}
