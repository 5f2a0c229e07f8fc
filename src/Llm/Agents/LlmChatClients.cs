using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using AgentPlatform.Llm.Http;
using Microsoft.Extensions.AI;
using OpenAI;

namespace AgentPlatform.Llm.Agents;

/// <summary>The <see cref="IChatClient"/> of each LLM agent: an OpenAI-compatible client over the pooled
/// <see cref="HttpClient"/> (see <see cref="LlmHttpClient"/>), with the client's own retries off so the governor alone decides.</summary>
public sealed class LlmChatClients(LlmHttpClient http, LlmHttpOptions httpOptions)
{
    // Keyed by the options object: a re-registered agent gets new options, and so a new client, while the old one is collected.
    private readonly ConditionalWeakTable<LlmAgentOptions, IChatClient> _clients = [];

    /// <summary>The client of the agent with options <paramref name="agent"/>, created on first use.</summary>
    public IChatClient For(LlmAgentOptions agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return _clients.GetValue(agent, a => Create(new Uri(a.Endpoint), a.Model, a.ApiKey ?? "", http.Client, httpOptions.ReadTimeout));
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
