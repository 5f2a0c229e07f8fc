using System.Net;

namespace AgentPlatform.AgentHost.Tests.Hosting;

public sealed class DurabilityTests
{
    [Fact]
    public async Task Identity_keys_and_rotation_survive_a_restart_over_the_same_data_directory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "agent-host-tests", Guid.NewGuid().ToString("N"));
        string id, rotated, original;
        using var cleanup = new DirectoryCleanup(directory);
        await using (var first = await TestHost.StartAsync(dataDirectory: directory))
        {
            (id, original) = await first.RegisterAsync("durable-one", """{"search":0.25}""");
            using var rotate = await first.SendAsync(HttpMethod.Post, "api/v1/agents/me/keys/rotate", original);
            rotated = (await TestHost.ReadJsonAsync(rotate))["api_key"]!.GetValue<string>();
            await first.RegisterAsync("durable-two");
            await first.App.StopAsync();
        }

        await using var second = await TestHost.StartAsync(dataDirectory: directory);
        using var me = await second.SendAsync(HttpMethod.Get, "api/v1/agents/me", rotated);
        using var old = await second.SendAsync(HttpMethod.Get, "api/v1/agents/me", original);
        using var taken = await second.SendAsync(HttpMethod.Post, "api/v1/agents", null, """{"name":"durable-one"}""");

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(id, (await TestHost.ReadJsonAsync(me))["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Contains("durable-two", await second.SnapshotAsync(), StringComparison.Ordinal);
    }

    private sealed class DirectoryCleanup(string directory) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS later.
            }
        }
    }
}
