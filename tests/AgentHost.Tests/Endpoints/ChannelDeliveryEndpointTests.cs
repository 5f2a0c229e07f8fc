using System.Net;

namespace AgentPlatform.AgentHost.Tests.Endpoints;

/// <summary>The HTTP surface of delivery status, channel metrics and channel updates: who may read and change what, and
/// problem answers for bad input.</summary>
public sealed class ChannelDeliveryEndpointTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private TestHost Host => fixture.Host;

    [Fact]
    public async Task The_sender_and_the_operator_read_a_posts_delivery_status_and_another_member_gets_403()
    {
        var (_, alice) = await Host.RegisterAsync("delivery-alice");
        var (bobId, bob) = await Host.RegisterAsync("delivery-bob");
        using (var created = await Host.SendAsync(HttpMethod.Post, "api/v1/channels", alice, """{"id":"delivery-status","name":"Delivery"}"""))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (await Host.SendAsync(HttpMethod.Post, "api/v1/channels/delivery-status/members", bob))
        {
        }

        using var posted = await Host.SendAsync(HttpMethod.Post, "api/v1/channels/delivery-status/messages", alice, """{"content":"tracked"}""");
        var sequence = (await TestHost.ReadJsonAsync(posted))["sequence"]!.GetValue<long>();

        using var bySender = await Host.SendAsync(HttpMethod.Get, $"api/v1/channels/delivery-status/messages/{sequence}/delivery", alice);
        using var byOperator = await Host.SendAsync(HttpMethod.Get, $"api/v1/channels/delivery-status/messages/{sequence}/delivery", TestHost.OperatorToken);
        using var byMember = await Host.SendAsync(HttpMethod.Get, $"api/v1/channels/delivery-status/messages/{sequence}/delivery", bob);
        using var unknown = await Host.SendAsync(HttpMethod.Get, $"api/v1/channels/delivery-status/messages/{sequence + 5}/delivery", alice);
        using var badSequence = await Host.SendAsync(HttpMethod.Get, "api/v1/channels/delivery-status/messages/first/delivery", alice);
        using var badLimit = await Host.SendAsync(HttpMethod.Get, $"api/v1/channels/delivery-status/messages/{sequence}/delivery?limit=0", alice);

        var status = await TestHost.ReadJsonAsync(bySender);
        Assert.Equal(HttpStatusCode.OK, bySender.StatusCode);
        var recipient = Assert.Single(status["recipients"]!.AsArray())!;
        Assert.Equal((bobId, "pending"), (recipient["agent_id"]!.GetValue<string>(), recipient["state"]!.GetValue<string>()));
        Assert.NotNull(recipient["lease_detail_since"]);
        Assert.Equal(HttpStatusCode.OK, byOperator.StatusCode);
        await ProblemAssert.IsAsync(byMember, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsAsync(unknown, HttpStatusCode.NotFound, "not-found");
        Assert.NotNull((await ProblemAssert.IsAsync(badSequence, HttpStatusCode.BadRequest, "validation"))["errors"]!["sequence"]);
        Assert.NotNull((await ProblemAssert.IsAsync(badLimit, HttpStatusCode.BadRequest, "validation"))["errors"]!["limit"]);
    }

    [Fact]
    public async Task A_direct_message_points_at_its_delivery_status_which_only_its_sender_and_the_operator_read()
    {
        var (_, alice) = await Host.RegisterAsync("dm-delivery-alice");
        var (bobId, bob) = await Host.RegisterAsync("dm-delivery-bob");
        using var sent = await Host.SendAsync(HttpMethod.Post, $"api/v1/agents/{bobId}/messages", alice, """{"content":"psst"}""");
        var location = sent.Headers.Location!.OriginalString.TrimStart('/');

        using var bySender = await Host.SendAsync(HttpMethod.Get, location, alice);
        using var byRecipient = await Host.SendAsync(HttpMethod.Get, location, bob);
        using var byOperator = await Host.SendAsync(HttpMethod.Get, location, TestHost.OperatorToken);
        using var unknown = await Host.SendAsync(HttpMethod.Get, $"api/v1/agents/{bobId}/messages/999/delivery", alice);
        using var badSequence = await Host.SendAsync(HttpMethod.Get, $"api/v1/agents/{bobId}/messages/-1/delivery", alice);

        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.Equal("pending", (await TestHost.ReadJsonAsync(bySender))["recipients"]![0]!["state"]!.GetValue<string>());
        await ProblemAssert.IsAsync(byRecipient, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, byOperator.StatusCode);
        await ProblemAssert.IsAsync(unknown, HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsAsync(badSequence, HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task Channel_metrics_are_for_the_operator_only()
    {
        var (_, alice) = await Host.RegisterAsync("metrics-alice");
        using (await Host.SendAsync(HttpMethod.Post, "api/v1/channels", alice, """{"id":"metrics-channel","name":"Metrics"}"""))
        {
        }

        using (await Host.SendAsync(HttpMethod.Post, "api/v1/channels/metrics-channel/messages", alice, """{"content":"urgent","priority":"high"}"""))
        {
        }

        using var byOperator = await Host.SendAsync(HttpMethod.Get, "api/v1/channels/metrics-channel/metrics", TestHost.OperatorToken);
        using var byAgent = await Host.SendAsync(HttpMethod.Get, "api/v1/channels/metrics-channel/metrics", alice);
        using var unknown = await Host.SendAsync(HttpMethod.Get, "api/v1/channels/no-such-channel/metrics", TestHost.OperatorToken);

        var report = await TestHost.ReadJsonAsync(byOperator);
        Assert.Equal(HttpStatusCode.OK, byOperator.StatusCode);
        Assert.Equal((2L, 1L), (report["messages"]!.GetValue<long>(), report["posts"]!["high"]!.GetValue<long>()));
        Assert.Equal(0L, report["deliveries"]!["delivered"]!.GetValue<long>());
        Assert.NotNull(report["deliveries_since"]);
        await ProblemAssert.IsAsync(byAgent, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsAsync(unknown, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Patch_turns_topic_publishing_on_for_the_creator_and_refuses_others_and_bad_bodies()
    {
        var (_, alice) = await Host.RegisterAsync("patch-alice");
        var (_, bob) = await Host.RegisterAsync("patch-bob");
        using (await Host.SendAsync(HttpMethod.Post, "api/v1/channels", alice, """{"id":"patched","name":"Patched","publish_to_topic":false}"""))
        {
        }

        using var byOther = await Host.SendAsync(HttpMethod.Patch, "api/v1/channels/patched", bob, """{"publish_to_topic":true}""");
        using var empty = await Host.SendAsync(HttpMethod.Patch, "api/v1/channels/patched", alice, "{}");
        using var wrongType = await Host.SendAsync(HttpMethod.Patch, "api/v1/channels/patched", alice, """{"publish_to_topic":"yes"}""");
        using var blankName = await Host.SendAsync(HttpMethod.Patch, "api/v1/channels/patched", alice, """{"name":"  "}""");
        using var unknown = await Host.SendAsync(HttpMethod.Patch, "api/v1/channels/nowhere-at-all", alice, """{"name":"x"}""");
        using var byCreator = await Host.SendAsync(HttpMethod.Patch, "api/v1/channels/patched", alice, """{"publish_to_topic":true}""");
        using var read = await Host.SendAsync(HttpMethod.Get, "api/v1/channels/patched", bob);

        await ProblemAssert.IsAsync(byOther, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsAsync(empty, HttpStatusCode.BadRequest, "validation");
        Assert.NotNull((await ProblemAssert.IsAsync(wrongType, HttpStatusCode.BadRequest, "validation"))["errors"]!["publish_to_topic"]);
        Assert.NotNull((await ProblemAssert.IsAsync(blankName, HttpStatusCode.BadRequest, "validation"))["errors"]!["name"]);
        await ProblemAssert.IsAsync(unknown, HttpStatusCode.NotFound, "not-found");
        Assert.Equal(HttpStatusCode.OK, byCreator.StatusCode);
        var channel = await TestHost.ReadJsonAsync(read);
        Assert.Equal((true, "channel.patched"), (channel["publish_to_topic"]!.GetValue<bool>(), channel["topic"]!.GetValue<string>()));
    }
}
