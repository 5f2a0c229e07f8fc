using System.Net;
using System.Net.Http.Headers;
using AgentPlatform.Grpc.V1;
using AgentPlatform.TestKit;
using Google.Rpc;
using Grpc.Core;
using Xunit.Abstractions;

namespace AgentPlatform.Api.Grpc.Tests;

/// <summary>gRPC calls are audited like HTTP requests, and inbox subscriptions count against the HTTP inbox connection caps.</summary>
public sealed class GrpcAuditAndLimitTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Changes_and_refused_cross_agent_calls_are_audited_with_actor_rpc_target_and_status_and_routine_calls_are_not()
    {
        var timeout = TestTimeout.After(60);
        await using var host = await GrpcHost.StartAsync(output, timeout, settings => settings["Logging__LogLevel__AgentPlatform.Audit"] = "Information");
        var (ownerId, owner) = await host.RegisterAsync("audit-owner", timeout);
        var (strangerId, stranger) = await host.RegisterAsync("audit-stranger", timeout);
        var channels = new ChannelService.ChannelServiceClient(host.Channel);
        await channels.CreateChannelAsync(new CreateChannelRequest { Id = "audit-room", Name = "Audit room" }, owner, cancellationToken: timeout);
        await GrpcErrorAssert.FailsAsync(StatusCode.PermissionDenied, () => channels.PostMessageAsync(
            new PostMessageRequest { ChannelId = "audit-room", Content = "not a member" }, stranger, cancellationToken: timeout).ResponseAsync);
        await GrpcErrorAssert.FailsAsync(StatusCode.Unauthenticated, () => channels.JoinChannelAsync(
            new JoinChannelRequest { ChannelId = "audit-room" }, new Metadata { { "authorization", "Bearer not-a-key-0123456789" } }, cancellationToken: timeout).ResponseAsync);
        await new AgentService.AgentServiceClient(host.Channel).HeartbeatAsync(new HeartbeatRequest(), owner, cancellationToken: timeout);
        await channels.GetChannelAsync(new GetChannelRequest { ChannelId = "audit-room" }, owner, cancellationToken: timeout);

        var expected = new[]
        {
            $"anonymous agentplatform.v1.AgentService/Register agents/{ownerId}: OK",
            $"agent:{ownerId} agentplatform.v1.ChannelService/CreateChannel channels/audit-room: OK",
            $"agent:{strangerId} agentplatform.v1.ChannelService/PostMessage channels/audit-room: PermissionDenied",
            "anonymous agentplatform.v1.ChannelService/JoinChannel channels/audit-room: Unauthenticated",
        };
        while (!expected.All(host.Host.Log.Contains))
        {
            await Task.Delay(50, timeout);
        }

        var log = host.Host.Log;
        Assert.DoesNotContain("AgentService/Heartbeat", log, StringComparison.Ordinal);
        Assert.DoesNotContain("ChannelService/GetChannel", log, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyOf(owner), log, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-key-0123456789", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grpc_subscription_counts_as_an_inbox_stream_against_the_agents_cap_shared_with_http()
    {
        var timeout = TestTimeout.After(60);
        await using var host = await GrpcHost.StartAsync(output, timeout, settings => settings["Api__InboxConnections__MaxStreamsPerAgent"] = "1");
        var (listenerId, listener) = await host.RegisterAsync("capped-listener", timeout);
        var (_, sender) = await host.RegisterAsync("capped-sender", timeout);
        var inbox = new InboxService.InboxServiceClient(host.Channel);

        using (var open = CancellationTokenSource.CreateLinkedTokenSource(timeout))
        using (var first = inbox.Subscribe(new SubscribeRequest(), listener, cancellationToken: open.Token))
        {
            await inbox.SendDirectAsync(new SendDirectRequest { AgentId = listenerId, Content = "the first stream is open" }, sender, cancellationToken: timeout);
            Assert.True(await first.ResponseStream.MoveNext(timeout));

            using var second = inbox.Subscribe(new SubscribeRequest(), listener, cancellationToken: timeout);
            var refused = await GrpcErrorAssert.FailsAsync(StatusCode.ResourceExhausted, () => second.ResponseStream.MoveNext(timeout));
            Assert.Contains("MaxStreamsPerAgent", refused.Status.Detail, StringComparison.Ordinal);
            Assert.NotNull(refused.GetRpcStatus()?.GetDetail<RetryInfo>());

            using var http = host.Host.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/agents/me/inbox/stream");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KeyOf(listener));
            using var sse = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout);
            Assert.Equal(HttpStatusCode.TooManyRequests, sse.StatusCode);
            await open.CancelAsync();
        }

        // The cancelled stream gives its place back once the host sees it go.
        while (true)
        {
            using var again = inbox.Subscribe(new SubscribeRequest(), listener, cancellationToken: timeout);
            await inbox.SendDirectAsync(new SendDirectRequest { AgentId = listenerId, Content = "a place is free" }, sender, cancellationToken: timeout);
            try
            {
                Assert.True(await again.ResponseStream.MoveNext(timeout));
                break;
            }
            catch (RpcException busy) when (busy.StatusCode == StatusCode.ResourceExhausted)
            {
                await Task.Delay(50, timeout);
            }
        }
    }

    private static string KeyOf(Metadata key) => key.GetValue("authorization")!["Bearer ".Length..];
}
