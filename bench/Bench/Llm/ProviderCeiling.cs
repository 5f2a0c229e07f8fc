using System.Diagnostics;
using AgentPlatform.Llm.Agents;
using AgentPlatform.Llm.Http;
using Microsoft.Extensions.AI;

namespace AgentPlatform.Bench.Llm;

/// <summary>What the provider path alone delivers on this machine: a fixed number of callers, each calling the test server straight
/// through the same <see cref="IChatClient"/> stack the LLM agents use (<see cref="LlmChatClients.Create"/> over an
/// <see cref="LlmHttpClient"/>), one call after another, with no platform in between. A swarm's rate over this rate is the share
/// the platform keeps; this rate over the ideal is what the HTTP round trip and the test server cost.</summary>
internal static class ProviderCeiling
{
    /// <summary>Sends <paramref name="requests"/> chat calls to <paramref name="baseUrl"/> from <paramref name="callers"/> callers and
    /// answers calls per second, from the first call sent to the last answered. As many calls go first unmeasured, so that this
    /// process's client code runs warm, as the host's does after its warm-up swarm.</summary>
    public static async Task<double> MeasureAsync(Uri baseUrl, int callers, int requests, CancellationToken cancellationToken)
    {
        using var http = new LlmHttpClient(new LlmHttpOptions());
        var client = LlmChatClients.Create(baseUrl, "test-model", "sk-bench-ceiling", http.Client, TimeSpan.FromSeconds(30));
        await CallsAsync(client, callers, requests, cancellationToken);
        var watch = Stopwatch.StartNew();
        await CallsAsync(client, callers, requests, cancellationToken);
        return requests / watch.Elapsed.TotalSeconds;
    }

    private static async Task CallsAsync(IChatClient client, int callers, int requests, CancellationToken cancellationToken)
    {
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(CallAsync, cancellationToken)));

        async Task CallAsync()
        {
            for (var call = Interlocked.Increment(ref next); call <= requests; call = Interlocked.Increment(ref next))
            {
                var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, $"document {call}")], cancellationToken: cancellationToken);
                if (string.IsNullOrEmpty(response.Text))
                {
                    throw new InvalidOperationException("The test LLM server answered an empty reply.");
                }
            }
        }
    }
}
