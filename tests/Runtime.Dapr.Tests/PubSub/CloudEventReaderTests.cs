using System.Text;
using System.Text.Json;
using AgentPlatform.Runtime.Dapr.PubSub;

namespace AgentPlatform.Runtime.Dapr.Tests.PubSub;

public sealed class CloudEventReaderTests
{
    [Fact]
    public void Every_envelope_field_the_platform_knows_is_kept()
    {
        var json = """
            {"specversion":"1.0","id":"evt-1","source":"agent-platform","type":"agentplatform.channel.posted",
             "datacontenttype":"application/json","data":{"head":3},"subject":"lobby","topic":"channels.posts",
             "pubsubname":"pubsub-broadcast","time":"2026-12-01T10:00:00Z","traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
             "tracestate":"k=v","expiration":"2026-12-01T10:01:00Z"}
            """;

        var cloudEvent = CloudEventReader.Read(Encoding.UTF8.GetBytes(json), "fallback-topic", "fallback-pubsub");

        Assert.Equal(("evt-1", "agent-platform", "agentplatform.channel.posted", "lobby"), (cloudEvent.Id, cloudEvent.Source, cloudEvent.Type, cloudEvent.Subject));
        Assert.Equal(("channels.posts", "pubsub-broadcast"), (cloudEvent.Topic, cloudEvent.PubSubName));
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), cloudEvent.Time);
        Assert.Equal(("k=v", DateTimeOffset.Parse("2026-12-01T10:01:00Z", System.Globalization.CultureInfo.InvariantCulture)), (cloudEvent.TraceState, cloudEvent.Expiration!.Value));
        Assert.Equal(3, cloudEvent.GetData<JsonElement>().GetProperty("head").GetInt32());
    }

    [Fact]
    public void Base64_data_is_read_as_json_or_text_by_its_content_type()
    {
        var asJson = CloudEventReader.Read(Encoding.UTF8.GetBytes($$"""{"id":"1","datacontenttype":"application/json","data_base64":"{{Convert.ToBase64String("[1,2]"u8)}}"}"""), "t", "p");
        var asText = CloudEventReader.Read(Encoding.UTF8.GetBytes($$"""{"id":"2","datacontenttype":"text/plain","data_base64":"{{Convert.ToBase64String("hi"u8)}}"}"""), "t", "p");

        Assert.Equal([1, 2], asJson.GetData<int[]>()!);
        Assert.Equal("hi", asText.Data);
        Assert.Equal(("t", "p"), (asJson.Topic, asJson.PubSubName));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1]")]
    [InlineData("""{"source":"x"}""")]
    public void A_body_that_is_not_a_cloud_event_is_refused(string body) =>
        Assert.Throws<FormatException>(() => CloudEventReader.Read(Encoding.UTF8.GetBytes(body), "t", "p"));
}
