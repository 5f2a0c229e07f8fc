using System.Diagnostics;
using System.Net;
using AgentPlatform.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Samples;

/// <summary>The samples' HTTP clients against a server that answers every call 429 with a <c>Retry-After</c> far longer than the
/// sample's <c>--timeout</c>: each waits only until its timeout, then exits 1 saying why.</summary>
public sealed class SampleRetryAfterTests(ITestOutputHelper output)
{
    private const int RetryAfterSeconds = 120;
    private const int TimeoutSeconds = 3;

    [Theory]
    [InlineData("python3", "samples/python-agent/agent.py", "--channel lobby")]
    [InlineData("python3", "samples/python-agent/agent.py", "--take-tasks --capabilities review=0.9")]
    [InlineData("node", "samples/node-agent/agent.mjs", "--channel lobby")]
    [InlineData("python3", "samples/team/planner.py", "--role manager")]
    public async Task A_sample_rate_limited_past_its_timeout_exits_at_the_timeout_with_the_documented_error(string program, string script, string arguments)
    {
        var timeout = TestTimeout.After(60);
        await using var app = await StartAlwaysRateLimitedAsync();
        var start = ScriptProcess.StartInfo(program, script, [.. arguments.Split(' '), "--name", "limited", "--timeout", $"{TimeoutSeconds}"]);
        start.Environment["HOST_URL"] = app.Urls.First();
        var clock = Stopwatch.StartNew();

        var (exitCode, summary) = await ScriptProcess.RunForSummaryAsync(start, output, timeout);

        Assert.Equal(1, exitCode);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(TimeoutSeconds - 0.5), TimeSpan.FromSeconds(RetryAfterSeconds / 4));
        var error = Assert.Single(summary["errors"]!.AsArray())!.GetValue<string>();
        Assert.EndsWith($"answered 429: --timeout reached while rate limited (Retry-After {RetryAfterSeconds} s)", error, StringComparison.Ordinal);
        Assert.Equal(1, summary["rate_limited"]!.GetValue<int>());
    }

    private static async Task<WebApplication> StartAlwaysRateLimitedAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = $"{RetryAfterSeconds}";
            await context.Response.WriteAsJsonAsync(new { title = "Too many requests", retry_after_seconds = RetryAfterSeconds });
        });
        await app.StartAsync();
        return app;
    }
}
