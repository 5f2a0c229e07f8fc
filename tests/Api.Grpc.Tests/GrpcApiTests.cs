using System.Text.Json.Nodes;
using AgentPlatform.Grpc.V1;
using AgentPlatform.TestKit;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Xunit.Abstractions;

namespace AgentPlatform.Api.Grpc.Tests;

/// <summary>The agentplatform.v1 services through the real host over h2c: identity, channels, the inbox stream, errors.</summary>
public sealed class GrpcApiTests(GrpcHostFixture fixture, ITestOutputHelper output) : IClassFixture<GrpcHostFixture>
{
    private GrpcHost Host => fixture.Host;

    [Fact]
    public async Task Register_heartbeat_and_get_me_keep_the_declared_status_and_rotation_retires_the_old_key()
    {
        var timeout = TestTimeout.After(30);
        var (id, key) = await Host.RegisterAsync("grpc-beater", timeout, ("search", 0.8));
        var agents = new AgentService.AgentServiceClient(Host.Channel);

        var beat = await agents.HeartbeatAsync(new HeartbeatRequest { Status = DeclaredStatus.Busy }, key, cancellationToken: timeout);
        Assert.Equal("busy", beat.Status);
        Assert.True(beat.IntervalSeconds > 0);
        var me = await agents.GetMeAsync(new GetMeRequest(), key, cancellationToken: timeout);
        Assert.Equal(id, me.Id);
        Assert.Equal("busy", me.Status);
        Assert.Equal(0.8, me.Capabilities["search"]);

        var updated = await agents.UpdateMeAsync(new UpdateMeRequest { Description = "changed", MaxConcurrentTasks = 3 }, key, cancellationToken: timeout);
        Assert.Equal("changed", updated.Description);
        Assert.Equal(3, updated.MaxConcurrentTasks);

        var rotated = await agents.RotateKeyAsync(new RotateKeyRequest(), key, cancellationToken: timeout);
        await GrpcErrorAssert.FailsAsync(StatusCode.Unauthenticated, () => agents.GetMeAsync(new GetMeRequest(), key, cancellationToken: timeout).ResponseAsync);
        var fresh = new Metadata { { "authorization", $"Bearer {rotated.ApiKey}" } };
        Assert.Equal(id, (await agents.GetMeAsync(new GetMeRequest(), fresh, cancellationToken: timeout)).Id);
        await GrpcErrorAssert.FailsAsync(StatusCode.Unauthenticated, () => agents.GetMeAsync(new GetMeRequest(), cancellationToken: timeout).ResponseAsync);
    }

    [Fact]
    public async Task A_role_is_registered_changed_cleared_and_checked_like_over_http()
    {
        var timeout = TestTimeout.After(30);
        var agents = new AgentService.AgentServiceClient(Host.Channel);

        var registered = await agents.RegisterAsync(new RegisterRequest { Name = "grpc-coordinator", Role = "coordinator" }, cancellationToken: timeout);
        var key = new Metadata { { "authorization", $"Bearer {registered.ApiKey}" } };
        var promoted = await agents.UpdateMeAsync(new UpdateMeRequest { Role = "manager" }, key, cancellationToken: timeout);
        var kept = await agents.UpdateMeAsync(new UpdateMeRequest { Description = "plans" }, key, cancellationToken: timeout);
        await GrpcErrorAssert.InvalidAsync("role", () => agents.UpdateMeAsync(new UpdateMeRequest { Role = "boss" }, key, cancellationToken: timeout).ResponseAsync);
        await GrpcErrorAssert.InvalidAsync("role", () => agents.RegisterAsync(new RegisterRequest { Name = "grpc-bossy", Role = "boss" }, cancellationToken: timeout).ResponseAsync);
        var cleared = await agents.UpdateMeAsync(new UpdateMeRequest { Role = string.Empty }, key, cancellationToken: timeout);

        Assert.Equal("coordinator", registered.Agent.Role);
        Assert.Equal("manager", promoted.Role);
        Assert.Equal("manager", kept.Role);
        Assert.False(cleared.HasRole);
    }

