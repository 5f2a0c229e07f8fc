using System.Text;
using System.Text.Json.Nodes;
using AgentPlatform.DaprSidecar.PubSub;

namespace AgentPlatform.DaprSidecar.Tests.PubSub;

/// <summary>The envelope the double builds around a published payload, field by field as daprd builds it.</summary>
public sealed class CloudEventsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, string> NoMetadata = [];

    [Fact]
    public void Json_goes_into_data_with_daprs_envelope_fields()
    {
        var cloudEvent = CloudEvents.Wrap("agent-platform", "pubsub", "orders", Encoding.UTF8.GetBytes("""{"id":"o1"}"""), "application/json", NoMetadata, Now);

        Assert.Equal("o1", cloudEvent["data"]!["id"]!.GetValue<string>());
        Assert.Equal("1.0", (string?)cloudEvent["specversion"]);
        Assert.Equal("agent-platform", (string?)cloudEvent["source"]);
        Assert.Equal("com.dapr.event.sent", (string?)cloudEvent["type"]);
        Assert.Equal("application/json", (string?)cloudEvent["datacontenttype"]);
        Assert.Equal("orders", (string?)cloudEvent["topic"]);
        Assert.Equal("pubsub", (string?)cloudEvent["pubsubname"]);
        Assert.False(string.IsNullOrEmpty((string?)cloudEvent["id"]));
        Assert.StartsWith("00-", (string?)cloudEvent["traceparent"], StringComparison.Ordinal);
        Assert.Equal("2026-12-01T12:00:00.000+00:00", (string?)cloudEvent["time"]);
    }

    [Fact]
    public void Text_becomes_a_string_and_other_types_data_base64()
    {
        var text = CloudEvents.Wrap("app", "pubsub", "t", Encoding.UTF8.GetBytes("{\"not\":\"parsed\"}"), "text/plain", NoMetadata, Now);
        var binary = CloudEvents.Wrap("app", "pubsub", "t", new byte[] { 1, 2, 3 }, "application/octet-stream", NoMetadata, Now);

        Assert.Equal("{\"not\":\"parsed\"}", (string?)text["data"]);
        Assert.Equal("AQID", (string?)binary["data_base64"]);
        Assert.Null(binary["data"]);
    }

    [Fact]
    public void A_published_CloudEvent_is_kept_with_topic_and_pubsub_overwritten()
    {
        var given = """{"specversion":"1.0","id":"mine","source":"elsewhere","type":"agent.reply","topic":"wrong","data":{"x":1}}""";

        var cloudEvent = CloudEvents.Wrap("app", "pubsub", "right", Encoding.UTF8.GetBytes(given), "application/cloudevents+json", NoMetadata, Now);

        Assert.Equal("mine", (string?)cloudEvent["id"]);
        Assert.Equal("elsewhere", (string?)cloudEvent["source"]);
        Assert.Equal("agent.reply", (string?)cloudEvent["type"]);
        Assert.Equal("right", (string?)cloudEvent["topic"]);
    }

    [Fact]
    public void Metadata_overrides_envelope_fields_and_ttl_sets_an_expiration()
    {
        var metadata = new Dictionary<string, string> { ["cloudevent.subject"] = "channel-7", ["cloudevent.id"] = "fixed", ["ttlInSeconds"] = "30" };

        var cloudEvent = CloudEvents.Wrap("app", "pubsub", "t", Encoding.UTF8.GetBytes("1"), "application/json", metadata, Now);

        Assert.Equal("channel-7", (string?)cloudEvent["subject"]);
        Assert.Equal("fixed", (string?)cloudEvent["id"]);
        Assert.False(CloudEvents.HasExpired(cloudEvent, Now.AddSeconds(29)));
        Assert.True(CloudEvents.HasExpired(cloudEvent, Now.AddSeconds(30)));
    }

    [Fact]
    public void Invalid_json_under_a_json_content_type_is_refused()
    {
        Assert.Throws<FormatException>(() => CloudEvents.Wrap("app", "pubsub", "t", Encoding.UTF8.GetBytes("{oops"), "application/json", NoMetadata, Now));
    }

    [Theory]
    [InlineData("event.type == \"urgent\"", true)]
    [InlineData("event.type != 'urgent'", false)]
    [InlineData("event.data.count == 3 && event.data.flag", true)]
    [InlineData("event.data.missing == 'x' || (event.source == \"app\" && !event.data.off)", true)]
    [InlineData("event.data.count == 4", false)]
    public void Match_expressions_read_the_supported_CEL_subset(string expression, bool expected)
    {
        var cloudEvent = JsonNode.Parse("""{"type":"urgent","source":"app","data":{"count":3,"flag":true,"off":false}}""")!.AsObject();

        Assert.Equal(expected, CelMatch.Parse(expression).Matches(cloudEvent));
    }

    [Theory]
    [InlineData("size(event.data) > 2")]
    [InlineData("event.type == ")]
    [InlineData("type == 'x'")]
    public void Match_expressions_beyond_the_subset_are_refused(string expression)
    {
        Assert.Throws<FormatException>(() => CelMatch.Parse(expression));
    }
}
