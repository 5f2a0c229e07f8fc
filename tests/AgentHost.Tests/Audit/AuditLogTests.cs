using System.Net;
using AgentPlatform.AgentHost.Audit;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.AgentHost.Tests.Audit;

/// <summary>Every change through the API, and every refused attempt, is written to the audit category naming actor, action, target
/// and status, and never a key or token.</summary>
public sealed class AuditLogTests
{
    [Fact]
    public async Task Changes_and_refused_attempts_are_audited_with_actor_action_target_and_status_and_no_secret()
    {
        var recorder = new RecordingLoggerProvider(AuditLog.Category);
        await using var host = await TestHost.StartAsync(
            new Dictionary<string, string> { [$"Logging:LogLevel:{AuditLog.Category}"] = "Information" },
            builder => builder.Logging.AddProvider(recorder));
        var (alice, aliceKey) = await host.RegisterAsync("audit-alice");
        var (bob, bobKey) = await host.RegisterAsync("audit-bob");

        (await host.SendAsync(HttpMethod.Patch, "api/v1/agents/me", aliceKey, """{"description":"changed"}""")).Dispose();
        (await host.SendAsync(HttpMethod.Post, "api/v1/agents/me/heartbeat", aliceKey)).Dispose();
        using (var crossAgent = await host.SendAsync(HttpMethod.Post, $"api/v1/agents/{bob}/keys/revoke", aliceKey))
        {
            Assert.Equal(HttpStatusCode.Forbidden, crossAgent.StatusCode);
        }

        (await host.SendAsync(HttpMethod.Post, "api/v1/channels", aliceKey, """{"id":"audit-room","name":"Audit room"}""")).Dispose();
        (await host.SendAsync(HttpMethod.Delete, $"api/v1/agents/{bob}", "wrong-password-hunter2-0123456789")).Dispose();
        (await host.SendAsync(HttpMethod.Delete, $"api/v1/agents/{bob}", TestHost.OperatorToken)).Dispose();
        (await host.SendAsync(HttpMethod.Get, "api/v1/agents", TestHost.OperatorToken)).Dispose();

        var entries = await WaitForAsync(recorder, 7);
        // Each entry is written as its response completes, so two quick calls may be written in either order.
        string Describe(RecordedEntry e) => string.Join(' ', e.Values["Actor"], e.Values["Action"], e.Values["Target"], e.Values["Status"]);
        Assert.Equal(
            new[]
            {
                $"anonymous RegisterAgent /api/v1/agents/{alice} 201",
                $"anonymous RegisterAgent /api/v1/agents/{bob} 201",
                $"agent:{alice} UpdateMyAgent /api/v1/agents/{alice} 200",
                $"agent:{alice} RevokeAgentKeys /api/v1/agents/{bob}/keys/revoke 403",
                $"agent:{alice} CreateChannel /api/v1/channels/audit-room 201",
                $"anonymous DeleteAgent /api/v1/agents/{bob} 401",
                $"operator DeleteAgent /api/v1/agents/{bob} 204",
            }.Order(StringComparer.Ordinal),
            entries.Select(Describe).Order(StringComparer.Ordinal));
        Assert.All(entries, e => Assert.Equal(LogLevel.Information, e.Level));
        foreach (var secret in new[] { aliceKey, bobKey, aliceKey.Split('.')[0], TestHost.OperatorToken, "hunter2", "apk_" })
        {
            Assert.All(entries, e => Assert.DoesNotContain(secret, e.Message + string.Join(' ', e.Values.Values), StringComparison.Ordinal));
        }
    }

    /// <summary>Entries are written when each response completes, a moment after the client has read it.</summary>
    private static async Task<IReadOnlyList<RecordedEntry>> WaitForAsync(RecordingLoggerProvider recorder, int count)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (recorder.Entries.Count < count && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await Task.Delay(100);
        return recorder.Entries;
    }
}
