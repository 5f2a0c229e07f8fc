using System.Text;
using AgentPlatform.Agents.Rights;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Agents.Tests.Rights;

/// <summary>The instances an agent may raise events on: the latest <see cref="AgentRightsActor.MaxStartedInstances"/> it started or
/// worked for, each kept under its own key.</summary>
public sealed class AgentRightsActorTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "agent-rights-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_new_activation_knows_the_instances_recorded_before_a_restart_and_does_not_record_them_twice()
    {
        await using (var first = await StartOnDiskAsync())
        {
            var rights = first.Get<IAgentRights>();
            await rights.SetAsync("agent-1", new AgentRights([], RaiseEvents: true), TestTimeout.After());
            await rights.RecordStartedAsync("agent-1", "i-0", TestTimeout.After());
            await rights.RecordStartedAsync("agent-1", "i-1", TestTimeout.After());
            await rights.RecordWorkingForAsync("agent-1", "i-0", TestTimeout.After());
        }

        await using var second = await StartOnDiskAsync();
        var reopened = second.Get<IAgentRights>();
        await reopened.RecordWorkingForAsync("agent-1", "i-1", TestTimeout.After());
        await reopened.RecordStartedAsync("agent-1", "i-2", TestTimeout.After());
        await reopened.RecordStartedAsync("agent-1", "i-2", TestTimeout.After());

        Assert.True(await reopened.CanRaiseEventAsync("agent-1", "i-0", TestTimeout.After()));
        Assert.True(await reopened.CanRaiseEventAsync("agent-1", "i-1", TestTimeout.After()));
        Assert.True(await reopened.CanRaiseEventAsync("agent-1", "i-2", TestTimeout.After()));
        Assert.False(await reopened.CanRaiseEventAsync("agent-1", "i-3", TestTimeout.After()));
        var count = await second.Get<IActorStateStore>().GetAsync(
            ActorId.Create(AgentRightsActor.TypeName, "agent-1"), "started-count", TestTimeout.After());
        Assert.Equal("3", Encoding.UTF8.GetString(count!));
    }

    [Fact]
    public async Task Instances_recorded_at_once_are_each_kept_once()
    {
        await using var host = await AgentTestHost.StartAsync(services => services.AddAgentRights());
        var rights = host.Get<IAgentRights>();
        await rights.SetAsync("agent-1", new AgentRights([], RaiseEvents: true), TestTimeout.After());

        await Task.WhenAll(Enumerable.Range(0, 50).Select(n => rights.RecordWorkingForAsync("agent-1", $"i-{n % 40}", TestTimeout.After()).AsTask()));

        foreach (var n in Enumerable.Range(0, 40))
        {
            Assert.True(await rights.CanRaiseEventAsync("agent-1", $"i-{n}", TestTimeout.After()));
        }

        var count = await host.Get<IActorStateStore>().GetAsync(ActorId.Create(AgentRightsActor.TypeName, "agent-1"), "started-count", TestTimeout.After());
        Assert.Equal("40", Encoding.UTF8.GetString(count!));
    }

    [Fact]
    public async Task The_latest_instances_are_kept_in_first_record_order_and_the_oldest_goes_past_the_limit()
    {
        await using var host = await AgentTestHost.StartAsync(services => services.AddAgentRights());
        var rights = host.Get<IAgentRights>();
        await rights.SetAsync("agent-1", new AgentRights([], RaiseEvents: true), TestTimeout.After());
        for (var i = 0; i < AgentRightsActor.MaxStartedInstances; i++)
        {
            await rights.RecordStartedAsync("agent-1", $"i-{i}", TestTimeout.After());
        }

        // Recording a kept instance again does not move it to the newest end.
        await rights.RecordWorkingForAsync("agent-1", "i-0", TestTimeout.After());
        Assert.True(await rights.CanRaiseEventAsync("agent-1", "i-0", TestTimeout.After()));

        await rights.RecordStartedAsync("agent-1", "newest", TestTimeout.After());

        Assert.False(await rights.CanRaiseEventAsync("agent-1", "i-0", TestTimeout.After()));
        Assert.True(await rights.CanRaiseEventAsync("agent-1", "i-1", TestTimeout.After()));
        Assert.True(await rights.CanRaiseEventAsync("agent-1", "newest", TestTimeout.After()));
        Assert.False(await rights.CanRaiseEventAsync("agent-2", "newest", TestTimeout.After()));

        await rights.SetAsync("agent-1", new AgentRights([], RaiseEvents: false), TestTimeout.After());
        Assert.False(await rights.CanRaiseEventAsync("agent-1", "newest", TestTimeout.After()));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Task<AgentTestHost> StartOnDiskAsync() =>
        AgentTestHost.StartAsync(services => services.AddAgentRights(), dataDirectory: _directory);
}
