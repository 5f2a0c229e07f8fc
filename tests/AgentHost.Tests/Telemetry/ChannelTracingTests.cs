using System.Diagnostics;
using System.Net;
using OpenTelemetry.Trace;

namespace AgentPlatform.AgentHost.Tests.Telemetry;

public sealed class ChannelTracingTests
{
    [Fact]
    public async Task A_post_gets_one_fan_out_span_in_the_trace_of_the_request_that_posted_it()
    {
        var spans = new ExportedSpans();
        await using var host = await TestHost.StartAsync(
            new Dictionary<string, string> { ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:9" },
            builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        var (_, poster) = await host.RegisterAsync("tracer-poster");
        var (_, reader) = await host.RegisterAsync("tracer-reader");
        var channel = "traced-" + Guid.NewGuid().ToString("N")[..8];
        (await host.SendAsync(HttpMethod.Post, "api/v1/channels", poster, $$"""{"id":"{{channel}}","name":"Traced"}""")).EnsureSuccessStatusCode();
        (await host.SendAsync(HttpMethod.Post, $"api/v1/channels/{channel}/members", reader)).EnsureSuccessStatusCode();

        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/channels/{channel}/messages")
        {
            Content = new StringContent("""{"content":"traced hello"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", poster);
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        using var posted = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);

        var fanOut = await spans.WaitForAsync(s => s.TraceId == trace && s.OperationName == $"channel post {channel}");
        Assert.Equal(channel, fanOut.GetTagItem("channel.id"));
        Assert.Equal(1, fanOut.GetTagItem("channel.recipients"));
        Assert.Equal("normal", fanOut.GetTagItem("message.priority"));
        Assert.Single(spans.Snapshot(), s => s.OperationName == $"channel post {channel}" && s.GetTagItem("message.sequence") is long sequence && sequence > 0);
    }
}
