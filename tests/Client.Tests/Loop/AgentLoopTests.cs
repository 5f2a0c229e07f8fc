using System.Threading.Channels;
using AgentPlatform.Client.Loop;
using AgentPlatform.Grpc.V1;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.Client.Tests.Loop;

/// <summary>The agent loop against the real host: resubscribing, redelivery of what it did not acknowledge, task failures, stopping.</summary>
public sealed class AgentLoopTests(PlatformHostFixture fixture, ITestOutputHelper output) : IClassFixture<PlatformHostFixture>
{
    private PlatformHost Host => fixture.Host;

    [Fact]
    public async Task The_loop_subscribes_again_after_the_host_restarts_and_keeps_receiving()
    {
        var timeout = TestTimeout.After(120);
        await using var host = await PlatformHost.StartAsync(output, timeout);
        var (sender, _) = await host.RegisterAsync("loop-sender", timeout);
        var (receiver, receiverId) = await host.RegisterAsync("loop-receiver", timeout);
        using var __ = sender;
        using var ___ = receiver;
        var received = Channel.CreateUnbounded<Delivery>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout);
        var loop = new AgentLoop(receiver, Options(received, failFirstAttempt: false)).RunAsync(stop.Token);

        await sender.SendDirectAsync(receiverId, "before the restart", cancellationToken: timeout);
        Assert.Equal("before the restart", (await NextDirectAsync(received, timeout)).Message.Content);

        await host.Process.KillAsync();
        await host.Process.StartAsync(timeout);
        await sender.SendDirectAsync(receiverId, "after the restart", cancellationToken: timeout);
        // At least once: the host may have died before the loop's acknowledgement of the first reached it, so it can come again.
        var next = await NextDirectAsync(received, timeout);
        while (next.Message.Content == "before the restart")
        {
            next = await NextDirectAsync(received, timeout);
        }

        Assert.Equal("after the restart", next.Message.Content);

        await stop.CancelAsync();
        await loop;
    }

    [Fact]
    public async Task A_message_whose_handler_throws_is_handed_back_and_comes_again_with_the_next_attempt()
    {
        var timeout = TestTimeout.After(90);
        var (sender, _) = await Host.RegisterAsync("again-sender", timeout);
        var (receiver, receiverId) = await Host.RegisterAsync("again-receiver", timeout);
        using var __ = sender;
        using var ___ = receiver;
        var received = Channel.CreateUnbounded<Delivery>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout);
        var loop = new AgentLoop(receiver, Options(received, failFirstAttempt: true)).RunAsync(stop.Token);

        var sent = await sender.SendDirectAsync(receiverId, "try twice", cancellationToken: timeout);
        var first = await NextDirectAsync(received, timeout);
        var second = await NextDirectAsync(received, timeout);
        Assert.Equal(sent.Id, first.Message.Id);
        Assert.Equal(first.DeliveryId, second.DeliveryId);
        Assert.Equal([1, 2], new[] { first.Attempt, second.Attempt });

        await stop.CancelAsync();
        await loop;
        Assert.Equal(0, await receiver.AckAsync([second.DeliveryId], timeout));
    }

    [Fact]
    public async Task Cancelling_the_loop_cancels_the_handler_returns_and_leaves_the_message_unacknowledged()
    {
        var timeout = TestTimeout.After(90);
        var (sender, _) = await Host.RegisterAsync("stop-sender", timeout);
        var (receiver, receiverId) = await Host.RegisterAsync("stop-receiver", timeout);
        using var __ = sender;
        using var ___ = receiver;
        var started = new TaskCompletionSource<Delivery>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sawCancellation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout);
        var loop = new AgentLoop(receiver, new AgentLoopOptions
        {
            HandleMessage = async (delivery, token) =>
            {
                if (delivery.Message.Kind != MessageKind.Direct)
                {
                    return;
                }

                started.TrySetResult(delivery);
                using var registration = token.Register(() => sawCancellation.TrySetResult());
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            },
        }).RunAsync(stop.Token);

        await sender.SendDirectAsync(receiverId, "never finished", cancellationToken: timeout);
        var handled = await started.Task.WaitAsync(timeout);
        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(10), timeout);
        Assert.True(sawCancellation.Task.IsCompleted);

        await foreach (var delivery in receiver.SubscribeAsync(timeout))
        {
            if (delivery.DeliveryId == handled.DeliveryId)
            {
                Assert.Equal(handled.Attempt + 1, delivery.Attempt);
                break;
            }
        }
    }

    [Fact]
    public async Task A_task_handler_exception_fails_the_step_with_its_message()
    {
        var timeout = TestTimeout.After(90);
        var (worker, workerId) = await Host.RegisterAsync("failing-worker", timeout);
        using var __ = worker;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout);
        var loop = new AgentLoop(worker, new AgentLoopOptions
        {
            HandleTask = (task, _) => throw new InvalidOperationException($"cannot do {task.Input?["text"]}"),
        }).RunAsync(stop.Token);

        var run = await Host.RunAgentTaskAsync("loop-fail", workerId, """{ "text": "this" }""", timeout);
        output.WriteLine(run.ToJsonString());
        Assert.Equal("failed", run["status"]!.GetValue<string>());
        Assert.Contains("cannot do this", run.ToJsonString(), StringComparison.Ordinal);

        await stop.CancelAsync();
        await loop;
    }

    private static AgentLoopOptions Options(Channel<Delivery> received, bool failFirstAttempt) => new()
    {
        ReconnectDelay = TimeSpan.FromMilliseconds(100),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(500),
        HandleMessage = async (delivery, token) =>
        {
            await received.Writer.WriteAsync(delivery, token);
            if (failFirstAttempt && delivery.Attempt == 1)
            {
                throw new InvalidOperationException("The first attempt fails on purpose.");
            }
        },
    };

    private static async Task<Delivery> NextDirectAsync(Channel<Delivery> received, CancellationToken timeout)
    {
        Delivery delivery;
        do
        {
            delivery = await received.Reader.ReadAsync(timeout);
        }
        while (delivery.Message.Kind != MessageKind.Direct);

        return delivery;
    }
}
