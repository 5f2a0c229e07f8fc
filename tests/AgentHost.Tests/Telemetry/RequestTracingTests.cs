using System.Diagnostics;
using AgentPlatform.AgentHost.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace AgentPlatform.AgentHost.Tests.Telemetry;

[Collection(ProcessWideTracingGroup.Name)]
public sealed class RequestTracingTests
{
    [Fact]
    public async Task Api_requests_are_traced_and_health_probes_and_metric_scrapes_are_not()
    {
        var spans = new ExportedSpans();
        await using var host = await TestHost.StartAsync(
            new Dictionary<string, string>
            {
                ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:9",
                ["Telemetry:TraceSampleRatio"] = "1",
            },
            builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));

        foreach (var path in new[] { "healthz", "healthz/live", "healthz/ready", "metrics" })
        {
            using var probe = await host.SendAsync(HttpMethod.Get, path, null);
            probe.EnsureSuccessStatusCode();
        }

        using var health = await host.SendAsync(HttpMethod.Get, "api/v1/health", TestHost.OperatorToken);
        health.EnsureSuccessStatusCode();

        await spans.WaitForAsync(s => s.GetTagItem("url.path") as string == "/api/v1/health");
        var traced = ServerSpansOf(host, spans).Select(s => s.GetTagItem("url.path") as string).ToList();
        Assert.Equal(["/api/v1/health"], traced);
    }

    [Fact]
    public async Task By_default_one_new_trace_in_ten_is_recorded_and_a_sampled_caller_is_always_followed()
    {
        var spans = new ExportedSpans();
        await using var host = await TestHost.StartAsync(
            new Dictionary<string, string> { ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:9" },
            builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        Assert.Equal(0.1, TelemetryOptions.DefaultTraceSampleRatio);

        const int Requests = 400;
        for (var i = 0; i < Requests; i++)
        {
            using var response = await host.SendAsync(HttpMethod.Get, "api/v1/health", TestHost.OperatorToken);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(200));
        var sampled = ServerSpansOf(host, spans).Count;
        Assert.InRange(sampled, 10, 80);

        var parent = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/health");
        request.Headers.Authorization = new("Bearer", TestHost.OperatorToken);
        request.Headers.Add("traceparent", $"00-{parent}-{ActivitySpanId.CreateRandom()}-01");
        using var followed = await host.Client.SendAsync(request);

        await spans.WaitForAsync(s => s.TraceId == parent && s.Kind == ActivityKind.Server);
    }

    /// <summary>ASP.NET Core's activity source is process-wide, so hosts of tests running in parallel feed this provider
    /// too; only spans of requests to this host's port count.</summary>
    private static List<Activity> ServerSpansOf(TestHost host, ExportedSpans spans) =>
        [.. spans.Snapshot().Where(s => s.Kind == ActivityKind.Server && s.GetTagItem("server.port") is int port && port == host.BaseAddress.Port)];
}
