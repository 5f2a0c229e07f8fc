using System.Text.Json;
using AgentPlatform.Agents.Core;
using AgentPlatform.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Agents.Tests.Core;

public sealed class AgentStateTests : IDisposable
{
    private static readonly AgentId Counter = AgentId.Create("counter", "c1");
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "agents-state-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Saved_state_survives_a_runtime_restart_over_the_same_sqlite_file()
    {
        await using (var first = await StartAsync())
        {
            await first.Agents.SendMessageAsync(new Increment(2), Counter, cancellationToken: TestTimeout.After());
            Assert.Equal(4, await first.Agents.SendMessageAsync<int>(new Increment(2), Counter, cancellationToken: TestTimeout.After()));
            await first.Agents.SendMessageAsync(new Note("remember me"), Counter, cancellationToken: TestTimeout.After());
        }

        await using var second = await StartAsync();

        Assert.Equal(5, await second.Agents.SendMessageAsync<int>(new Increment(1), Counter, cancellationToken: TestTimeout.After()));
        Assert.Equal("remember me", await second.Agents.SendMessageAsync<string>(new ReadNote(), Counter, cancellationToken: TestTimeout.After()));
        Assert.Equal(0, await second.Agents.SendMessageAsync<int>(new Increment(0), AgentId.Create("counter", "other"), cancellationToken: TestTimeout.After()));
    }

    [Fact]
    public async Task SaveAgentState_and_LoadAgentState_go_through_the_agent_and_persist()
    {
        await using (var first = await StartAsync())
        {
            await first.Agents.SendMessageAsync(new Increment(3), Counter, cancellationToken: TestTimeout.After());
            var saved = await first.Agents.SaveAgentStateAsync(Counter, TestTimeout.After());
            Assert.Equal("""{"count":3}""", saved?.GetRawText());

            await first.Agents.LoadAgentStateAsync(Counter, JsonSerializer.SerializeToElement(new { count = 42 }), TestTimeout.After());
        }

        await using var second = await StartAsync();

        Assert.Equal(42, await second.Agents.SendMessageAsync<int>(new Increment(0), Counter, cancellationToken: TestTimeout.After()));
        await Assert.ThrowsAsync<AgentNotFoundException>(async () => await second.Agents.SaveAgentStateAsync(AgentId.Create("nobody", "x"), TestTimeout.After()));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Task<AgentTestHost> StartAsync() => AgentTestHost.StartAsync(
        services => services.AddAgents(agents => agents.AddAgent<CounterAgent>("counter")),
        dataDirectory: _directory);
}
