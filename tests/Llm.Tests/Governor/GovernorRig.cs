using AgentPlatform.Llm.Agents;
using AgentPlatform.Llm.Governor;
using AgentPlatform.TestKit.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentPlatform.Llm.Tests.Governor;

/// <summary>A governor and a real OpenAI-compatible chat client calling the test LLM server.</summary>
internal sealed class GovernorRig(TestLlmServer server, LlmGovernor governor, IChatClient client) : IDisposable
{
    private static readonly HttpClient Http = new();

    public TestLlmServer Server { get; } = server;

    public LlmGovernor Governor { get; } = governor;

    public EndpointGovernor Endpoint => Governor.For(Server.BaseUrl);

    public static GovernorRig Create(TestLlmServer server, LlmGovernorOptions options, TimeProvider time) =>
        new(server, new LlmGovernor(options, time, NullLogger.Instance),
            LlmChatClients.Create(server.BaseUrl, "test-model", "test-key", Http, TimeSpan.FromSeconds(30)));

    public Task<ChatResponse> AskAsync(string prompt, CancellationToken cancellationToken) =>
        Governor.ExecuteAsync(Server.BaseUrl, ct => client.GetResponseAsync(prompt, cancellationToken: ct), cancellationToken: cancellationToken);

    public void Dispose() => client.Dispose();

    /// <summary>Waits (bounded, by spinning) until <paramref name="condition"/> holds.</summary>
    public static void Until(Func<bool> condition, string what) =>
        Assert.True(SpinWait.SpinUntil(condition, TimeSpan.FromSeconds(20)), $"Timed out waiting until {what}.");
}