    [Fact]
    public async Task A_post_arrives_on_the_inbox_stream_a_nack_brings_it_again_and_an_ack_settles_it()
    {
        var timeout = TestTimeout.After(60);
        var (_, poster) = await Host.RegisterAsync("grpc-poster", timeout);
        var (_, listener) = await Host.RegisterAsync("grpc-listener", timeout);
        var channels = new ChannelService.ChannelServiceClient(Host.Channel);
        var inbox = new InboxService.InboxServiceClient(Host.Channel);
        await channels.CreateChannelAsync(new CreateChannelRequest { Id = "grpc-room", Name = "gRPC room" }, poster, cancellationToken: timeout);
        await channels.JoinChannelAsync(new JoinChannelRequest { ChannelId = "grpc-room" }, poster, cancellationToken: timeout);
        var joined = await channels.JoinChannelAsync(new JoinChannelRequest { ChannelId = "grpc-room" }, listener, cancellationToken: timeout);
        Assert.True(joined.Joined);

        using var stream = inbox.Subscribe(new SubscribeRequest(), listener, cancellationToken: timeout);
        var posted = await channels.PostMessageAsync(
            new PostMessageRequest { ChannelId = "grpc-room", Content = "hello over grpc", Priority = Priority.High }, poster, cancellationToken: timeout);

        var first = await NextPostAsync(stream.ResponseStream, posted.Id, timeout);
        Assert.Equal(1, first.Attempt);
        Assert.Equal("hello over grpc", first.Message.Content);
        Assert.Equal(MessageKind.Post, first.Message.Kind);
        Assert.Equal(Priority.High, first.Message.Priority);

        var handedBack = await inbox.NackAsync(new SettleRequest { DeliveryIds = { first.DeliveryId } }, listener, cancellationToken: timeout);
        Assert.Equal(1, handedBack.HandedBack);
        var again = await NextPostAsync(stream.ResponseStream, posted.Id, timeout);
        Assert.Equal(first.DeliveryId, again.DeliveryId);
        Assert.Equal(2, again.Attempt);

        var acked = await inbox.AckAsync(new SettleRequest { DeliveryIds = { again.DeliveryId } }, listener, cancellationToken: timeout);
        Assert.Equal(1, acked.Acknowledged);
        Assert.Equal(0, (await inbox.AckAsync(new SettleRequest { DeliveryIds = { again.DeliveryId } }, listener, cancellationToken: timeout)).Acknowledged);

        var log = await channels.ReadMessagesAsync(new ReadMessagesRequest { ChannelId = "grpc-room" }, listener, cancellationToken: timeout);
        Assert.Contains(log.Messages, m => m.Id == posted.Id);
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_stream_gets_its_unacknowledged_delivery_again_on_a_new_stream()
    {
        var timeout = TestTimeout.After(60);
        var (_, sender) = await Host.RegisterAsync("grpc-sender", timeout);
        var (receiverId, receiver) = await Host.RegisterAsync("grpc-receiver", timeout);
        var inbox = new InboxService.InboxServiceClient(Host.Channel);
        var sent = await inbox.SendDirectAsync(new SendDirectRequest { AgentId = receiverId, Content = "left unacknowledged" }, sender, cancellationToken: timeout);
        Assert.Equal(MessageKind.Direct, sent.Kind);

        Delivery first;
        using (var leaving = CancellationTokenSource.CreateLinkedTokenSource(timeout))
        using (var stream = inbox.Subscribe(new SubscribeRequest(), receiver, cancellationToken: leaving.Token))
        {
            first = await NextPostAsync(stream.ResponseStream, sent.Id, timeout);
            await leaving.CancelAsync();
        }

        using var back = inbox.Subscribe(new SubscribeRequest(), receiver, cancellationToken: timeout);
        var again = await NextPostAsync(back.ResponseStream, sent.Id, timeout);
        Assert.Equal(first.DeliveryId, again.DeliveryId);
        Assert.Equal(first.Attempt + 1, again.Attempt);
        Assert.Equal(1, (await inbox.AckAsync(new SettleRequest { DeliveryIds = { again.DeliveryId } }, receiver, cancellationToken: timeout)).Acknowledged);
    }

    [Fact]
    public async Task Bad_input_is_invalid_argument_naming_the_field_and_changes_nothing()
    {
        var timeout = TestTimeout.After(30);
        var (_, key) = await Host.RegisterAsync("grpc-careless", timeout);
        var agents = new AgentService.AgentServiceClient(Host.Channel);
        var channels = new ChannelService.ChannelServiceClient(Host.Channel);
        var inbox = new InboxService.InboxServiceClient(Host.Channel);

        await GrpcErrorAssert.InvalidAsync("name", () => agents.RegisterAsync(new RegisterRequest { Name = "x" }, cancellationToken: timeout).ResponseAsync);
        await GrpcErrorAssert.InvalidAsync("status", () => agents.HeartbeatAsync(new HeartbeatRequest { Status = (DeclaredStatus)42 }, key, cancellationToken: timeout).ResponseAsync);
        await GrpcErrorAssert.InvalidAsync("max_concurrent_tasks", () => agents.UpdateMeAsync(new UpdateMeRequest { MaxConcurrentTasks = 0 }, key, cancellationToken: timeout).ResponseAsync);
        await GrpcErrorAssert.InvalidAsync("id", () => channels.CreateChannelAsync(new CreateChannelRequest { Id = "Not Valid", Name = "n" }, key, cancellationToken: timeout).ResponseAsync);
        await channels.CreateChannelAsync(new CreateChannelRequest { Id = "grpc-careful", Name = "careful" }, key, cancellationToken: timeout);
        await channels.JoinChannelAsync(new JoinChannelRequest { ChannelId = "grpc-careful" }, key, cancellationToken: timeout);
        await GrpcErrorAssert.InvalidAsync("content", () => channels.PostMessageAsync(new PostMessageRequest { ChannelId = "grpc-careful", Content = " " }, key, cancellationToken: timeout).ResponseAsync);
        await GrpcErrorAssert.InvalidAsync("priority", () => channels.PostMessageAsync(
            new PostMessageRequest { ChannelId = "grpc-careful", Content = "ok", Priority = (Priority)99 }, key, cancellationToken: timeout).ResponseAsync);
        await GrpcErrorAssert.FailsAsync(StatusCode.ResourceExhausted, () => channels.PostMessageAsync(
            new PostMessageRequest { ChannelId = "grpc-careful", Content = new string('x', 100_000) }, key, cancellationToken: timeout).ResponseAsync);
        await GrpcErrorAssert.InvalidAsync("limit", () => channels.ReadMessagesAsync(new ReadMessagesRequest { ChannelId = "grpc-careful", Limit = -1 }, key, cancellationToken: timeout).ResponseAsync);
        await GrpcErrorAssert.InvalidAsync("delivery_ids[0]", () => inbox.AckAsync(new SettleRequest { DeliveryIds = { "" } }, key, cancellationToken: timeout).ResponseAsync);

        var me = await agents.GetMeAsync(new GetMeRequest(), key, cancellationToken: timeout);
        Assert.Equal(1, me.MaxConcurrentTasks);
        var log = await channels.ReadMessagesAsync(new ReadMessagesRequest { ChannelId = "grpc-careful" }, key, cancellationToken: timeout);
        Assert.DoesNotContain(log.Messages, m => m.Kind == MessageKind.Post);
        await GrpcErrorAssert.FailsAsync(StatusCode.NotFound, () => channels.GetChannelAsync(new GetChannelRequest { ChannelId = "grpc-nowhere" }, key, cancellationToken: timeout).ResponseAsync);
    }

    [Fact]
    public async Task A_task_arrives_on_the_stream_only_its_holder_may_act_and_its_grpc_result_completes_the_step()
    {
        var timeout = TestTimeout.After(90);
        var (workerId, worker) = await Host.RegisterAsync("grpc-worker", timeout, ("grpc-sum", 1.0));
        var (_, stranger) = await Host.RegisterAsync("grpc-stranger", timeout);
        var tasks = new TaskService.TaskServiceClient(Host.Channel);
        var definition = $$"""
            id: grpc-chore
            steps:
              - id: work
                kind: agent_task
                agent: "{{workerId}}"
                input: { n: "${input.n}" }
            """;
        await Host.OperatorAsync(HttpMethod.Post, "api/v1/workflows/definitions", definition, "application/yaml", timeout);

        using var stream = new InboxService.InboxServiceClient(Host.Channel).Subscribe(new SubscribeRequest(), worker, cancellationToken: timeout);
        await Host.OperatorAsync(HttpMethod.Post, "api/v1/workflows/instances",
            """{ "definition_id": "grpc-chore", "instance_id": "grpc-chore-1", "input": { "n": 7 } }""", "application/json", timeout);
        Delivery delivery;
        do
        {
            Assert.True(await stream.ResponseStream.MoveNext(timeout), "The stream ended before the task came.");
            delivery = stream.ResponseStream.Current;
        }
        while (delivery.Message.Kind != MessageKind.Task);

        var task = JsonNode.Parse(delivery.Message.Content)!;
        var taskId = task["task_id"]!.GetValue<string>();
        Assert.Equal("grpc-chore-1:work:1", taskId);
        Assert.Equal(7, task["input"]!["n"]!.GetValue<int>());

        await GrpcErrorAssert.FailsAsync(StatusCode.PermissionDenied, () => tasks.PostResultAsync(
            new PostResultRequest { TaskId = taskId, Output = Value.ForNumber(1) }, stranger, cancellationToken: timeout).ResponseAsync);
        await GrpcErrorAssert.FailsAsync(StatusCode.PermissionDenied, () => tasks.HeartbeatAsync(new TaskHeartbeatRequest { TaskId = taskId }, stranger, cancellationToken: timeout).ResponseAsync);
        await GrpcErrorAssert.InvalidAsync("output", () => tasks.PostResultAsync(new PostResultRequest { TaskId = taskId }, worker, cancellationToken: timeout).ResponseAsync);
        var kindless = new Struct { Fields = { ["sum"] = new Value() } };
        await GrpcErrorAssert.InvalidAsync("output", () => tasks.PostResultAsync(
            new PostResultRequest { TaskId = taskId, Output = Value.ForStruct(kindless) }, worker, cancellationToken: timeout).ResponseAsync);
        await GrpcErrorAssert.InvalidAsync("reason", () => tasks.RejectAsync(new RejectTaskRequest { TaskId = taskId, Reason = "" }, worker, cancellationToken: timeout).ResponseAsync);
        await GrpcErrorAssert.FailsAsync(StatusCode.NotFound, () => tasks.PostResultAsync(
            new PostResultRequest { TaskId = "grpc-chore-1:work:9", Output = Value.ForNumber(1) }, worker, cancellationToken: timeout).ResponseAsync);

        var beat = await tasks.HeartbeatAsync(new TaskHeartbeatRequest { TaskId = taskId }, worker, cancellationToken: timeout);
        Assert.Equal("accepted", beat.Status);
        Assert.Equal("assigned", beat.Task.State);
        await new InboxService.InboxServiceClient(Host.Channel).AckAsync(new SettleRequest { DeliveryIds = { delivery.DeliveryId } }, worker, cancellationToken: timeout);

        var sum = new Struct { Fields = { ["sum"] = Value.ForNumber(8) } };
        var done = await tasks.PostResultAsync(new PostResultRequest { TaskId = taskId, Output = Value.ForStruct(sum) }, worker, cancellationToken: timeout);
        Assert.Equal("accepted", done.Status);
        var again = await tasks.PostResultAsync(new PostResultRequest { TaskId = taskId, Output = Value.ForNumber(9) }, worker, cancellationToken: timeout);
        Assert.Equal("duplicate", again.Status);

        JsonNode state;
        do
        {
            state = await Host.OperatorAsync(HttpMethod.Get, "api/v1/workflows/instances/grpc-chore-1?wait=30", null, "application/json", timeout);
        }
        while (state["status"]!.GetValue<string>() is "running" or "pending");

        output.WriteLine(state.ToJsonString());
        Assert.Equal("completed", state["status"]!.GetValue<string>());
        Assert.Equal(8, state["output"]!["sum"]!.GetValue<int>());
    }

    private static async Task<Delivery> NextPostAsync(IAsyncStreamReader<Delivery> stream, string messageId, CancellationToken timeout)
    {
        while (await stream.MoveNext(timeout))
        {
            if (stream.Current.Message.Id == messageId)
            {
                return stream.Current;
            }
        }

        throw new InvalidOperationException("The inbox stream ended.");
    }
}
