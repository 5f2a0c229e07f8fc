using AgentPlatform.Client.Loop;
using AgentPlatform.Grpc.V1;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.Client.Tests.Samples;

/// <summary>The sample .NET agent in its own process against the real host over gRPC.</summary>
public sealed class DotnetAgentSampleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_sample_registers_heartbeats_talks_in_a_channel_and_posts_a_workflow_task_result()
    {
        var timeout = TestTimeout.After(120);
        await using var host = await PlatformHost.StartAsync(output, timeout);
        var (peer, peerId) = await host.RegisterAsync("sample-peer", timeout);
        using var _ = peer;
        await peer.CreateChannelAsync("sample-room", "Sample room", cancellationToken: timeout);
        await peer.JoinChannelAsync("sample-room", timeout);
        var heard = System.Threading.Channels.Channel.CreateUnbounded<Delivery>();
        using var peerStop = CancellationTokenSource.CreateLinkedTokenSource(timeout);
        var peerLoop = new AgentLoop(peer, new AgentLoopOptions
        {
            HandleMessage = async (delivery, token) => await heard.Writer.WriteAsync(delivery, token),
        }).RunAsync(peerStop.Token);

        await using var sample = SampleAgentProcess.Start(host.GrpcAddress, "sample-counter", "sample-room", output);
        var sampleId = (await sample.WaitForLineAsync("registered ", timeout))["registered ".Length..];
        await sample.WaitForLineAsync("joined sample-room", timeout);

        Delivery greeting;
        do
        {
            greeting = await heard.Reader.ReadAsync(timeout);
        }
        while (greeting.Message.Kind != MessageKind.Post || greeting.Message.SenderId != sampleId);

        Assert.Equal("sample-room", greeting.Message.ChannelId);
        Assert.Contains("sample-counter", greeting.Message.Content, StringComparison.Ordinal);

        await peer.PostAsync("sample-room", "hello sample", cancellationToken: timeout);
        Assert.Equal($"heard {peerId}: hello sample", await sample.WaitForLineAsync("heard ", timeout));

        var profile = await host.OperatorAsync(HttpMethod.Get, $"api/v1/agents/{sampleId}", null, "application/json", timeout);
        Assert.NotNull(profile["last_heartbeat"]);
        Assert.NotEqual("offline", profile["status"]!.GetValue<string>());

        var run = await host.RunAgentTaskAsync("sample-count", sampleId, """{ "text": "one two three four" }""", timeout);
        output.WriteLine(run.ToJsonString());
        Assert.Equal("completed", run["status"]!.GetValue<string>());
        Assert.Equal(4, run["output"]!["words"]!.GetValue<int>());
        await sample.WaitForLineAsync("task sample-count-1:work:1: 4 words", timeout);

        await peerStop.CancelAsync();
        await peerLoop;
    }
}
