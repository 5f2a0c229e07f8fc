using System.Diagnostics;
using System.Globalization;
using AgentPlatform.Grpc.V1;

namespace AgentPlatform.Bench.Grpc;

/// <summary>Inbox delivery to one agent over its gRPC stream: direct messages sent over gRPC by concurrent senders, received and
/// acknowledged in batches; messages per second and p99 from send to receipt.</summary>
public sealed class GrpcInboxStreamSuite : BenchSuite
{
    private const int Senders = 16;
    private const int AckBatch = 64;

    public override string Name => "grpc-inbox-stream";

    public override string Description => $"InboxService.Subscribe to one agent: {Senders} senders of SendDirect; msgs/s and p99 send-to-receipt";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var messages = int.Parse(Environment.GetEnvironmentVariable("BENCH_INBOX_MESSAGES") ?? (report.Quick ? "400" : "4000"), CultureInfo.InvariantCulture);
        await using var host = await GrpcBenchHost.StartAsync(cancellationToken);
        var (receiver, receiverId) = await host.RegisterAsync("bench-inbox-receiver", cancellationToken);
        var (sender, _) = await host.RegisterAsync("bench-inbox-sender", cancellationToken);
        using (receiver)
        using (sender)
        {
            var rates = new List<double>();
            var p99s = new List<double>();
            for (var run = 0; run < report.Runs; run++)
            {
                var (rate, p99) = await RunOnceAsync(receiver, sender, receiverId, messages, cancellationToken);
                rates.Add(rate);
                p99s.Add(p99);
            }

            report.Row($"gRPC inbox stream, {messages} direct messages", "msgs/s", rates);
            report.Row("gRPC inbox stream send-to-receipt p99", "ms", p99s);
        }

        report.Note($"Load average during the run: {File.ReadAllText("/proc/loadavg").Trim()} (2 cores, shared).");
    }

    private static async Task<(double Rate, double P99Millis)> RunOnceAsync(
        Client.AgentPlatformClient receiver, Client.AgentPlatformClient sender, string receiverId, int messages, CancellationToken cancellationToken)
    {
        var run = Guid.NewGuid().ToString("N");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var receiving = ReceiveAsync(receiver, run, messages, ready, stop.Token);

        // The first message opens the measurement only once the stream is seen to deliver.
        await sender.SendDirectAsync(receiverId, $"{run} warm-up", cancellationToken: cancellationToken);
        await ready.Task.WaitAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < messages)
            {
                await sender.SendDirectAsync(receiverId, $"{run} {Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture)}", cancellationToken: cancellationToken);
            }
        }));

        var latencies = await receiving;
        var elapsed = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        latencies.Sort();
        return (messages / elapsed, latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(latencies.Count * 0.99) - 1)]);
    }

    private static async Task<List<double>> ReceiveAsync(
        Client.AgentPlatformClient receiver, string run, int messages, TaskCompletionSource ready, CancellationToken cancellationToken)
    {
        var latencies = new List<double>(messages);
        var settle = new List<string>(AckBatch);
        await foreach (var delivery in receiver.SubscribeAsync(cancellationToken))
        {
            settle.Add(delivery.DeliveryId);
            var content = delivery.Message.Content;
            if (delivery.Message.Kind == MessageKind.Direct && delivery.Attempt == 1 && content.StartsWith(run, StringComparison.Ordinal))
            {
                var stamp = content[(run.Length + 1)..];
                if (stamp == "warm-up")
                {
                    ready.TrySetResult();
                }
                else
                {
                    latencies.Add(Stopwatch.GetElapsedTime(long.Parse(stamp, CultureInfo.InvariantCulture)).TotalMilliseconds);
                }
            }

            if (settle.Count >= AckBatch || latencies.Count == messages)
            {
                await receiver.AckAsync(settle, cancellationToken);
                settle.Clear();
            }

            if (latencies.Count == messages)
            {
                return latencies;
            }
        }

        throw new InvalidOperationException($"The inbox stream ended after {latencies.Count} of {messages} messages.");
    }
}
