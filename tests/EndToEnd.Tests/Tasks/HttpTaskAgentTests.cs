using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using AgentPlatform.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.EndToEnd.Tests.Tasks;

/// <summary>The test kit's <see cref="HttpTaskAgent"/> against a scripted agent API on 127.0.0.1 that plays a host handing a held task
/// over again, as a restarted host does: the agent answers each task once, with the answer's output.</summary>
public sealed class HttpTaskAgentTests
{
    [Fact]
    public async Task A_task_handed_over_again_while_it_is_answered_gets_one_answer_and_a_shared_output_node_completes_every_task()
    {
        var timeout = TestTimeout.After(30);
        await using var api = await ScriptedAgentApi.StartAsync();
        var answers = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // One node for every task, as a test that completes its tasks with one release does.
        var shared = new JsonObject { ["kept"] = true };
        await using var agent = await HttpTaskAgent.StartAsync(
            api.BaseAddress, "scripted", null, new Dictionary<string, double> { ["work"] = 1 },
            async (input, cancellationToken) =>
            {
                answers.AddOrUpdate(input!["task"]!.GetValue<string>(), 1, (_, count) => count + 1);
                await release.Task.WaitAsync(cancellationToken);
                return shared;
            },
            timeout);

        api.Deliver("t-1");
        api.Deliver("t-1");
        api.Deliver("t-2");

        // The inbox is read in order, so once t-2 arrived the agent has handled the second delivery of t-1 too.
        await agent.WaitForReceivedAsync(3, timeout);
        release.SetResult();
        var results = await api.WaitForResultsAsync(2, timeout);

        Assert.Equal(["t-1", "t-1", "t-2"], agent.Received);
        Assert.Equal(1, answers["t-1"]);
        Assert.Equal(["t-1", "t-2"], results.Select(r => r.TaskId).Order(StringComparer.Ordinal));
        Assert.All(results, r => Assert.Equal("""{"output":{"kept":true}}""", r.Body.ToJsonString()));
    }

    /// <summary>The agent API an <see cref="HttpTaskAgent"/> calls: registration and heartbeats are accepted, the inbox hands out
    /// what <see cref="Deliver"/> queued, one delivery per read, and every posted result is kept.</summary>
    private sealed class ScriptedAgentApi : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly Channel<JsonObject> _deliveries = Channel.CreateUnbounded<JsonObject>();
        private readonly List<(string TaskId, JsonNode Body)> _results = [];
        private readonly SemaphoreSlim _posted = new(0);
        private int _sequence;

        private ScriptedAgentApi(WebApplication app)
        {
            _app = app;
            app.MapPost("/api/v1/agents", () => TypedResults.Json(
                new JsonObject { ["agent"] = new JsonObject { ["id"] = "agt_scripted" }, ["api_key"] = "scripted-key" }, statusCode: StatusCodes.Status201Created));
            app.MapPost("/api/v1/agents/me/heartbeat", () => TypedResults.Json(new JsonObject()));
            app.MapPost("/api/v1/agents/me/inbox/ack", () => TypedResults.Json(new JsonObject()));
            app.MapPost("/api/v1/tasks/{id}/heartbeat", (string id) => TypedResults.Json(new JsonObject()));
            app.MapGet("/api/v1/agents/me/inbox", ReadInboxAsync);
            app.MapPost("/api/v1/tasks/{id}/result", PostResultAsync);
        }

        public Uri BaseAddress { get; private set; } = null!;

        public static async Task<ScriptedAgentApi> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            var api = new ScriptedAgentApi(builder.Build());
            await api._app.StartAsync();
            api.BaseAddress = new Uri(api._app.Urls.First().TrimEnd('/') + "/");
            return api;
        }

        /// <summary>Queues one delivery of task <paramref name="taskId"/>, whose input names it.</summary>
        public void Deliver(string taskId)
        {
            var task = new JsonObject { ["type"] = "task", ["task_id"] = taskId, ["input"] = new JsonObject { ["task"] = taskId } };
            var message = new JsonObject { ["kind"] = "task", ["title"] = "task", ["content"] = task.ToJsonString() };
            _deliveries.Writer.TryWrite(new JsonObject { ["delivery_id"] = $"d-{Interlocked.Increment(ref _sequence)}", ["message"] = message });
        }

        /// <summary>Waits until <paramref name="count"/> results were posted and returns them in order of arrival.</summary>
        public async Task<IReadOnlyList<(string TaskId, JsonNode Body)>> WaitForResultsAsync(int count, CancellationToken cancellationToken)
        {
            for (var i = 0; i < count; i++)
            {
                await _posted.WaitAsync(cancellationToken);
            }

            lock (_results)
            {
                return [.. _results];
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _posted.Dispose();
        }

        private async Task<IResult> ReadInboxAsync(CancellationToken requestAborted)
        {
            // A long-poll as the host's, shorter: at most one delivery per read, so deliveries arrive in separate reads.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
            wait.CancelAfter(TimeSpan.FromMilliseconds(500));
            var deliveries = new JsonArray();
            try
            {
                if (await _deliveries.Reader.WaitToReadAsync(wait.Token) && _deliveries.Reader.TryRead(out var delivery))
                {
                    deliveries.Add(delivery);
                }
            }
            catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
            {
                // Nothing arrived within the wait: an empty answer, as the host gives.
            }

            return TypedResults.Json(new JsonObject { ["deliveries"] = deliveries });
        }

        private async Task<IResult> PostResultAsync(string id, HttpContext context)
        {
            var body = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!;
            lock (_results)
            {
                _results.Add((id, body));
            }

            _posted.Release();
            return TypedResults.Json(new JsonObject { ["status"] = "accepted" });
        }
    }
}
