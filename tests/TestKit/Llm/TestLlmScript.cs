namespace AgentPlatform.TestKit.Llm;

/// <summary>How the test LLM server behaves; a test may change it while the server runs (every request reads it anew).</summary>
public sealed class TestLlmScript
{
    private readonly Lock _gate = new();
    private readonly Queue<TestLlmFault> _faults = new();
    private readonly List<TestLlmToolCall> _toolCalls = [];
    private readonly HashSet<string> _failingKeys = new(StringComparer.Ordinal);

    /// <summary>The least time a request takes before its answer starts.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>When longer than <see cref="Latency"/>, each request waits a random time between the two.</summary>
    public TimeSpan MaxLatency { get; set; }

    /// <summary>Requests per second the token bucket refills with; 0 means no limit.</summary>
    public double RequestsPerSecond { get; set; }

    /// <summary>How many requests the bucket holds when full; 0 means one second's worth (at least 1).</summary>
    public int Burst { get; set; }

    /// <summary>True to give every API key (the bearer token) its own bucket instead of one shared by all callers.</summary>
    public bool PerKeyLimit { get; set; }

    /// <summary>The wait a <see cref="TestLlmFault.RateLimited"/> fault announces.</summary>
    public TimeSpan FaultRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>False to announce the wait of a 429 only in whole seconds (<c>Retry-After</c>), without <c>retry-after-ms</c>.</summary>
    public bool SendRetryAfterMilliseconds { get; set; } = true;

    /// <summary>True to leave the <c>usage</c> fields out of replies, as some providers do.</summary>
    public bool OmitUsage { get; set; }

    /// <summary>How many requests <see cref="TestLlmServer.Requests"/> keeps, the newest; 0 keeps none. The server's counts
    /// (<see cref="TestLlmServer.RequestCount"/>, <see cref="TestLlmServer.RateLimitedCount"/>) cover every request regardless.</summary>
    public int MaxRecordedRequests { get; set; } = 100_000;

    /// <summary>True to keep each recorded request's messages and offered tools (<see cref="TestLlmRequest.Messages"/>,
    /// <see cref="TestLlmRequest.Tools"/>); off unless a test reads them, since rendering them costs time on every request.</summary>
    public bool RecordMessages { get; set; }

    /// <summary>The model whose requests <see cref="TestLlmPlanner"/> answers with a plan instead of an echo; null for none.</summary>
    public string? PlannerModel { get; set; }

    /// <summary>Makes every request with API key <paramref name="apiKey"/> fail with HTTP 500 (until <see cref="Heal"/>).</summary>
    public void FailKey(string apiKey)
    {
        lock (_gate)
        {
            _failingKeys.Add(apiKey);
        }
    }

    /// <summary>Ends <see cref="FailKey"/> for <paramref name="apiKey"/>.</summary>
    public void Heal(string apiKey)
    {
        lock (_gate)
        {
            _failingKeys.Remove(apiKey);
        }
    }

    /// <summary>Makes the next requests fail, one fault each, in order.</summary>
    public void EnqueueFaults(params TestLlmFault[] faults)
    {
        lock (_gate)
        {
            foreach (var fault in faults)
            {
                _faults.Enqueue(fault);
            }
        }
    }

    /// <summary>Scripts a tool call: a request that offers tool <paramref name="tool"/> and whose last user message contains
    /// <paramref name="trigger"/> is answered with a call of that tool with <paramref name="arguments"/> (a JSON object), in the OpenAI
    /// <c>tool_calls</c> format. The request that brings the tool's result back is answered <c>tool results: &lt;results&gt;</c>
    /// (the contents of the trailing tool messages joined by "; "), or, with <paramref name="repeat"/>, with the same call again.</summary>
    public void AddToolCall(string trigger, string tool, string arguments, bool repeat = false)
    {
        lock (_gate)
        {
            _toolCalls.Add(new TestLlmToolCall(trigger, tool, arguments, repeat));
        }
    }

    internal TestLlmToolCall? ToolCallFor(string lastUserMessage)
    {
        lock (_gate)
        {
            return _toolCalls.FirstOrDefault(c => lastUserMessage.Contains(c.Trigger, StringComparison.Ordinal));
        }
    }

    internal TestLlmFault? NextFault(string? apiKey)
    {
        lock (_gate)
        {
            if (apiKey is not null && _failingKeys.Contains(apiKey))
            {
                return TestLlmFault.ServerError;
            }

            return _faults.TryDequeue(out var fault) ? fault : null;
        }
    }

    internal TimeSpan NextLatency()
    {
        if (MaxLatency <= Latency)
        {
            return Latency;
        }

        return Latency + ((MaxLatency - Latency) * Random.Shared.NextDouble());
    }
}
