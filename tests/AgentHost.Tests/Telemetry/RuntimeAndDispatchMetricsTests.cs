using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace AgentPlatform.AgentHost.Tests.Telemetry;

/// <summary>Actor turns are counted per actor type and outcome, capability matches are timed with their outcome, and the .NET
/// runtime's own meter (JIT, garbage collector) is exported beside them.</summary>
[Collection(ProcessWideMetricsGroup.Name)]
public sealed partial class RuntimeAndDispatchMetricsTests
{
    [Fact]
    public async Task Turns_are_counted_per_actor_type_and_a_match_without_candidates_is_timed_as_such()
    {
        await using var host = await TestHost.StartAsync();
        var (_, key) = await host.RegisterAsync("counted");
        (await host.SendAsync(HttpMethod.Post, "api/v1/agents/me/heartbeat", key)).Dispose();
        using (var definition = await host.SendAsync(HttpMethod.Post, "api/v1/workflows/definitions", TestHost.OperatorToken,
            """{"id":"unmatched","steps":[{"id":"a","kind":"agent_task","capabilities":{"nobody-has-this":1.0},"timeout":"60s"}]}"""))
        {
            Assert.True(definition.IsSuccessStatusCode, await definition.Content.ReadAsStringAsync());
        }

        using (var started = await host.SendAsync(HttpMethod.Post, "api/v1/workflows/instances", TestHost.OperatorToken,
            """{"definition_id":"unmatched","instance_id":"unmatched-1"}"""))
        {
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        }

        var text = await ScrapeUntilAsync(host, t => MatchCount().IsMatch(t) && PresenceTurns().IsMatch(t) && JitTime().IsMatch(t));
        Assert.True(double.Parse(PresenceTurns().Match(text).Groups[1].Value, CultureInfo.InvariantCulture) >= 1, text);
        Assert.True(double.Parse(MatchCount().Match(text).Groups[1].Value, CultureInfo.InvariantCulture) >= 1, text);
        Assert.True(double.Parse(JitTime().Match(text).Groups[1].Value, CultureInfo.InvariantCulture) > 0, text);
        Assert.Matches("(?m)^dotnet_gc_collections_total\\{", text);
    }

    private static async Task<string> ScrapeUntilAsync(TestHost host, Func<string, bool> wanted)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await host.SendAsync(HttpMethod.Get, "metrics", null);
            var text = await response.Content.ReadAsStringAsync();
            if (wanted(text))
            {
                return text;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "the metrics never appeared:\n" + text);
            await Task.Delay(200);
        }
    }

    [GeneratedRegex("^agentplatform_runtime_turns_total\\{[^}]*actor_type=\"agent-presence\"[^}]*outcome=\"completed\"[^}]*\\} (\\S+)", RegexOptions.Multiline)]
    private static partial Regex PresenceTurns();

    [GeneratedRegex("^dotnet_jit_compilation_time_seconds_total\\{[^}]*\\} (\\S+)", RegexOptions.Multiline)]
    private static partial Regex JitTime();

    [GeneratedRegex("^agentplatform_dispatch_match_duration_seconds_count\\{[^}]*outcome=\"no_candidate\"[^}]*\\} (\\S+)", RegexOptions.Multiline)]
    private static partial Regex MatchCount();
}
