using System.Diagnostics;
using System.Net;
using System.Text;
using AgentPlatform.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace AgentPlatform.Clients.Tests;

/// <summary>The samples' gRPC transports against a server that answers every call RESOURCE_EXHAUSTED with a RetryInfo delay far longer
/// than the sample's <c>--timeout</c>: each waits only until its timeout, then exits 1 saying why, as the HTTP transports do.</summary>
[Collection(ClientsHostGroup.Name)]
public sealed class SampleGrpcRetryAfterTests(ITestOutputHelper output)
{
    private const int RetryAfterSeconds = 120;
    private const int TimeoutSeconds = 3;

    [ClientsTheory]
    [InlineData(ClientProcess.Python, "samples/python-agent/agent.py", "--channel lobby")]
    [InlineData(ClientProcess.Python, "samples/python-agent/agent.py", "--take-tasks --capabilities review=0.9")]
    [InlineData(ClientProcess.Node, "samples/node-agent/agent.mjs", "--channel lobby")]
    [InlineData(ClientProcess.Node, "samples/node-agent/agent.mjs", "--take-tasks --capabilities review=0.9")]
    public async Task A_grpc_sample_rate_limited_past_its_timeout_exits_at_the_timeout_with_the_documented_error(string program, string script, string arguments)
    {
        var timeout = TestTimeout.After(60);
        await using var app = await StartAlwaysExhaustedAsync();
        var target = new Uri(app.Urls.First()).Authority;
        var clock = Stopwatch.StartNew();

        var (exitCode, summary) = await ClientProcess.RunAsync(
            program, script, [.. arguments.Split(' '), "--grpc", target, "--name", "limited", "--timeout", $"{TimeoutSeconds}"], output, timeout);

        Assert.Equal(1, exitCode);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(TimeoutSeconds - 0.5), TimeSpan.FromSeconds(RetryAfterSeconds / 4));
        var error = Assert.Single(summary["errors"]!.AsArray())!.GetValue<string>();
        Assert.EndsWith($"answered 429: --timeout reached while rate limited (Retry-After {RetryAfterSeconds} s)", error, StringComparison.Ordinal);
        Assert.Equal(1, summary["rate_limited"]!.GetValue<int>());
    }

    private static async Task<WebApplication> StartAlwaysExhaustedAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var details = Convert.ToBase64String(ExhaustedStatus());
        app.Run(context =>
        {
            // A trailers-only gRPC answer: the status travels in the headers of a response without a body.
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = "8";
            context.Response.Headers["grpc-message"] = "Too many requests";
            context.Response.Headers["grpc-status-details-bin"] = details;
            return Task.CompletedTask;
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>google.rpc.Status { code: 8, message, details: [Any(google.rpc.RetryInfo { retry_delay: RetryAfterSeconds s })] } in
    /// protobuf wire form (every length here is below 128, so each fits one byte).</summary>
    private static byte[] ExhaustedStatus()
    {
        byte[] duration = [0x08, RetryAfterSeconds];
        byte[] retryInfo = [0x0A, (byte)duration.Length, .. duration];
        var typeUrl = Encoding.ASCII.GetBytes("type.googleapis.com/google.rpc.RetryInfo");
        byte[] any = [0x0A, (byte)typeUrl.Length, .. typeUrl, 0x12, (byte)retryInfo.Length, .. retryInfo];
        var message = Encoding.ASCII.GetBytes("Too many requests");
        return [0x08, 8, 0x12, (byte)message.Length, .. message, 0x1A, (byte)any.Length, .. any];
    }
}
