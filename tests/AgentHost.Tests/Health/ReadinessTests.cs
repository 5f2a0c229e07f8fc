using System.Net;
using AgentPlatform.Runtime.Embedded;
using Microsoft.Data.Sqlite;

namespace AgentPlatform.AgentHost.Tests.Health;

public sealed class ReadinessTests
{
    private static readonly Dictionary<string, string> FastBounds = new() { ["Health:SqliteWriteBound"] = "00:00:00.500" };

    [Fact]
    public async Task Ready_runs_the_sqlite_group_commit_and_reminder_checks_and_live_runs_none()
    {
        await using var host = await TestHost.StartAsync(FastBounds);

        using var ready = await host.SendAsync(HttpMethod.Get, "healthz/ready", null);
        var report = await TestHost.ReadJsonAsync(ready);
        using var live = await host.SendAsync(HttpMethod.Get, "healthz/live", null);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("healthy", report["status"]!.GetValue<string>());
        Assert.Equal(["group-commit", "reminders", "sqlite"], report["checks"]!.AsObject().Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Empty((await TestHost.ReadJsonAsync(live))["checks"]!.AsObject());
    }

    [Fact]
    public async Task A_database_locked_by_another_process_turns_ready_to_503_naming_sqlite_and_back_once_released()
    {
        await using var host = await TestHost.StartAsync(FastBounds);
        await using (var locker = new SqliteConnection($"Data Source={Path.Combine(host.DataDirectory, EmbeddedRuntimeOptions.DatabaseFileName)};Pooling=False"))
        {
            await locker.OpenAsync();
            await using var exclusive = locker.CreateCommand();
            exclusive.CommandText = "PRAGMA busy_timeout=5000; BEGIN EXCLUSIVE;";
            await exclusive.ExecuteNonQueryAsync();

            using var locked = await host.SendAsync(HttpMethod.Get, "healthz/ready", null);
            var report = await TestHost.ReadJsonAsync(locked);
            using var healthz = await host.SendAsync(HttpMethod.Get, "healthz", null);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, locked.StatusCode);
            Assert.Equal("unhealthy", report["checks"]!["sqlite"]!["status"]!.GetValue<string>());
            Assert.Contains("not writable", report["checks"]!["sqlite"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        }

        using var released = await host.SendAsync(HttpMethod.Get, "healthz/ready", null);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
    }

    [Fact]
    public async Task Operator_summary_counts_agents_by_status_and_describes_the_database()
    {
        await using var host = await TestHost.StartAsync(FastBounds);
        var (_, key) = await host.RegisterAsync("summary-one");
        await host.RegisterAsync("summary-two");
        (await host.SendAsync(HttpMethod.Post, "api/v1/agents/me/heartbeat", key)).Dispose();

        using var response = await host.SendAsync(HttpMethod.Get, "api/v1/health", TestHost.OperatorToken);
        var summary = await TestHost.ReadJsonAsync(response);
        using var asAgent = await host.SendAsync(HttpMethod.Get, "api/v1/health", key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, summary["agents"]!["total"]!.GetValue<int>());
        Assert.Equal(1, summary["agents"]!["available"]!.GetValue<int>());
        Assert.Equal(1, summary["agents"]!["offline"]!.GetValue<int>());
        Assert.True(summary["database"]!["size_bytes"]!.GetValue<long>() > 0);
        Assert.Equal("healthy", summary["checks"]!["sqlite"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, asAgent.StatusCode);
    }

    [Fact]
    public async Task Metrics_are_served_as_prometheus_text_with_http_and_storage_instruments()
    {
        await using var host = await TestHost.StartAsync(FastBounds);
        await host.RegisterAsync("metrics-one");

        using var response = await host.SendAsync(HttpMethod.Get, "metrics", null);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        Assert.Contains("agentplatform_storage_commits", text, StringComparison.Ordinal);
    }
}
