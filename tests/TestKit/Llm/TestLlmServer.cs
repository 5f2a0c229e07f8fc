using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.TestKit.Llm;

/// <summary>An OpenAI-compatible chat completions server on 127.0.0.1 (<c>POST /v1/chat/completions</c>, plain or streamed as
/// server-sent events, with usage), whose latency, rate limit and faults a test scripts through <see cref="Script"/>.</summary>
/// <remarks>Replies are deterministic (see <see cref="TestLlmReplies"/>). A request over the rate limit is answered 429 with
/// <c>Retry-After</c> (whole seconds, rounded up) and <c>retry-after-ms</c>, and is not counted as work done.</remarks>
public sealed class TestLlmServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Lock _recording = new();
    private readonly Queue<TestLlmRequest> _requests = new();
    private int _requestCount;
    private int _rateLimitedCount;
    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    private int _inFlight;
    private int _maxInFlight;

    private TestLlmServer(WebApplication app, TestLlmScript script, TimeProvider time)
    {
        _app = app;
        Script = script;
        _time = time;
    }

    /// <summary>What the server does; change it at any time.</summary>
    public TestLlmScript Script { get; }

    /// <summary>The base URL of the OpenAI-compatible API, ending in <c>/v1</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The requests received so far, in arrival order: every one, or the newest <see cref="TestLlmScript.MaxRecordedRequests"/>.</summary>
    public IReadOnlyList<TestLlmRequest> Requests
    {
        get
        {
            lock (_recording)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>How many requests were received, recorded or not.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>How many of them were answered 429 (over the rate limit or by a scripted fault).</summary>
    public int RateLimitedCount => Volatile.Read(ref _rateLimitedCount);

    /// <summary>The most requests that were being answered at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>The requests being answered now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Starts a server on 127.0.0.1 and <paramref name="port"/> (0 for a free one).</summary>
    public static async Task<TestLlmServer> StartAsync(TestLlmScript? script = null, int port = 0, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
        var app = builder.Build();
        var server = new TestLlmServer(app, script ?? new TestLlmScript(), time ?? TimeProvider.System);
        app.MapPost("/v1/chat/completions", server.CompleteAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task CompleteAsync(HttpContext context)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, inFlight);
        try
        {
            await AnswerAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var arrived = _time.GetUtcNow();
        var apiKey = context.Request.Headers.Authorization.ToString() is { Length: > 7 } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal)
            ? auth[7..]
            : null;
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            body = null;
        }

        var model = body?["model"]?.GetValue<string>() ?? "";
        var stream = body?["stream"]?.GetValue<bool>() ?? false;
        var wait = TakeToken(apiKey);
        if (wait > TimeSpan.Zero)
        {
            Record(arrived, apiKey, model, stream, 429, null);
            await RateLimitedAsync(context, wait);
            return;
        }

        await Task.Delay(Script.NextLatency(), _time, context.RequestAborted);
        if (body?["messages"] is not JsonArray messages)
        {
            Record(arrived, apiKey, model, stream, 400, null);
            await ErrorAsync(context, 400, "invalid_request_error", "The request needs a 'messages' array.");
            return;
        }

        var fault = Script.NextFault(apiKey);
        var number = Record(arrived, apiKey, model, stream, fault switch
        {
            TestLlmFault.ServerError => 500,
            TestLlmFault.RateLimited => 429,
            _ => 200,
        }, fault, body);
        switch (fault)
        {
            case TestLlmFault.ServerError:
                await ErrorAsync(context, 500, "server_error", "The test server was told to fail.");
                return;
            case TestLlmFault.RateLimited:
                await RateLimitedAsync(context, Script.FaultRetryAfter);
                return;
            case TestLlmFault.MalformedJson:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"id\": \"chatcmpl-broken\", \"choices\": [", context.RequestAborted);
                return;
        }

        var json = body["response_format"]?["type"]?.GetValue<string>() is "json_schema" or "json_object";
        var toolCall = ToolCallFor(messages, body["tools"] as JsonArray);
        var reply = toolCall is not null
            ? ""
            : ToolResults(messages) ?? (model == Script.PlannerModel ? TestLlmPlanner.PlanFor(LastUserMessage(messages)) : TestLlmReplies.For(LastUserMessage(messages), json));
        var promptTokens = messages.Sum(m => TestLlmReplies.Tokens(Text(m?["content"])));
        var usage = Script.OmitUsage ? null : Usage(promptTokens, TestLlmReplies.Tokens(reply));
        var created = arrived.ToUnixTimeSeconds();
        var id = $"chatcmpl-{number}";
        if (stream)
        {
            var includeUsage = body["stream_options"]?["include_usage"]?.GetValue<bool>() ?? false;
            if (toolCall is not null)
            {
                await StreamToolCallAsync(context, id, created, model, toolCall, includeUsage ? usage : null);
                return;
            }

            await StreamAsync(context, id, created, model, reply, includeUsage ? usage : null, fault == TestLlmFault.TruncatedStream);
            return;
        }

        var completion = new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = created,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = toolCall is null
                    ? new JsonObject { ["role"] = "assistant", ["content"] = reply }
                    : new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = new JsonArray(ToolCallJson(toolCall, id)) },
                ["finish_reason"] = toolCall is null ? "stop" : "tool_calls",
            }),
        };
        if (usage is not null)
        {
            completion["usage"] = usage;
        }

        context.Response.ContentType = "application/json";
        var text = completion.ToJsonString();
        if (fault == TestLlmFault.TruncatedStream)
        {
            context.Response.ContentLength = text.Length;
            await context.Response.WriteAsync(text[..(text.Length / 2)], context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
            return;
        }

        await context.Response.WriteAsync(text, context.RequestAborted);
    }

    private static async Task StreamAsync(HttpContext context, string id, long created, string model, string reply, JsonObject? usage, bool truncate)
    {
        context.Response.ContentType = "text/event-stream";
        var half = reply.Length / 2;
        string[] parts = [reply[..half], reply[half..]];
        for (var i = 0; i < parts.Length; i++)
        {
            var delta = new JsonObject { ["content"] = parts[i] };
            if (i == 0)
            {
                delta["role"] = "assistant";
            }

            await SendEventAsync(context, Chunk(id, created, model, new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = null })));
            if (truncate)
            {
                context.Abort();
                return;
            }
        }

        await SendEventAsync(context, Chunk(id, created, model, new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = new JsonObject(),
            ["finish_reason"] = "stop",
        })));
        if (usage is not null)
        {
            var last = Chunk(id, created, model, []);
            last["usage"] = usage;
            await SendEventAsync(context, last);
        }

        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
    }

    private static async Task StreamToolCallAsync(HttpContext context, string id, long created, string model, TestLlmToolCall call, JsonObject? usage)
    {
        context.Response.ContentType = "text/event-stream";
        var toolCall = ToolCallJson(call, id);
        toolCall["index"] = 0;
        await SendEventAsync(context, Chunk(id, created, model, new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = new JsonObject { ["role"] = "assistant", ["tool_calls"] = new JsonArray(toolCall) },
            ["finish_reason"] = null,
        })));
        await SendEventAsync(context, Chunk(id, created, model, new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = new JsonObject(),
            ["finish_reason"] = "tool_calls",
        })));
        if (usage is not null)
        {
            var last = Chunk(id, created, model, []);
            last["usage"] = usage;
            await SendEventAsync(context, last);
        }

        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
    }

    private static JsonObject ToolCallJson(TestLlmToolCall call, string id) => new()
    {
        ["id"] = $"call_{id}",
        ["type"] = "function",
        ["function"] = new JsonObject { ["name"] = call.Tool, ["arguments"] = call.Arguments },
    };

    /// <summary>The scripted call that answers this request: its trigger is in the last user message, the request offers its tool, and
    /// the conversation has not brought a tool result back since (unless the call repeats).</summary>
    private TestLlmToolCall? ToolCallFor(JsonArray messages, JsonArray? tools)
    {
        if (Script.ToolCallFor(LastUserMessage(messages)) is not { } call
            || tools?.Any(t => t?["function"]?["name"]?.GetValue<string>() == call.Tool) != true)
        {
            return null;
        }

        var lastRole = messages.LastOrDefault()?["role"]?.GetValue<string>();
        return lastRole == "user" || (lastRole == "tool" && call.Repeat) ? call : null;
    }

    /// <summary>"tool results: ..." when the conversation ends with tool results; null otherwise.</summary>
    private static string? ToolResults(JsonArray messages)
    {
        var results = messages.Reverse().TakeWhile(m => m?["role"]?.GetValue<string>() == "tool").Reverse().Select(m => Text(m?["content"])).ToList();
        return results.Count == 0 ? null : $"tool results: {string.Join("; ", results)}";
    }

    private static JsonObject Chunk(string id, long created, string model, JsonArray choices) => new()
    {
        ["id"] = id,
        ["object"] = "chat.completion.chunk",
        ["created"] = created,
        ["model"] = model,
        ["choices"] = choices,
    };

    private static async Task SendEventAsync(HttpContext context, JsonObject data)
    {
        await context.Response.WriteAsync($"data: {data.ToJsonString()}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static JsonObject Usage(int prompt, int completion) => new()
    {
        ["prompt_tokens"] = prompt,
        ["completion_tokens"] = completion,
        ["total_tokens"] = prompt + completion,
    };

    private TimeSpan TakeToken(string? apiKey)
    {
        if (Script.RequestsPerSecond <= 0)
        {
            return TimeSpan.Zero;
        }

        var key = Script.PerKeyLimit ? apiKey ?? "" : "";
        var capacity = Script.Burst > 0 ? Script.Burst : Math.Max(1, (int)Script.RequestsPerSecond);
        var bucket = _buckets.AddOrUpdate(
            key,
            _ => new TokenBucket(Script.RequestsPerSecond, capacity, _time),
            (_, existing) => existing.Rate == Script.RequestsPerSecond && existing.Capacity == capacity
                ? existing
                : new TokenBucket(Script.RequestsPerSecond, capacity, _time));
        return bucket.TryTake();
    }

    private async Task RateLimitedAsync(HttpContext context, TimeSpan wait)
    {
        context.Response.Headers["Retry-After"] = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        if (Script.SendRetryAfterMilliseconds)
        {
            context.Response.Headers["retry-after-ms"] = Math.Ceiling(wait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        }

        await ErrorAsync(context, 429, "rate_limit_exceeded", "Rate limit reached for requests.");
    }

    private static Task ErrorAsync(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var error = new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = type } };
        return context.Response.WriteAsync(error.ToJsonString(), context.RequestAborted);
    }

    /// <summary>Counts the request and records it as <see cref="TestLlmScript.MaxRecordedRequests"/> and
    /// <see cref="TestLlmScript.RecordMessages"/> say; answers its number, from 1.</summary>
    private int Record(DateTimeOffset at, string? apiKey, string model, bool stream, int status, TestLlmFault? fault, JsonNode? body = null)
    {
        var number = Interlocked.Increment(ref _requestCount);
        if (status == 429)
        {
            Interlocked.Increment(ref _rateLimitedCount);
        }

        var limit = Script.MaxRecordedRequests;
        if (limit <= 0)
        {
            return number;
        }

        var request = new TestLlmRequest(at, apiKey, model, stream, status, fault);
        if (Script.RecordMessages)
        {
            request = request with
            {
                Messages = body?["messages"] is JsonArray messages ? [.. messages.Select(MessageLine)] : [],
                Tools = body?["tools"] is JsonArray tools ? [.. tools.Select(t => t?["function"]?["name"]?.GetValue<string>() ?? "")] : [],
            };
        }

        lock (_recording)
        {
            _requests.Enqueue(request);
            while (_requests.Count > limit)
            {
                _requests.Dequeue();
            }
        }

        return number;
    }

    private static string MessageLine(JsonNode? message)
    {
        var role = message?["role"]?.GetValue<string>() ?? "";
        return message?["tool_calls"] is JsonArray calls && calls.Count > 0
            ? $"{role}: {string.Join("; ", calls.Select(c => $"call {c?["function"]?["name"]}({c?["function"]?["arguments"]})"))}"
            : $"{role}: {Text(message?["content"])}";
    }

    private static string LastUserMessage(JsonArray messages) =>
        messages.LastOrDefault(m => m?["role"]?.GetValue<string>() == "user") is { } user ? Text(user["content"]) : "";

    private static string Text(JsonNode? content) => content switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
        _ => "",
    };

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
