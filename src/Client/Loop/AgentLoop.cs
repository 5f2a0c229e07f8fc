using System.Collections.Concurrent;
using AgentPlatform.Client.Errors;
using AgentPlatform.Grpc.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentPlatform.Client.Loop;

/// <summary>Runs a registered agent: heartbeats on schedule, keeps an inbox stream open (subscribing again when the host ends it
/// or the connection drops) and hands deliveries to the <see cref="AgentLoopOptions"/> handlers, settling each.</summary>
/// <remarks>
/// Messages are acknowledged after their handler returns and handed back when it throws, so a crash or a stop mid-handling
/// leaves them to come again. Tasks are acknowledged when taken (their own lease, extended by task heartbeats, guards them
/// from then on); the handler's output is posted as the result, an exception fails the task, a <c>task_cancelled</c> notice
/// cancels the handler, and a stop rejects the task so it moves on at once. A task id already being handled is not run twice.
/// Authentication failures end <see cref="RunAsync"/> with <see cref="AgentPlatformUnauthenticatedException"/>; other failures
/// are logged and retried.
/// </remarks>
public sealed class AgentLoop
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly AgentPlatformClient _client;
    private readonly AgentLoopOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _runningTasks = new(StringComparer.Ordinal);

    /// <summary>Creates a loop for the agent <paramref name="client"/> acts as.</summary>
    public AgentLoop(AgentPlatformClient client, AgentLoopOptions options, ILogger<AgentLoop>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrentDeliveries, 1, nameof(options));
        _client = client;
        _options = options;
        _logger = logger ?? NullLogger<AgentLoop>.Instance;
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled, then waits for the handlers in flight and returns.</summary>
    /// <exception cref="AgentPlatformUnauthenticatedException">The key stopped working.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeats = HeartbeatAsync(stop.Token);
        var receiving = ReceiveAsync(stop.Token);
        var first = await Task.WhenAny(heartbeats, receiving);
        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(heartbeats, receiving);
        }
        catch (AgentPlatformException) when (first.IsFaulted)
        {
            // Reported below as the failure that stopped the loop.
        }

        await first;
    }

    private async Task HeartbeatAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var wait = _options.HeartbeatInterval ?? TimeSpan.FromSeconds(5);
            try
            {
                var beat = await _client.HeartbeatAsync(cancellationToken: stop);
                wait = _options.HeartbeatInterval ?? TimeSpan.FromSeconds(Math.Max(0.5, beat.IntervalSeconds / 2));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (AgentPlatformException failure) when (failure is not AgentPlatformUnauthenticatedException)
            {
                Log.HeartbeatFailed(_logger, failure.StatusCode, failure.Message);
            }

            if (!await DelayAsync(wait, stop))
            {
                return;
            }
        }
    }

    private async Task ReceiveAsync(CancellationToken stop)
    {
        using var slots = new SemaphoreSlim(_options.MaxConcurrentDeliveries);
        var inFlight = new ConcurrentDictionary<Task, bool>();
        var delay = _options.ReconnectDelay;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await foreach (var delivery in _client.SubscribeAsync(stop))
                    {
                        delay = _options.ReconnectDelay;
                        await slots.WaitAsync(stop);
                        var handling = HandleAsync(delivery, stop);
                        inFlight[handling] = true;
                        _ = handling.ContinueWith(
                            done =>
                            {
                                inFlight.TryRemove(done, out _);
                                slots.Release();
                            },
                            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    }

                    if (!stop.IsCancellationRequested)
                    {
                        Log.StreamEnded(_logger, delay);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (AgentPlatformException failure) when (failure is not (AgentPlatformUnauthenticatedException or AgentPlatformPermissionDeniedException))
                {
                    delay = failure is AgentPlatformRateLimitedException { RetryAfter: { } retryAfter } && retryAfter > delay ? retryAfter : delay;
                    Log.StreamFailed(_logger, failure.StatusCode, failure.Message, delay);
                }

                if (!await DelayAsync(delay, stop))
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
            }
        }
        finally
        {
            await Task.WhenAll(inFlight.Keys);
        }
    }

    private async Task HandleAsync(Delivery delivery, CancellationToken stop)
    {
        await Task.Yield();
        try
        {
            switch (delivery.Message.Kind)
            {
                case MessageKind.Task:
                    await HandleTaskMessageAsync(delivery, stop);
                    break;
                case MessageKind.Request when InboxContent.Request(delivery) is { } request:
                    await HandleRequestAsync(request, stop);
                    break;
                default:
                    await HandleMessageAsync(delivery, stop);
                    break;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping: what was not acknowledged comes again to the next subscriber.
        }
        catch (Exception failure) when (failure is not OperationCanceledException and not AgentPlatformUnauthenticatedException)
        {
            // One delivery the host would not settle, or whose content could not be read, must not stop the loop.
            Log.DeliveryFailed(_logger, delivery.DeliveryId, failure);
        }
    }

    private async Task HandleMessageAsync(Delivery delivery, CancellationToken stop)
    {
        if (_options.HandleMessage is { } handle)
        {
            try
            {
                await handle(delivery, stop);
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                Log.DeliveryFailed(_logger, delivery.DeliveryId, failure);
                await _client.NackAsync([delivery.DeliveryId], stop);
                return;
            }
        }

        // Handled: settle it even when the loop is stopping meanwhile, so the work done is not delivered again.
        using var grace = new CancellationTokenSource(StopGrace);
        await _client.AckAsync([delivery.DeliveryId], grace.Token);
    }

    private async Task HandleRequestAsync(AgentRequest request, CancellationToken stop)
    {
        if (_options.HandleRequest is { } handle)
        {
            string reply;
            try
            {
                reply = await handle(request, stop);
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                Log.DeliveryFailed(_logger, request.Delivery.DeliveryId, failure);
                await _client.NackAsync([request.Delivery.DeliveryId], stop);
                return;
            }

            await _client.ReplyAsync(request.RequestId, reply, stop);
        }

        await _client.AckAsync([request.Delivery.DeliveryId], stop);
    }

    private async Task HandleTaskMessageAsync(Delivery delivery, CancellationToken stop)
    {
        await _client.AckAsync([delivery.DeliveryId], stop);
        switch (InboxContent.TaskHeader(delivery))
        {
            case (InboxContent.TaskCancelledType, var taskId, _):
                if (_runningTasks.TryGetValue(taskId, out var running))
                {
                    Log.TaskTakenAway(_logger, taskId);
                    await running.CancelAsync();
                }

                break;
            case (InboxContent.TaskType, var taskId, var content):
                await RunTaskAsync(InboxContent.Task(taskId, content, delivery), stop);
                break;
        }
    }

    private async Task RunTaskAsync(AgentTask task, CancellationToken stop)
    {
        if (_options.HandleTask is not { } handle)
        {
            await SettleAsync(task.TaskId, () => _client.RejectTaskAsync(task.TaskId, "This agent takes no tasks.", stop));
            return;
        }

        using var work = CancellationTokenSource.CreateLinkedTokenSource(stop);
        if (!_runningTasks.TryAdd(task.TaskId, work))
        {
            return;
        }

        var leases = ExtendLeaseAsync(task.TaskId, work);
        try
        {
            var output = await handle(task, work.Token);
            using var grace = new CancellationTokenSource(StopGrace);
            await SettleAsync(task.TaskId, () => _client.PostResultAsync(task.TaskId, output, grace.Token));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            using var grace = new CancellationTokenSource(StopGrace);
            await SettleAsync(task.TaskId, () => _client.RejectTaskAsync(task.TaskId, "The agent is stopping.", grace.Token));
        }
        catch (OperationCanceledException) when (work.IsCancellationRequested)
        {
            // The host took the task away (task_cancelled) or it ended: there is nothing to post.
        }
        catch (Exception failure)
        {
            Log.TaskFailed(_logger, task.TaskId, failure.Message);
            await SettleAsync(task.TaskId, () => _client.FailTaskAsync(task.TaskId, FailureText(failure), stop));
        }
        finally
        {
            _runningTasks.TryRemove(task.TaskId, out _);
            await work.CancelAsync();
            await leases;
        }
    }

    private async Task ExtendLeaseAsync(string taskId, CancellationTokenSource work)
    {
        while (await DelayAsync(_options.TaskHeartbeatInterval, work.Token))
        {
            try
            {
                await _client.HeartbeatTaskAsync(taskId, work.Token);
            }
            catch (OperationCanceledException) when (work.IsCancellationRequested)
            {
                return;
            }
            catch (AgentPlatformConflictException)
            {
                // The task ended without this agent (timed out, moved): its work is wasted from here on.
                await work.CancelAsync();
                return;
            }
            catch (AgentPlatformException failure)
            {
                Log.TaskSettleFailed(_logger, taskId, failure.StatusCode, failure.Message);
            }
        }
    }

    private async Task SettleAsync(string taskId, Func<Task<TaskActResponse>> act)
    {
        try
        {
            await act();
        }
        catch (AgentPlatformException failure) when (failure is not AgentPlatformUnauthenticatedException)
        {
            // The task's own lease covers a result that never arrives: it fails its attempt and moves on.
            Log.TaskSettleFailed(_logger, taskId, failure.StatusCode, failure.Message);
        }
    }

    private static string FailureText(Exception failure) =>
        string.IsNullOrWhiteSpace(failure.Message) ? failure.GetType().Name : failure.Message;

    private static async Task<bool> DelayAsync(TimeSpan wait, CancellationToken stop)
    {
        try
        {
            await Task.Delay(wait, stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
