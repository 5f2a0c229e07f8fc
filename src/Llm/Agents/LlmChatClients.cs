using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using AgentPlatform.Llm.Http;
using Microsoft.Extensions.AI;
using OpenAI;

namespace AgentPlatform.Llm.Agents;

/// <summary>The <see cref="IChatClient"/> of each LLM agent: an OpenAI-compatible client over the pooled
/// <see cref="HttpClient"/> (see <see cref="LlmHttpClient"/>), with the client's own retries off so the governor alone decides.</summary>
public sealed class LlmChatClients(LlmHttpClient http, LlmHttpOptions httpOptions)
{
    private readonly ConcurrentDictionary<string, IChatClient> _clients = new(StringComparer.Ordinal);

    /// <summary>The client of agent <paramref name="agentName"/>, created on first use.</summary>
    public IChatClient For(string agentName, LlmAgentOptions agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return _clients.GetOrAdd(agentName, _ =>
        {
            var endpoint = new Uri(agent.Endpoint);
            return Create(endpoint, agent.Model, agent.ApiKey ?? "", http.Client, httpOptions.ReadTimeout);
        });
    }

    /// <summary>Creates an OpenAI-compatible chat client for <paramref name="model"/> at <paramref name="endpoint"/> over
    /// <paramref name="httpClient"/>, making exactly one HTTP request per call.</summary>
    public static IChatClient Create(Uri endpoint, string model, string apiKey, HttpClient httpClient, TimeSpan networkTimeout)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            Transport = new HttpClientPipelineTransport(httpClient),
            NetworkTimeout = networkTimeout,
        };
        return new OpenAIClient(new ApiKeyCredential(apiKey), options).GetChatClient(model).AsIChatClient();
    }
}
