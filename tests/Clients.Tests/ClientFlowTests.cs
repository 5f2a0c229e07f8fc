using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.Clients.Tests;

/// <summary>Each language's client drives every RPC family against the real host (Flows/flow.py, Flows/flow.mjs): identity,
/// key rotation, profile, heartbeat, channels, direct messages, the inbox stream with ack and nack, request/reply, task
/// refusals, rate limits and validation details, and redelivery of what a client that disconnected mid-stream left unacked.</summary>
[Collection(ClientsHostGroup.Name)]
public sealed class ClientFlowTests(ClientsHost host, ITestOutputHelper output)
{
    private static readonly string[] Checks =
    [
        "register", "get_me", "update_me", "heartbeat", "rotate_key", "create_channel", "create_channel_taken", "list_channels",
        "get_channel", "join_channel", "post_and_read", "rate_limited_with_retry_delay", "invalid_argument_names_field",
        "leave_channel", "send_direct_and_stream", "ack", "nack_redelivers", "request_reply", "task_result_unknown_task",
        "task_heartbeat_unknown_task", "task_reject_unknown_task", "redelivered_after_disconnect",
    ];

    [ClientsTheory]
    [InlineData(ClientProcess.Python, "tests/Clients.Tests/Flows/flow.py")]
    [InlineData(ClientProcess.Node, "tests/Clients.Tests/Flows/flow.mjs")]
    public async Task The_client_does_the_whole_flow_and_gets_unacked_deliveries_again_after_disconnecting_mid_stream(string program, string script)
    {
        var (exitCode, summary) = await ClientProcess.RunAsync(program, script, [host.GrpcTarget], output, TestTimeout.After(45));

        Assert.Equal(0, exitCode);
        Assert.Null(summary["_failures"]);
        Assert.All(Checks, name => Assert.True(summary[name]?.GetValue<bool>(), $"check {name} did not pass"));
    }
}
